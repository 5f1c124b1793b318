import { and, asc, count, eq, inArray, isNotNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Priority } from '../../../common/referrals.js';
import type { Scope } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { preparedPerScope } from '../../platform/db/prepared.js';
import { type CaseloadRow, caseloadColumns, soonestFirstContact } from './caseload.repository.js';
import { CASELOAD_STATUSES } from './lifecycle.js';
import { type ReferralRow, referralScope } from './referrals.repository.js';
import { referrals } from './referrals.tables.js';

export * from './caseload.repository.js';

// The team's work lists over referrals — the triage queue, the allocation queue, caseloads and
// cover — for the triage, allocation and reminders modules, which reach them through
// referrals.service. Every list takes the principal's scope: a list is only ever of referrals the
// scope can see.

/** Open, not yet allocated: the triage queue. */
export const QUEUE_STATUSES = ['received', 'triaged'] as const;
export const QUEUE_LIMIT = 500;

/** The priority a referral is queued by: the lead's once triaged, else what the referrer asked for. */
const effectivePriority = sql<Priority>`coalesce(${referrals.priority}, ${referrals.urgencyRequested})`;
const priorityRank = sql`CASE coalesce(${referrals.priority}, ${referrals.urgencyRequested}) WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;

export interface QueueFilter {
  status?: (typeof QUEUE_STATUSES)[number];
  priority?: Priority;
  reason?: string;
  practiceId?: string;
  safeguarding?: 'yes' | 'no';
}

function queueWhere(scope: Scope, q: QueueFilter = {}): SQL {
  const parts: (SQL | undefined)[] = [
    referralScope(scope),
    inArray(referrals.status, q.status ? [q.status] : [...QUEUE_STATUSES]),
  ];
  if (q.priority) parts.push(sql`${effectivePriority} = ${q.priority}`);
  if (q.reason) parts.push(sql`${referrals.reasons} @> ARRAY[${q.reason}]::text[]`);
  if (q.practiceId) parts.push(eq(referrals.practiceId, q.practiceId));
  if (q.safeguarding) parts.push(eq(referrals.safeguardingConcern, q.safeguarding === 'yes'));
  return and(...parts) as SQL;
}

/** What a triage queue row shows of its referral: not the whole row (a queue is hundreds). */
const queueColumns = {
  id: referrals.id,
  version: referrals.version,
  personId: referrals.personId,
  practiceId: referrals.practiceId,
  source: referrals.source,
  reasons: referrals.reasons,
  urgencyRequested: referrals.urgencyRequested,
  priority: referrals.priority,
  status: referrals.status,
  safeguardingConcern: referrals.safeguardingConcern,
  receivedAt: referrals.receivedAt,
  firstContactDueAt: referrals.firstContactDueAt,
};
export type QueueRow = Pick<ReferralRow, keyof typeof queueColumns>;

const queueQuery = (db: DbOrTx, scope: Scope, q: QueueFilter) =>
  db
    .select(queueColumns)
    .from(referrals)
    .where(queueWhere(scope, q))
    .orderBy(priorityRank, asc(referrals.receivedAt), asc(referrals.id))
    .limit(QUEUE_LIMIT + 1);

const countQuery = (db: DbOrTx, scope: Scope, q: QueueFilter) =>
  db
    .select({
      status: referrals.status,
      priority: effectivePriority,
      safeguarding: referrals.safeguardingConcern,
      n: count(),
    })
    .from(referrals)
    .where(queueWhere(scope, q))
    .groupBy(referrals.status, effectivePriority, referrals.safeguardingConcern);

// The whole queue and its counts, what a lead's queue opens on: prepared (platform/db/prepared.ts).
// A filtered queue is built each time (its shape depends on the filters).
const wholeQueue = preparedPerScope('work_lists_queue', (db, scope) => queueQuery(db, scope, {}));
const wholeQueueCounts = preparedPerScope('work_lists_queue_counts', (db, scope) => countQuery(db, scope, {}));

const unfiltered = (q: QueueFilter) => Object.values(q).every((v) => v === undefined);

/** The triage queue: most urgent first, then longest waiting (one more than the limit, to tell). */
export async function findQueue(db: DbOrTx, scope: Scope, q: QueueFilter): Promise<QueueRow[]> {
  return unfiltered(q) ? wholeQueue(db, scope) : queueQuery(db, scope, q);
}

export async function countQueue(db: DbOrTx, scope: Scope, q: QueueFilter = {}) {
  return unfiltered(q) ? wholeQueueCounts(db, scope) : countQuery(db, scope, q);
}

/** The scope's open cases that someone is allocated to (what caseloads count). */
const openAllocatedIn = (scope: Scope) =>
  and(referralScope(scope), inArray(referrals.status, [...CASELOAD_STATUSES]), isNotNull(referrals.allocatedWorkerId));

/** Open cases per worker doing the work: the covering worker while a case is covered. */
export async function findOpenCaseLoad(db: DbOrTx, scope: Scope): Promise<Map<string, number>> {
  const worker = sql<string>`coalesce(${referrals.coverWorkerId}, ${referrals.allocatedWorkerId})`;
  const rows = await db
    .select({ workerId: worker, n: count() })
    .from(referrals)
    .where(openAllocatedIn(scope))
    .groupBy(worker);
  return new Map(rows.map((r) => [r.workerId, r.n]));
}

/** Per worker: their own open cases, and how many of them each colleague is covering. */
export async function findCoverCounts(db: DbOrTx, scope: Scope) {
  return db
    .select({ workerId: referrals.allocatedWorkerId, coverWorkerId: referrals.coverWorkerId, n: count() })
    .from(referrals)
    .where(openAllocatedIn(scope))
    .groupBy(referrals.allocatedWorkerId, referrals.coverWorkerId);
}

/**
 * Per worker, their own open cases that the rules give a health and wellbeing coach (high
 * complexity or predicted PAM level 1): handing these to a care coordinator needs a confirmation.
 */
export async function findCoachCaseCounts(db: DbOrTx, scope: Scope): Promise<Map<string, number>> {
  const rows = await db
    .select({ workerId: referrals.allocatedWorkerId, n: count() })
    .from(referrals)
    .where(and(openAllocatedIn(scope), or(eq(referrals.complexity, 'high'), eq(referrals.predictedPam, 1))))
    .groupBy(referrals.allocatedWorkerId);
  return new Map(rows.flatMap((r) => (r.workerId ? [[r.workerId, r.n] as const] : [])));
}

/** Workers of the scope allocated to each of these people before (for continuity of care). */
export async function findPreviousWorkers(
  db: DbOrTx,
  scope: Scope,
  personIds: string[],
  excludeReferralIds: string[] = [],
): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const where: (SQL | undefined)[] = [
    referralScope(scope),
    inArray(referrals.personId, personIds),
    isNotNull(referrals.allocatedWorkerId),
  ];
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

/** The triaged referrals in queue order: most urgent, then longest waiting. */
export async function findTriagedQueue(db: DbOrTx, scope: Scope): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(and(referralScope(scope), eq(referrals.status, 'triaged')))
    .orderBy(priorityRank, asc(referrals.receivedAt), asc(referrals.id));
}

/** Every open case of the scope that someone holds, soonest first contact first (the lead's view). */
export async function findTeamCaseloads(db: DbOrTx, scope: Scope): Promise<CaseloadRow[]> {
  return db
    .select(caseloadColumns)
    .from(referrals)
    .where(openAllocatedIn(scope))
    .orderBy(...soonestFirstContact);
}

const ownOpenCases = (scope: Scope, workerId: string) =>
  and(
    referralScope(scope),
    eq(referrals.allocatedWorkerId, workerId),
    inArray(referrals.status, [...CASELOAD_STATUSES]),
  );

/** A worker's own open cases (covered or not), oldest first: what a handover can move. */
export async function findOwnOpenCases(db: DbOrTx, scope: Scope, workerId: string): Promise<ReferralRow[]> {
  return db
    .select()
    .from(referrals)
    .where(ownOpenCases(scope, workerId))
    .orderBy(asc(referrals.receivedAt), asc(referrals.id));
}

/**
 * Hands these open cases of a worker to a colleague; returns the cases that changed hands (not
 * those the colleague already covers, nor any that stopped being the worker's open cases).
 */
export async function setCoverWorkerOfCases(
  tx: DbOrTx,
  scope: Scope,
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
        ownOpenCases(scope, workerId),
        or(sql`${referrals.coverWorkerId} IS NULL`, ne(referrals.coverWorkerId, coverWorkerId)),
      ),
    )
    .returning();
}

/** Hands a worker's covered cases back to them; returns the cases, with who had covered each. */
export async function clearCoverWorker(
  tx: DbOrTx,
  scope: Scope,
  workerId: string,
): Promise<{ row: ReferralRow; coveredBy: string }[]> {
  const covered = await tx
    .select({ id: referrals.id, coverWorkerId: referrals.coverWorkerId })
    .from(referrals)
    .where(and(ownOpenCases(scope, workerId), isNotNull(referrals.coverWorkerId)))
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

const londonDate = (col: unknown) =>
  sql<string | null>`to_char((${col} AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')`;

/** Every open case across all PCNs, with its dates as London days: for the daily reminder scan. */
export async function findOpenCasesForReminders(db: DbOrTx) {
  return db
    .select({
      referralId: referrals.id,
      personId: referrals.personId,
      icbId: referrals.icbId,
      pcnId: referrals.pcnId,
      status: referrals.status,
      allocatedWorkerId: referrals.allocatedWorkerId,
      coverWorkerId: referrals.coverWorkerId,
      firstContactDueOn: londonDate(referrals.firstContactDueAt),
      firstContactOn: londonDate(referrals.firstContactAt),
    })
    .from(referrals)
    .where(inArray(referrals.status, [...CASELOAD_STATUSES]));
}

/** The person of each of these referrals the scope can see (tasks name the referral). */
export function findReferralPeople(db: DbOrTx, scope: Scope, referralIds: string[]) {
  if (referralIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: referrals.id, personId: referrals.personId })
    .from(referrals)
    .where(and(inArray(referrals.id, referralIds), referralScope(scope)));
}
