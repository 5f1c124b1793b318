import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { ReferralStatus } from '../../../common/referrals.js';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { preparedPerScope, preparedRead } from '../../platform/db/prepared.js';
import { OPEN_STATUSES } from './lifecycle.js';
import { referralEvents, referrals } from './referrals.tables.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralInsert = typeof referrals.$inferInsert;
export type ReferralEventRow = typeof referralEvents.$inferSelect;

/**
 * A practice sees the referrals it made; a PCN team its queue. No ICB-wide scope (commissioner,
 * administrator) and no VCS partner reaches a referral through here, whatever permissions the
 * role is given: the ICB column is left out on purpose, so scopeWhere fails closed for them.
 * Figures reach commissioners through the analytics rollups only.
 */
export const referralScope = (scope: Scope): SQL =>
  scopeWhere(scope, { pcnId: referrals.pcnId, practiceId: referrals.practiceId });

/**
 * The one way to find a referral (or the case it became) by id: only inside the scope, so a
 * referral of another practice, PCN or ICB is not found. `lock` holds the row until the
 * transaction ends (one write to a case at a time).
 */
export async function findReferralInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ReferralRow | null> {
  const [row] = opts.lock
    ? await db
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), referralScope(scope)))
        .for('update')
    : await referralById(db, scope, { id });
  return row ?? null;
}

// The reads of every case viewed: prepared (platform/db/prepared.ts).
const referralById = preparedPerScope('referrals_by_id', (db, scope) =>
  db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, sql.placeholder('id')), referralScope(scope))),
);

export async function insertReferral(db: DbOrTx, values: ReferralInsert): Promise<ReferralRow> {
  const [row] = await db.insert(referrals).values(values).returning();
  return row as ReferralRow;
}

/**
 * The only way a referral's state changes: succeeds only for the version the caller read and
 * from a status the move is allowed from, so two people acting at once cannot both win.
 */
export async function updateReferralVersioned(
  db: DbOrTx,
  scope: Scope,
  id: string,
  version: number,
  fromStatuses: readonly ReferralStatus[],
  values: Partial<ReferralInsert>,
): Promise<ReferralRow | null> {
  if (fromStatuses.length === 0) return null;
  const [row] = await db
    .update(referrals)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(
      and(
        eq(referrals.id, id),
        eq(referrals.version, version),
        inArray(referrals.status, [...fromStatuses]),
        referralScope(scope),
      ),
    )
    .returning();
  return row ?? null;
}

export async function insertReferralEvent(db: DbOrTx, values: typeof referralEvents.$inferInsert): Promise<void> {
  await db.insert(referralEvents).values(values);
}

const eventsOfReferral = preparedRead('referrals_events', (db) =>
  db
    .select()
    .from(referralEvents)
    .where(eq(referralEvents.referralId, sql.placeholder('referralId')))
    .orderBy(asc(referralEvents.id)),
);

export async function findReferralEvents(db: DbOrTx, referralId: string): Promise<ReferralEventRow[]> {
  return eventsOfReferral(db, { referralId });
}

const anyReferralOfPerson = preparedPerScope('referrals_any_of_person', (db, scope) =>
  db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.personId, sql.placeholder('personId')), referralScope(scope)))
    .limit(1),
);

/** Whether the person has any referral the scope can see (a team's reach to a person). */
export async function personHasReferralInScope(db: DbOrTx, scope: Scope, personId: string): Promise<boolean> {
  return (await anyReferralOfPerson(db, scope, { personId })).length > 0;
}

/** Makes intakes for one person and PCN take turns until the transaction ends. */
export async function lockPersonReferrals(db: DbOrTx, personId: string, pcnId: string): Promise<void> {
  const key = `person-referrals:${personId}:${pcnId}`;
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** The newest open referral of the person to the PCN received since `since`, among those the scope sees. */
export async function findRecentOpenReferral(
  db: DbOrTx,
  scope: Scope,
  personId: string,
  pcnId: string,
  since: Date,
): Promise<ReferralRow | null> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.personId, personId),
        eq(referrals.pcnId, pcnId),
        inArray(referrals.status, [...OPEN_STATUSES]),
        gte(referrals.receivedAt, since),
        referralScope(scope),
      ),
    )
    .orderBy(desc(referrals.receivedAt))
    .limit(1);
  return row ?? null;
}

/**
 * Records that the team decided on the person details this referral brought. Once only: null
 * when someone already did (or the referral is outside the scope).
 */
export async function markPersonDetailsReviewed(
  db: DbOrTx,
  scope: Scope,
  id: string,
  userId: string,
): Promise<ReferralRow | null> {
  const [row] = await db
    .update(referrals)
    .set({ personDetailsReviewedAt: new Date(), personDetailsReviewedBy: userId, updatedAt: new Date() })
    .where(and(eq(referrals.id, id), isNull(referrals.personDetailsReviewedAt), referralScope(scope)))
    .returning();
  return row ?? null;
}

/** Referrals of a PCN still open (received to active): a PCN with any cannot be retired. */
export async function countOpenReferralsOfPcn(db: DbOrTx, pcnId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(eq(referrals.pcnId, pcnId), inArray(referrals.status, [...OPEN_STATUSES])));
  return row?.n ?? 0;
}

/** A range of `updated_at` (from inclusive, to exclusive), as a FHIR `_lastUpdated` prefix gives it. */
export interface UpdatedBound {
  from?: Date;
  before?: Date;
}

export interface ReferralSearch {
  ids?: readonly string[];
  personId?: string;
  /** Any of these statuses; `withdrawn` narrows one to referrals the referrer withdrew (or to the others). */
  statuses?: readonly { status: ReferralStatus; withdrawn?: boolean }[];
  updated?: readonly UpdatedBound[];
  limit: number;
  offset: number;
}

/**
 * Referrals the scope can see that match every filter given, most recently changed first, and
 * how many match in all (for the FHIR edge's searches: a practice its own, a PCN team its queue).
 */
export async function searchReferralsInScope(
  db: DbOrTx,
  scope: Scope,
  q: ReferralSearch,
): Promise<{ rows: ReferralRow[]; total: number }> {
  const where = and(
    referralScope(scope),
    q.ids ? (q.ids.length > 0 ? inArray(referrals.id, [...q.ids]) : sql`false`) : undefined,
    q.personId ? eq(referrals.personId, q.personId) : undefined,
    q.statuses ? statusesWhere(q.statuses) : undefined,
    ...(q.updated ?? []).flatMap((b) => [
      b.from ? gte(referrals.updatedAt, b.from) : undefined,
      b.before ? lt(referrals.updatedAt, b.before) : undefined,
    ]),
  );
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(referrals)
      .where(where)
      .orderBy(desc(referrals.updatedAt), desc(referrals.id))
      .limit(q.limit)
      .offset(q.offset),
    db.$count(referrals, where),
  ]);
  return { rows, total };
}

const WITHDRAWN = 'withdrawn_by_referrer';

function statusesWhere(statuses: NonNullable<ReferralSearch['statuses']>): SQL {
  if (statuses.length === 0) return sql`false`;
  const clauses = statuses.map(({ status, withdrawn }) =>
    withdrawn === undefined
      ? eq(referrals.status, status)
      : and(
          eq(referrals.status, status),
          withdrawn
            ? eq(referrals.closureReason, WITHDRAWN)
            : sql`${referrals.closureReason} IS DISTINCT FROM ${WITHDRAWN}`,
        ),
  );
  return sql`(${sql.join(clauses as SQL[], sql` OR `)})`;
}
