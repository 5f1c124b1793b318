import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { referrals, selfReferralStarts } from './referrals.tables.js';

// The self-referral's own reads and writes (issue 14): journey starts, the 24-hour fold, and the
// status check by reference.

export async function insertStart(db: DbOrTx, tokenHash: string, at: Date): Promise<void> {
  await db.insert(selfReferralStarts).values({ tokenHash, startedAt: at });
}

/**
 * Marks a start used, once: its start time when it was unused, else null (unknown or used). The
 * row lock makes two submissions of one journey at once take turns: the second finds it used.
 */
export async function spendStart(db: DbOrTx, tokenHash: string, at: Date): Promise<Date | null> {
  const [row] = await db
    .update(selfReferralStarts)
    .set({ usedAt: at })
    .where(and(eq(selfReferralStarts.tokenHash, tokenHash), isNull(selfReferralStarts.usedAt)))
    .returning({ startedAt: selfReferralStarts.startedAt });
  return row?.startedAt ?? null;
}

/** Starts older than `before` (used or not) are of no further use. */
export async function deleteStartsBefore(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(selfReferralStarts)
    .where(lte(selfReferralStarts.startedAt, before))
    .returning({ tokenHash: selfReferralStarts.tokenHash });
  return rows.length;
}

/** Self-referrals to the PCN since `since` for someone of this date of birth (spam left out). */
export async function findRecentSelfReferrals(db: DbOrTx, pcnId: string, dateOfBirth: string, since: Date) {
  return db
    .select({ id: referrals.id, personDetails: referrals.personDetails, receivedAt: referrals.receivedAt })
    .from(referrals)
    .where(
      and(
        eq(referrals.pcnId, pcnId),
        eq(referrals.source, 'self'),
        isNull(referrals.spamMarkedAt),
        gte(referrals.receivedAt, since),
        sql`${referrals.personDetails}->>'dateOfBirth' = ${dateOfBirth}`,
      ),
    );
}

/** Serialises self-referrals that may be the same person's (same PCN, date of birth and name). */
export async function lockSelfReferralKey(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`self-referral:${key}`}, 0))`);
}

/**
 * Self-referrals whose reference is `hex8` (the id's first 8 hex digits: WM-XXXX-XXXX), read
 * through the primary key's range. Rarely more than one: the date of birth tells them apart.
 */
export async function findSelfReferralsByReference(db: DbOrTx, hex8: string) {
  const low = `${hex8}-0000-0000-0000-000000000000`;
  const high = `${hex8}-ffff-ffff-ffff-ffffffffffff`;
  return db
    .select({
      id: referrals.id,
      pcnId: referrals.pcnId,
      icbId: referrals.icbId,
      status: referrals.status,
      personDetails: referrals.personDetails,
      spamMarkedAt: referrals.spamMarkedAt,
    })
    .from(referrals)
    .where(
      and(
        gte(referrals.id, low),
        lte(referrals.id, high),
        eq(referrals.source, 'self'),
        sql`${referrals.selfReferral} IS NOT NULL`,
      ),
    );
}
