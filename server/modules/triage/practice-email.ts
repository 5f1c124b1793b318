import { CLOSURE_REASONS, type ClosureReason, referralReference, SNOMED } from '../../../common/referrals.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { queueEmail } from '../notifications/notifications.service.js';
import { organisationRefs, practiceContact } from '../organisations/organisations.service.js';
import { peopleByIds } from '../people/people.service.js';
import type { ReferralRow } from '../referrals/referrals.service.js';

// The email back to the referring practice when the team decides on its referral. It goes to the
// practice's shared mailbox, so it carries only what the practice already knows about its own
// referral (initials, date of birth, the date it was sent, a reference) and never case notes.

export type PracticeDecision =
  | { kind: 'accepted'; priority: string; firstContactDueAt: Date | null }
  | { kind: 'declined' | 'redirected'; reason: ClosureReason }
  | { kind: 'person_declined' }
  | { kind: 'not_contactable' };

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

const longDate = (d: Date) => LONG_DATE.format(d);
const dateOfBirth = (iso: string) => LONG_DATE.format(new Date(`${iso}T12:00:00Z`));
const initial = (name: string) => (name.trim().charAt(0) || '?').toUpperCase();

/** Queues the email in the caller's transaction: it exists exactly when the decision commits. */
export async function emailReferringPractice(
  tx: DbOrTx,
  row: ReferralRow,
  decision: PracticeDecision,
): Promise<boolean> {
  if (!row.practiceId) return false; // self- and other professional referrals: no practice to tell
  const practice = await practiceContact(tx, row.practiceId);
  if (!practice?.email) return false;
  // Inside the caller's transaction: one connection, so one query at a time.
  const people = await peopleByIds(tx, [row.personId]);
  const orgs = await organisationRefs(tx, [row.pcnId]);
  const person = people.get(row.personId);
  const team = `The ${orgs.get(row.pcnId)?.name ?? 'PCN'} social prescribing team`;
  const patient = person
    ? `the patient with initials ${initial(person.givenName)}. ${initial(person.familyName)}., born ${dateOfBirth(person.dateOfBirth)}`
    : 'your patient';
  const ref = referralReference(row.id);
  const sent = `your practice's referral of ${longDate(row.receivedAt)} for ${patient} (reference ${ref})`;

  let subject: string;
  const lines: string[] = [];
  switch (decision.kind) {
    case 'accepted':
      subject = `Social prescribing referral accepted (reference ${ref})`;
      lines.push(`${team} has accepted ${sent}.`);
      lines.push(`Priority: ${decision.priority}.`);
      if (decision.firstContactDueAt) {
        lines.push(`The team aims to make first contact by ${longDate(decision.firstContactDueAt)}.`);
      }
      break;
    case 'declined':
    case 'redirected':
      subject = `Social prescribing referral ${decision.kind} (reference ${ref})`;
      lines.push(`${team} has ${decision.kind} ${sent}.`);
      lines.push(`Reason: ${CLOSURE_REASONS[decision.reason]}.`);
      if (decision.reason === 'person_declined') lines.push(declinedCode());
      break;
    case 'person_declined':
      subject = `Social prescribing declined by the patient (reference ${ref})`;
      lines.push(`${team} contacted the patient about ${sent}. They declined social prescribing.`);
      lines.push(declinedCode());
      break;
    case 'not_contactable':
      subject = `Social prescribing: patient not contactable (reference ${ref})`;
      lines.push(`${team} could not contact the patient about ${sent}, and has closed the referral.`);
      break;
  }
  lines.push('', 'Sign in to Waymark to see the status of your referrals. This email contains no case notes.');
  await queueEmail(tx, { to: practice.email, subject, text: lines.join('\n') });
  return true;
}

function declinedCode(): string {
  return `For the patient's record: SNOMED CT ${SNOMED.socialPrescribingDeclined} (Social prescribing declined).`;
}
