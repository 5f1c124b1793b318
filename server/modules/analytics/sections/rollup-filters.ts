import { type SQL, sql } from 'drizzle-orm';
import type { ResolvedFilters } from '../figures.js';

// The request's filters as a WHERE clause over any rollup table (api-b's sections: capacity,
// outcomes, onward, equality). Every rollup has pcn_id, practice_id, month and role.

export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The role filter reads "whose work": rows of that role, plus rows counted before allocation
 * ('any'), to which the filter does not apply. 'unallocated' rows are nobody's work yet.
 */
export function roleClause(f: ResolvedFilters): SQL {
  return f.role ? sql`role IN (${f.role}, 'any')` : sql`true`;
}

export function rollupWhere(f: ResolvedFilters, { practice = true } = {}): SQL {
  const byPractice = practice && f.practiceId ? sql`practice_id = ${f.practiceId}::uuid` : sql`true`;
  return sql`pcn_id = ANY(${uuidArray(f.pcnIds)})
    AND month BETWEEN ${f.fromMonth}::date AND ${f.toMonth}::date
    AND ${byPractice} AND ${roleClause(f)}`;
}

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
