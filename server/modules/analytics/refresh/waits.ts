import { type SQL, sql } from 'drizzle-orm';
import { inMonths, type RebuildMonths } from './changes.js';
import type { RollupShape } from './merge.js';
import { bankHolidaysLiteral, londonDay } from './sql-parts.js';

let holidays: string | null = null;
/** England's bank holidays from 2000 to five years ahead, worked out once per process. */
function holidaysLiteral(): string {
  holidays ??= bankHolidaysLiteral(2000, new Date().getUTCFullYear() + 5);
  return holidays;
}

/**
 * analytics_waits: for each referral with a first contact, the working days (England: Monday to
 * Friday less bank holidays) after the London date it was received up to and including the
 * London date of the first contact — as workingDaysBetween in platform/working-days.ts — by
 * received month, role and priority (the triage priority; the urgency the referrer asked for
 * when it was never triaged). `met`: the first contact was on or before the due date set at
 * triage; a referral without a due date had no target, so it cannot be counted as meeting one.
 *
 * Set-based: a calendar of the PCN's date range numbers each working day cumulatively (a
 * window count over generate_series), and a wait is the difference of two numbers.
 */
export const WAITS: RollupShape = {
  table: 'analytics_waits',
  keys: ['pcn_id', 'practice_id', 'month', 'role', 'priority', 'working_days', 'met'],
  figures: ['n'],
};

export function waitsOf(pcnId: string, months: RebuildMonths = null): SQL {
  const firstContactOn = londonDay(sql`rr.first_contact_at`);
  return sql`
    WITH span AS (
      SELECT least(min(rr.received_on), min(${firstContactOn})) AS lo, max(${firstContactOn}) AS hi
        FROM analytics_rr rr WHERE rr.first_contact_at IS NOT NULL
    ), calendar AS (
      SELECT g::date AS d,
             count(*) FILTER (WHERE extract(isodow FROM g) < 6 AND g::date <> ALL (${holidaysLiteral()}::date[]))
               OVER (ORDER BY g) AS n
        FROM span, generate_series(span.lo, span.hi, interval '1 day') AS g
    )
    SELECT ${pcnId}::uuid, rr.practice_id, rr.month, rr.role, coalesce(rr.priority, rr.urgency_requested),
           greatest(0, upto.n - since.n)::smallint,
           coalesce(rr.first_contact_at <= rr.first_contact_due_at, false), count(*)
      FROM analytics_rr rr
      JOIN calendar since ON since.d = rr.received_on
      JOIN calendar upto ON upto.d = ${firstContactOn}
     WHERE rr.first_contact_at IS NOT NULL AND ${inMonths(sql`rr.month`, months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}
