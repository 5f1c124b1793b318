import { type SQL, sql } from 'drizzle-orm';
import { AGE_BANDS, ETHNIC_CATEGORIES } from '../../../../common/equality.js';
import { isBankHoliday } from '../../../platform/working-days.js';

// SQL fragments the rollup statements share. The bands and groups are generated from the
// constants in common/equality.ts, so the figures and the forms cannot drift apart.

/** The first day of the Europe/London calendar month of a timestamptz expression. */
export const londonMonth = (at: SQL): SQL => sql`date_trunc('month', (${at}) AT TIME ZONE 'Europe/London')::date`;

/** The Europe/London calendar date of a timestamptz expression. */
export const londonDay = (at: SQL): SQL => sql`((${at}) AT TIME ZONE 'Europe/London')::date`;

/**
 * A care plan version (aliased `version`) was agreed within a referral's time with the team: its
 * "date agreed" (content.agreedOn, a date) is on or after the London date the referral was
 * received and, when it has closed, on or before the London date it closed. The flow's
 * 'plan_agreed' stage (counts.ts) and the months a plan's save can move (changes.ts).
 */
export function agreedWithin(version: string, receivedOn: SQL, closedOn: SQL): SQL {
  const agreedOn = sql.raw(`(${version}.content->>'agreedOn')`);
  return sql`${agreedOn} ~ '^\\d{4}-\\d{2}-\\d{2}$'
    AND ${agreedOn}::date >= ${receivedOn}
    AND (${closedOn} IS NULL OR ${agreedOn}::date <= ${closedOn})`;
}

const lowerBound = (band: string): number => Number(band.replace('+', '').split('-')[0]);

/**
 * The age band (AGE_BANDS, as ageBandOf) of whole years of age. PostgreSQL's age() counts a
 * 29 February birthday as reached on 1 March in other years, as English law does.
 */
export function ageBandSql(years: SQL): SQL {
  const bands = [...AGE_BANDS].sort((a, b) => lowerBound(b) - lowerBound(a));
  const whens = bands.map((band) => sql`WHEN ${years} >= ${sql.raw(String(lowerBound(band)))} THEN ${band}::text`);
  return sql`(CASE ${sql.join(whens, sql` `)} END)`;
}

/** The ethnic group (ETHNIC_GROUPS) of an ethnic category code column; 'not_known' when null. */
export function ethnicGroupSql(code: SQL): SQL {
  const whens = ETHNIC_CATEGORIES.map((c) => sql`WHEN ${c.code}::text THEN ${c.group}::text`);
  return sql`(CASE ${code} ${sql.join(whens, sql` `)} ELSE 'not_known' END)`;
}

/** IMD quintile ('1'..'5', as imdQuintileOf) of a decile column; 'not_known' when null. */
export const imdQuintileSql = (decile: SQL): SQL => sql`coalesce(ceil(${decile} / 2.0)::int::text, 'not_known')`;

/**
 * England's bank holidays from `fromYear` to `toYear`, as a PostgreSQL date[] literal: the
 * holiday calendar stays in one place (platform/working-days.ts, from `date-holidays`).
 */
export function bankHolidaysLiteral(fromYear: number, toYear: number): string {
  const days: string[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      if (isBankHoliday(iso)) days.push(iso);
    }
  }
  return `{${days.join(',')}}`;
}
