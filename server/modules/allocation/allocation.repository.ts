import { and, asc, count, eq, inArray, isNotNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
// Reading the referrals table here is agreed for allocation and caseload queries. Status changes
// go through referrals.service's transitionReferral; cover only sets who is covering.
import { referrals } from '../referrals/referrals.tables.js';

export type ReferralRow = typeof referrals.$inferSelect;

/** Statuses that count towards a worker's caseload. */
export const CASELOAD_STATUSES = ['allocated', 'first_contact', 'active'] as const;

const priorityRank = sql`CASE coalesce(${referrals.priority}, ${referrals.urgencyRequested}) WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;

/**
 * Serialises allocation within one PCN, so two allocations at once cannot both see the same
 * free place in someone's caseload.
 */
export async function lockPcnAllocation(tx: DbOrTx, pcnId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('waymark.allocation'), hashtext(${pcnId}))`);
}

export async function findReferralOfPcn(db: DbOrTx, pcnId: string, id: string): Promise<ReferralRow | null> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.pcnId, pcnId)));
  return row ?? null;
}

/** The PCN's open cases that someone is allocated to (what caseloads count). */
const openAllocatedOf = (pcnId: string) =>
  and(
    eq(referrals.pcnId, pcnId),
    inArray(referrals.status, [...CASELOAD_STATUSES]),
    isNotNull(referrals.allocatedWorkerId),
  );

/** Open cases per worker doing the work: the covering worker while a case is covered. */
export async function findOpenCaseLoad(db: DbOrTx, pcnId: string): Promise<Map<string, number>> {
  const worker = sql<string>`coalesce(${referrals.coverWorkerId}, ${referrals.allocatedWorkerId})`;
  const rows = await db
    .select({ workerId: worker, n: count() })
    .from(referrals)
    .where(openAllocatedOf(pcnId))
    .groupBy(worker);
  return new Map(rows.map((r) => [r.workerId, r.n]));
}

/** Per worker: their own open cases, and how many of them each colleague is covering. */
export async function findCoverCounts(db: DbOrTx, pcnId: string) {
  return db
    .select({ workerId: referrals.allocatedWorkerId, coverWorkerId: referrals.coverWorkerId, n: count() })
    .from(referrals)
    .where(openAllocatedOf(pcnId))
    .groupBy(referrals.allocatedWorkerId, referrals.coverWorkerId);
}

/**
 * Per worker, their own open cases that the rules give a health and wellbeing coach (high
 * complexity or predicted PAM level 1): handing these to a care coordinator needs a confirmation.
 */
export async function findCoachCaseCounts(db: DbOrTx, pcnId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ workerId: referrals.allocatedWorkerId, n: count() })
    .from(referrals)
    .where(and(openAllocatedOf(pcnId), or(eq(referrals.complexity, 'high'), eq(referrals.predictedPam, 1))))
    .groupBy(referrals.allocatedWorkerId);
  return new Map(rows.flatMap((r) => (r.workerId ? [[r.workerId, r.n] as const] : [])));
}

/** Workers allocated to each of these people before (for continuity of care). */
export async function findPreviousWorkers(
  db: DbOrTx,
  personIds: string[],
  excludeReferralIds: string[] = [],
): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const where: (SQL | undefined)[] = [inArray(referrals.personId, personIds), isNotNull(referrals.allocatedWorkerId)];
  if (excludeReferralIds.length > 0) where.push(notInArray(referrals.id, excludeReferralIds));
  const rows = await db
    .selectDistinct({ personId: referrals.personId, workerId: referrals.allocatedWorkerId })
    .from(referrals)
    .where(and(...where));
  const byPerson = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.workerId) continue;
    byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.workerId]);
  }
  return byPerson;
}

/** The PCN's triaged referrals in queue order: most urgent, then longest waiting. */
export async function findTriagedQueue(db: DbOrTx, pcnId: string): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(and(eq(referrals.pcnId, pcnId), eq(referrals.status, 'triaged')))
    .orderBy(priorityRank, asc(referrals.receivedAt), asc(referrals.id));
}

/** A worker's open cases: their own and those they cover for a colleague. */
export async function findCaseload(db: DbOrTx, pcnId: string, userId: string): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.pcnId, pcnId),
        inArray(referrals.status, [...CASELOAD_STATUSES]),
        or(eq(referrals.allocatedWorkerId, userId), eq(referrals.coverWorkerId, userId)),
      ),
    )
    .orderBy(sql`${referrals.firstContactDueAt} ASC NULLS LAST`, asc(referrals.receivedAt), asc(referrals.id));
}

/** Every open case of the PCN that someone holds, soonest first contact first (the lead's view). */
export async function findTeamCaseloads(db: DbOrTx, pcnId: string): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(openAllocatedOf(pcnId))
    .orderBy(sql`${referrals.firstContactDueAt} ASC NULLS LAST`, asc(referrals.receivedAt), asc(referrals.id));
}

/** A worker's own open cases (covered or not), oldest first: what a handover can move. */
export async function findOwnOpenCases(db: DbOrTx, pcnId: string, workerId: string): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.pcnId, pcnId),
        eq(referrals.allocatedWorkerId, workerId),
        inArray(referrals.status, [...CASELOAD_STATUSES]),
      ),
    )
    .orderBy(asc(referrals.receivedAt), asc(referrals.id));
}

/**
 * Hands these open cases of a worker to a colleague; returns the cases that changed hands (not
 * those the colleague already covers, nor any that stopped being the worker's open cases).
 */
export async function setCoverWorkerOfCases(
  tx: DbOrTx,
  pcnId: string,
  workerId: string,
  referralIds: string[],
  coverWorkerId: string,
): Promise<ReferralRow[]> {
  if (referralIds.length === 0) return [];
  return tx
    .update(referrals)
    .set({ coverWorkerId, version: sql`${referrals.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        inArray(referrals.id, referralIds),
        eq(referrals.pcnId, pcnId),
        eq(referrals.allocatedWorkerId, workerId),
        inArray(referrals.status, [...CASELOAD_STATUSES]),
        or(sql`${referrals.coverWorkerId} IS NULL`, ne(referrals.coverWorkerId, coverWorkerId)),
      ),
    )
    .returning();
}

/** Hands a worker's covered cases back to them; returns the cases, with who had covered each. */
export async function clearCoverWorker(
  tx: DbOrTx,
  pcnId: string,
  workerId: string,
): Promise<{ row: ReferralRow; coveredBy: string }[]> {
  const covered = await tx
    .select({ id: referrals.id, coverWorkerId: referrals.coverWorkerId })
    .from(referrals)
    .where(
      and(
        eq(referrals.pcnId, pcnId),
        eq(referrals.allocatedWorkerId, workerId),
        inArray(referrals.status, [...CASELOAD_STATUSES]),
        isNotNull(referrals.coverWorkerId),
      ),
    )
    .for('update');
  if (covered.length === 0) return [];
  const rows = await tx
    .update(referrals)
    .set({ coverWorkerId: null, version: sql`${referrals.version} + 1`, updatedAt: new Date() })
    .where(
      inArray(
        referrals.id,
        covered.map((c) => c.id),
      ),
    )
    .returning();
  const by = new Map(covered.map((c) => [c.id, c.coverWorkerId as string]));
  return rows.map((row) => ({ row, coveredBy: by.get(row.id) as string }));
}
