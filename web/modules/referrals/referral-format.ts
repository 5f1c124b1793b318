import { CLOSURE_REASON_LABELS, type ReferralStatus } from '../../../common/referrals';
import type { TagColour } from '../../ui/Tag';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "30 November 1948" from 1948-11-30 (a date, not an instant: no time zone shift). */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : DATE.format(date);
}

/** "12 Mar 2026, 14:05" in UK time. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WHEN.format(date);
}

export const STATUS_COLOURS: Record<ReferralStatus, TagColour> = {
  received: 'blue',
  triaged: 'purple',
  allocated: 'aqua-green',
  first_contact: 'green',
  active: 'green',
  discharged: 'grey',
  declined: 'red',
  redirected: 'orange',
  not_contactable: 'grey',
};

export function statusColour(status: string): TagColour {
  return STATUS_COLOURS[status as ReferralStatus] ?? 'grey';
}

/** What each status means for the practice that referred. */
export const STATUS_MEANING: Record<ReferralStatus, string> = {
  received: 'The social prescribing team has the referral. The team lead will look at it soon.',
  triaged: 'The team lead has looked at the referral and will give it to a member of the team.',
  allocated: 'A member of the team has been given the referral and will contact the person.',
  first_contact: 'The team has been in touch with the person.',
  active: 'The person is being supported by the team.',
  discharged: 'The team has finished supporting the person. The message back to the practice is below.',
  declined: 'The referral was declined.',
  redirected: 'The team passed the referral to a service that suits the person better.',
  not_contactable: 'The team could not reach the person.',
};

export function closureReasonText(reason: string | null): string | null {
  if (!reason) return null;
  return CLOSURE_REASON_LABELS[reason] ?? reason;
}
