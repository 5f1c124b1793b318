import type { OnwardStatus, SharedDetails } from '../../../common/onward-referrals';
import type { TagColour } from '../../ui/Tag';

export const STATUS_TAG_COLOURS: Record<OnwardStatus, TagColour> = {
  signposted: 'grey',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  closed: 'grey',
};

/** What was shared, in the order and words the worker chose them from; only what is there. */
export function sharedRows(details: SharedDetails): { key: string; value: string }[] {
  const rows: { key: string; value: string | null | undefined }[] = [
    { key: 'Name', value: details.name },
    { key: 'Phone', value: details.phone },
    { key: 'Email', value: details.email },
    { key: 'Prefers to be contacted by', value: details.preferredContact },
    { key: 'When to contact them', value: details.contactTimes },
    { key: 'What matters to them and why they are referred', value: details.reason },
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
