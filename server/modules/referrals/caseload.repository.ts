import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { CaseloadShow } from '../../../common/front-door-types.js';
import type { Scope } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedPerScope } from '../../platform/db/prepared.js';
import { CASELOAD_STATUSES } from './lifecycle.js';
import { type ReferralRow, referralScope } from './referrals.repository.js';
import { referrals } from './referrals.tables.js';

// A worker's caseload over referrals: their own open cases and those they cover, counted and
// paged in PostgreSQL (the usual view) or read whole for the app to choose from (a search,
// "overdue"). Part of the work lists (work-lists.repository.ts re-exports it), reached through
// referrals.service as `workLists`.

export const soonestFirstContact = [
  sql`${referrals.firstContactDueAt} ASC NULLS LAST`,
  asc(referrals.receivedAt),
  asc(referrals.id),
] as const;

/** What a caseload row shows of its referral: not the whole row (a caseload can be hundreds). */
export const caseloadColumns = {
  id: referrals.id,
  version: referrals.version,
  personId: referrals.personId,
  reasons: referrals.reasons,
  priority: referrals.priority,
  status: referrals.status,
  safeguardingConcern: referrals.safeguardingConcern,
  allocatedWorkerId: referrals.allocatedWorkerId,
  coverWorkerId: referrals.coverWorkerId,
  allocatedAt: referrals.allocatedAt,
  firstContactDueAt: referrals.firstContactDueAt,
  firstContactAt: referrals.firstContactAt,
};
export type CaseloadRow = Pick<ReferralRow, keyof typeof caseloadColumns>;

/**
 * What choosing a caseload's page needs of every open case: its order, its counts and its
 * filters. Few narrow columns, all in `referrals_worker_idx`, so PostgreSQL answers a worker's
 * own cases from the index alone (an index-only scan) without visiting each case's row; the
 * page's cases are then read whole by id (`findCaseloadPage`).
 */
const caseloadEntryColumns = {
  id: referrals.id,
  personId: referrals.personId,
  status: referrals.status,
  coverWorkerId: referrals.coverWorkerId,
  firstContactDueAt: referrals.firstContactDueAt,
  firstContactAt: referrals.firstContactAt,
  // For the order only: a union is ordered by its columns' names, not by expressions.
  awaiting: sql<boolean>`${referrals.status} = 'allocated'`.as('awaiting'),
  receivedAt: referrals.receivedAt,
};
export type CaseloadEntry = Pick<
  ReferralRow,
  'id' | 'personId' | 'status' | 'coverWorkerId' | 'firstContactDueAt' | 'firstContactAt'
>;

// A worker's caseload is read on most of their page views: prepared (platform/db/prepared.ts).
// Their own cases, then (a separate branch, so that an OR does not force a visit to every row)
// those they cover for a colleague.
const openCasesOf = (db: DbOrTx, scope: Scope) => {
  const open = and(referralScope(scope), inArray(referrals.status, [...CASELOAD_STATUSES]));
  const userId = sql.placeholder('userId');
  return db
    .select(caseloadEntryColumns)
    .from(referrals)
    .where(and(open, eq(referrals.allocatedWorkerId, userId)))
    .unionAll(
      db
        .select(caseloadEntryColumns)
        .from(referrals)
        .where(
          and(
            open,
            eq(referrals.coverWorkerId, userId),
            or(isNull(referrals.allocatedWorkerId), ne(referrals.allocatedWorkerId, userId)),
          ),
        ),
    );
};

const caseloadOf = preparedPerScope('work_lists_caseload', (db, scope) =>
  openCasesOf(db, scope).orderBy(sql`awaiting DESC`, ...soonestFirstContact),
);

/** The "show"s a case's own row decides; "overdue" also needs its plan review and planned contacts. */
export type RowShow = Exclude<CaseloadShow, 'overdue'>;

type OpenCases = ReturnType<ReturnType<typeof openCasesOf>['as']>;

/**
 * The rules of the caseload's use-case (allocation/use-cases/caseload.ts: dueOf, showsCase) in
 * SQL, over the open cases `c`, so that a worker with hundreds of cases is answered from counts
 * and one page rather than from every case read into the app. First contact is overdue when it
 * is still awaited and was due before London midnight today (due today is "due today" all day).
 */
const firstContactOverdue = (c: OpenCases) =>
  sql`(${c.status} = 'allocated' AND ${c.firstContactAt} IS NULL
       AND ${c.firstContactDueAt} < (${sql.placeholder('today')}::date::timestamp AT TIME ZONE 'Europe/London'))`;
const coveredByUser = (c: OpenCases) => sql`${c.coverWorkerId} = ${sql.placeholder('userId')}::uuid`;
const shownBy = (c: OpenCases) =>
  sql`(CASE ${sql.placeholder('show')}::text
         WHEN 'waiting' THEN ${c.status} = 'allocated'
         WHEN 'under_way' THEN ${c.status} <> 'allocated'
         WHEN 'covering' THEN ${coveredByUser(c)}
         ELSE true END)`;

const caseloadCountsOf = preparedPerScope('work_lists_caseload_counts', (db, scope) => {
  const c = openCasesOf(db, scope).as('c');
  return db
    .select({
      total: sql<number>`count(*)::int`,
      awaiting: sql<number>`(count(*) FILTER (WHERE ${c.status} = 'allocated'))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${firstContactOverdue(c)}))::int`,
      covering: sql<number>`(count(*) FILTER (WHERE ${coveredByUser(c)}))::int`,
      matching: sql<number>`(count(*) FILTER (WHERE ${shownBy(c)}))::int`,
    })
    .from(c);
});

export interface CaseloadCounts {
  /** Every open case of the worker's: their own and those they cover. */
  total: number;
  awaiting: number;
  overdue: number;
  covering: number;
  /** The cases the "show" keeps. */
  matching: number;
}

/** The counts of a worker's open cases, and how many of them a "show" keeps (`today`: London date). */
export async function caseloadCounts(
  db: DbOrTx,
  scope: Scope,
  userId: string,
  opts: { show: RowShow; today: string },
): Promise<CaseloadCounts> {
  const [row] = await caseloadCountsOf(db, scope, { userId, ...opts });
  return row ?? { total: 0, awaiting: 0, overdue: 0, covering: 0, matching: 0 };
}

// One page of the cases a "show" keeps, in the caseload's order: the page's ids chosen from the
// index alone (as caseloadOf), then those rows read whole.
const caseloadPageRows = preparedPerScope('work_lists_caseload_page', (db, scope) => {
  const c = openCasesOf(db, scope).as('c');
  const page = db
    .select({ id: c.id })
    .from(c)
    .where(shownBy(c))
    .orderBy(sql`${c.awaiting} DESC`, sql`${c.firstContactDueAt} ASC NULLS LAST`, asc(c.receivedAt), asc(c.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .as('page');
  return db
    .select(caseloadColumns)
    .from(referrals)
    .innerJoin(page, eq(referrals.id, page.id))
    .orderBy(sql`${referrals.status} = 'allocated' DESC`, ...soonestFirstContact);
});

/** One page of a worker's open cases that a "show" keeps, as the caseload orders them. */
export async function caseloadPage(
  db: DbOrTx,
  scope: Scope,
  userId: string,
  opts: { show: RowShow; limit: number; offset: number },
): Promise<CaseloadRow[]> {
  return caseloadPageRows(db, scope, { userId, ...opts });
}

/**
 * A worker's open cases, their own and those they cover for a colleague: those waiting for first
 * contact first (soonest due first), then those under way (the caseload is read a page at a time).
 */
export async function findCaseload(db: DbOrTx, scope: Scope, userId: string): Promise<CaseloadEntry[]> {
  return caseloadOf(db, scope, { userId });
}

// Read for every caseload page (findCaseloadPage): prepared.
const caseRowsByIds = preparedPerScope('work_lists_case_rows_by_ids', (db, scope) =>
  db
    .select(caseloadColumns)
    .from(referrals)
    .where(and(referralScope(scope), anyOfIdsPlaceholder(referrals.id, 'ids'))),
);

/** These referrals of the scope (any status), as a caseload shows them; ids out of scope are left out. */
export async function findCaseRowsByIds(db: DbOrTx, scope: Scope, ids: string[]): Promise<CaseloadRow[]> {
  if (ids.length === 0) return [];
  return caseRowsByIds(db, scope, { ids });
}

/** One caseload page's cases (findCaseRowsByIds), in the order of the ids given. */
export async function findCaseloadPage(db: DbOrTx, scope: Scope, ids: string[]): Promise<CaseloadRow[]> {
  const byId = new Map((await findCaseRowsByIds(db, scope, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
