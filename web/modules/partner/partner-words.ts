import type { OnwardStatus, SharedDetails } from '../../../common/onward-referrals';
import type { TagColour } from '../../ui/Tag';

export const STATUS_TAG_COLOURS: Record<OnwardStatus, TagColour> = {
  signposted: 'grey',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  closed: 'grey',
};

/** The inbox row's tag: a referral no one has opened yet says so, the rest say where they stand. */
export const tagOf = (item: { tab: string; status: OnwardStatus; statusLabel: string }) =>
  item.tab === 'new'
    ? { colour: 'orange' as TagColour, text: 'New' }
    : { colour: STATUS_TAG_COLOURS[item.status], text: item.statusLabel };

const CONTACT_WORDS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  text: 'Text message',
  letter: 'Letter',
};
const contactWord = (method: string | undefined) =>
  method === undefined ? undefined : (CONTACT_WORDS[method] ?? method);

/** What was shared, in the order and words the worker chose them from; only what is there. */
export function sharedRows(details: SharedDetails): { key: string; value: string }[] {
  const rows: { key: string; value: string | null | undefined }[] = [
    { key: 'Name', value: details.name },
    { key: 'Date of birth', value: details.dateOfBirth ? formatBirthDate(details.dateOfBirth) : undefined },
    { key: 'Postcode', value: details.postcode },
    { key: 'Phone', value: details.phone },
    { key: 'Email', value: details.email },
    { key: 'Prefers to be contacted by', value: contactWord(details.preferredContact) },
    { key: 'When to contact them', value: details.contactTimes },
    {
      key: details.dateOfBirth ? 'What they would like you to know' : 'What matters to them and why they are referred',
      value: details.reason,
    },
    { key: 'Access needs', value: details.accessNeeds },
    {
      key: 'Language',
      value:
        details.language === undefined
          ? undefined
          : `${details.language}${details.interpreterNeeded ? ' (needs an interpreter)' : ''}`,
    },
  ];
  return rows.filter((r): r is { key: string; value: string } => typeof r.value === 'string' && r.value !== '');
}

/** "3 February 1958", from an ISO date (a self-referral's date of birth). */
function formatBirthDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Who reads the organisation's notes and hears its answers: the referring team, or (a resident's
 * own self-referral) no one outside the organisation.
 */
export function readersOf(referral: { source: 'team' | 'self' }) {
  return referral.source === 'self'
    ? {
        noteLabel: 'Note for your records',
        reads: 'Only your organisation reads this.',
        told: '',
      }
    : { noteLabel: 'Note to the team', reads: 'The team reads this.', told: ' The team has been told.' };
}
