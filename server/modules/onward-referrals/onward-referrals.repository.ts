import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { OnwardEventType } from '../../../common/onward-referrals.js';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { preparedPerScope } from '../../platform/db/prepared.js';
import { onwardAttendances, onwardEvents, onwardLinks, onwardReferrals } from './onward-referrals.tables.js';
import { asTeamOnward, type TeamOnward } from './onward-source.js';

// The team's reads and writes of onward referrals: every read is kept inside the team's scope
// (its PCN) by a where-clause on the row itself, so another PCN's onward referral is not found.

export type OnwardReferralRow = typeof onwardReferrals.$inferSelect;
export type OnwardReferralInsert = typeof onwardReferrals.$inferInsert;
export type OnwardAttendanceRow = typeof onwardAttendances.$inferSelect;
export type OnwardEventRow = typeof onwardEvents.$inferSelect;
export type OnwardLinkRow = typeof onwardLinks.$inferSelect;

const teamScope = (scope: Scope) =>
  and(
    eq(onwardReferrals.icbId, scope.icbId),
    eq(onwardReferrals.source, 'team'),
    scopeWhere(scope, { pcnId: onwardReferrals.pcnId }),
  );

export async function insertOnwardReferral(tx: Tx, values: OnwardReferralInsert): Promise<OnwardReferralRow> {
  const [row] = await tx.insert(onwardReferrals).values(values).returning();
  return row as OnwardReferralRow;
}

export async function insertOnwardEvent(
  tx: Tx,
  event: {
    onwardReferralId: string;
    type: OnwardEventType;
    actorUserId: string | null;
    via: 'team' | 'inbox' | 'link' | 'system';
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(onwardEvents).values({ ...event, details: event.details ?? {} });
}

// Read on every case record viewed: prepared (platform/db/prepared.ts).
const onwardOfCase = preparedPerScope('onward_referrals_of_case', (db, scope) =>
  db
    .select()
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.referralId, sql.placeholder('referralId')), teamScope(scope)))
    .orderBy(asc(onwardReferrals.createdAt), asc(onwardReferrals.id)),
);

/** A case's onward referrals, oldest first. */
export async function findOnwardReferralsOfCase(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
): Promise<TeamOnward<OnwardReferralRow>[]> {
  const rows = await onwardOfCase(db, scope, { referralId });
  return rows.flatMap((row) => asTeamOnward(row) ?? []);
}

// The children below are read only for onward referrals already found in scope.

export async function findAttendancesOf(db: DbOrTx, ids: string[]): Promise<OnwardAttendanceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(onwardAttendances)
    .where(inArray(onwardAttendances.onwardReferralId, ids))
    .orderBy(asc(onwardAttendances.on), asc(onwardAttendances.recordedAt));
}

export async function findEventsOf(db: DbOrTx, ids: string[]): Promise<OnwardEventRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(onwardEvents)
    .where(inArray(onwardEvents.onwardReferralId, ids))
    .orderBy(asc(onwardEvents.at), asc(onwardEvents.id));
}

/** The newest secure link of each onward referral (earlier ones were revoked or re-sent). */
export async function findLatestLinksOf(db: DbOrTx, ids: string[]): Promise<Map<string, OnwardLinkRow>> {
  const latest = new Map<string, OnwardLinkRow>();
  if (ids.length === 0) return latest;
  const rows = await db
    .select()
    .from(onwardLinks)
    .where(inArray(onwardLinks.onwardReferralId, ids))
    .orderBy(desc(onwardLinks.createdAt), desc(onwardLinks.id));
  for (const row of rows) if (!latest.has(row.onwardReferralId)) latest.set(row.onwardReferralId, row);
  return latest;
}

/** A resident's own self-referrals whose id begins with these 8 hex digits (their reference): the primary key's range. */
export async function findSelfReferralsByReference(db: DbOrTx, hex8: string): Promise<OnwardReferralRow[]> {
  return db
    .select()
    .from(onwardReferrals)
    .where(
      and(
        gte(onwardReferrals.id, `${hex8}-0000-0000-0000-000000000000`),
        lte(onwardReferrals.id, `${hex8}-ffff-ffff-ffff-ffffffffffff`),
        eq(onwardReferrals.source, 'self'),
      ),
    );
}

/** Serialises self-referrals to one service that may be the same person's (name and date of birth). */
export async function lockSelfReferralKey(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`onward-self-referral:${key}`}, 0))`);
}

/** The service's self-referrals since `since` whose person gave this date of birth. */
export async function findRecentSelfReferrals(
  db: DbOrTx,
  serviceId: string,
  dateOfBirth: string,
  since: Date,
): Promise<OnwardReferralRow[]> {
  return db
    .select()
    .from(onwardReferrals)
    .where(
      and(
        eq(onwardReferrals.serviceId, serviceId),
        eq(onwardReferrals.source, 'self'),
        gte(onwardReferrals.createdAt, since),
        sql`${onwardReferrals.sharedDetails}->>'dateOfBirth' = ${dateOfBirth}`,
      ),
    );
}

/** The resident's repeated answers, as a note the organisation reads beside the referral. */
export async function addNoteToSelfReferral(db: DbOrTx, id: string, note: string, now: Date): Promise<void> {
  await db
    .update(onwardReferrals)
    .set({ note, updatedAt: now, version: sql`${onwardReferrals.version} + 1` })
    .where(eq(onwardReferrals.id, id));
}
