import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './records.repository.js';

// What other modules ask about restriction of processing (UK GDPR Article 18), apart from the
// records service so that modules the records service itself calls (referrals, users) can ask too
// without a ring: allocation, reminders and messages to residents leave restricted people out.

/** Which of these people have their processing restricted now. */
export async function restrictedPeople(db: DbOrTx, personIds: readonly string[]): Promise<Set<string>> {
  return repo.restrictedAmong(db, personIds);
}

/** Whether the person (or the person of the referral) has their processing restricted now. */
export async function isRestricted(
  db: DbOrTx,
  who: { personId?: string | null; referralId?: string | null },
): Promise<boolean> {
  return repo.isRestricted(db, who);
}

/**
 * SQL for a where-clause on `resident_messages`: the message is not about a restricted person.
 * The delivery job adds it, so messages queued before a restriction wait until it is lifted.
 */
export const residentMessageNotRestricted = repo.residentMessageNotRestricted;
