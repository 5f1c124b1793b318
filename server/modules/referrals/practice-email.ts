import {
  CLOSURE_REASONS,
  type ClosureReason,
  referralLabel,
  referralReference,
  SNOMED,
} from '../../../common/referrals.js';
import type { Tx } from '../../platform/db/client.js';
import { notifyUser, queueEmail } from '../notifications/notifications.service.js';
import { organisationRefs, practiceContact } from '../organisations/organisations.service.js';
import { activeReferrersOfPractice } from '../users/users.service.js';
import type { ReferralRow } from './referrals.repository.js';

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
export async function emailReferringPractice(tx: Tx, row: ReferralRow, decision: PracticeDecision): Promise<boolean> {
  if (!row.practiceId) return false; // self- and other professional referrals: no practice to tell
  const practice = await practiceContact(tx, row.practiceId);
  if (!practice?.email) return false;
  const orgs = await organisationRefs(tx, [row.pcnId]);
  // The patient as the practice described them on its referral, never the record another team keeps.
  const person = row.personDetails;
  const team = `The ${orgs.get(row.pcnId)?.name ?? 'PCN'} social prescribing team`;
  const patient = `the patient with initials ${initial(person.givenName)}. ${initial(person.familyName)}., born ${dateOfBirth(person.dateOfBirth)}`;
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

/** What happened to a practice's referral, as its referrers read it in Waymark. */
export type PracticeNews = PracticeDecision | { kind: 'first_contact' } | { kind: 'discharged' };

const NEWS: { [K in PracticeNews['kind']]: string } = {
  accepted: 'accepted by the social prescribing team',
  declined: 'declined by the social prescribing team',
  redirected: 'redirected to another service',
  person_declined: 'the person declined social prescribing',
  not_contactable: 'the team could not contact the person',
  first_contact: 'first contact made',
  discharged: 'discharged: the message back to the GP is ready',
};

/**
 * Tells the referring practice's referrers in Waymark (the email goes to the practice's shared
 * mailbox; this reaches each of them in the app), in the caller's transaction. Self- and other
 * professional referrals have no practice to tell.
 */
export async function notifyReferringPractice(tx: Tx, row: ReferralRow, news: PracticeNews): Promise<number> {
  if (!row.practiceId) return 0;
  const referrers = await activeReferrersOfPractice(tx, row.practiceId);
  for (const referrer of referrers) {
    await notifyUser(tx, {
      userId: referrer.id,
      kind: `practice.${news.kind}`,
      title: `${referralLabel(row)}: ${NEWS[news.kind]}`,
      link: `/practice/referrals/${row.id}`,
    });
  }
  return referrers.length;
}

/** The email to the practice's mailbox and the in-app notice to its referrers, together. */
export async function tellReferringPractice(tx: Tx, row: ReferralRow, decision: PracticeDecision): Promise<void> {
  await emailReferringPractice(tx, row, decision);
  await notifyReferringPractice(tx, row, decision);
}
