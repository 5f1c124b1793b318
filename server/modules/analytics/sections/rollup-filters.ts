import { type SQL, sql } from 'drizzle-orm';
import { uuidArray } from '../../../platform/db/uuid-array.js';
import { ALL_ROLES } from '../analytics.tables.js';
import type { ResolvedFilters } from '../figures.js';

// The request's filters over the rollups, and small helpers the sections share.

export { uuidArray };

export type Rollup = 'counts' | 'waits' | 'outcomes';

const DETAIL: Record<Rollup, string> = {
  counts: 'analytics_counts',
  waits: 'analytics_waits',
  outcomes: 'analytics_outcomes',
};
const SLICES: Record<Rollup, string> = {
  counts: 'analytics_count_slices',
  waits: 'analytics_wait_slices',
  outcomes: 'analytics_outcome_slices',
};
/** Sums over every PCN of an ICB. */
const ICB_SLICES: Record<Rollup, string> = {
  counts: 'analytics_icb_count_slices',
  waits: 'analytics_icb_wait_slices',
  outcomes: 'analytics_icb_outcome_slices',
};

export interface RollupSource {
  table: SQL;
  /** The request's filters (PCNs, period, practice, role) on that table. */
  where: SQL;
}

/** Whether rollupSource answers these filters from the ICB slices (its options alike). */
export function readsIcbSlices(f: ResolvedFilters, { byPractice = false, fromNoPracticeOnly = false } = {}): boolean {
  return !!f.wholeIcb && !f.readDetail && f.practiceId === null && (!byPractice || fromNoPracticeOnly);
}

/**
 * Where a query over a rollup reads, with the request's filters: the smallest slice
 * (analytics.tables.ts) that still answers it. Practice is kept when the figures are broken down
 * by practice (`byPractice`) or filtered to one; role when filtered to one. Only a request that
 * needs both reads the detail. Over a whole ICB, a query that keeps no practice reads the ICB
 * slices; so does one that reads only the referrals from no practice (`fromNoPracticeOnly`: the
 * caller adds `practice_id IS NULL`, which every ICB slice row meets).
 *
 * The role filter reads "whose work": rows of that role, plus rows counted before allocation
 * ('any'), to which the filter does not apply. 'unallocated' rows are nobody's work yet.
 */
export function rollupSource(
  rollup: Rollup,
  f: ResolvedFilters,
  { byPractice = false, fromNoPracticeOnly = false } = {},
): RollupSource {
  const keepPractice = byPractice || f.practiceId !== null;
  const role = f.role ? sql`role IN (${f.role}, 'any')` : sql`role = ${ALL_ROLES}`;
  if (readsIcbSlices(f, { byPractice, fromNoPracticeOnly })) {
    return {
      table: sql.raw(ICB_SLICES[rollup]),
      where: sql`${sql.raw(byPractice ? 'NOT all_practices' : 'all_practices')} AND ${role}
        AND icb_id = ${f.icbId}::uuid AND month BETWEEN ${f.fromMonth}::date AND ${f.toMonth}::date`,
    };
  }
  const common = sql`pcn_id = ANY(${uuidArray(f.pcnIds)})
    AND month BETWEEN ${f.fromMonth}::date AND ${f.toMonth}::date
    AND ${f.practiceId ? sql`practice_id = ${f.practiceId}::uuid` : sql`true`}`;
  if (f.readDetail || (keepPractice && f.role)) {
    return {
      table: sql.raw(DETAIL[rollup]),
      where: sql`${common} AND ${f.role ? sql`role IN (${f.role}, 'any')` : sql`true`}`,
    };
  }
  // Written as a literal, so the planner can match the partial index of "no practice" rows.
  const allPractices = sql.raw(keepPractice ? 'NOT all_practices' : 'all_practices');
  return { table: sql.raw(SLICES[rollup]), where: sql`${allPractices} AND ${role} AND ${common}` };
}

/**
 * The filters for reading measure 'referrals': referrals are counted when received, before
 * anyone is allocated (role 'any'), so a role filter keeps every one of them. Reading them
 * without it gives the same figures from a slice over all roles instead of the detail.
 */
export const forReferrals = (f: ResolvedFilters): ResolvedFilters => ({ ...f, role: null });

/** Calendar days from the first day of `fromMonth` to the last day of `toMonth`. */
export function daysInPeriod(fromMonth: string, toMonth: string): number {
  const start = Date.UTC(Number(fromMonth.slice(0, 4)), Number(fromMonth.slice(5, 7)) - 1, 1);
  const end = Date.UTC(Number(toMonth.slice(0, 4)), Number(toMonth.slice(5, 7)), 1);
  return Math.round((end - start) / 86_400_000);
}

/** Rounds a published statistic to one decimal place (exact figures stay in the counts). */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A share in percent (one decimal), null when there is no denominator. */
export const percent = (part: number, whole: number) => (whole === 0 ? null : round1((100 * part) / whole));

/** Adds up tallies field by field (every field a number), starting from `zero()`. */
export function addUp<T extends Record<keyof T, number>>(tallies: Iterable<T>, zero: () => T): T {
  const total = zero();
  for (const t of tallies) {
    for (const k of Object.keys(total) as (keyof T)[]) total[k] = (total[k] + t[k]) as T[keyof T];
  }
  return total;
}
