import { type SQL, sql } from 'drizzle-orm';
import type { OnwardOutcome } from '../../../../common/onward-referrals.js';
import type { DbOrTx } from '../../../platform/db/client.js';

// The impact figures, aggregated in PostgreSQL (100,000 onward referrals must not travel to
// Node): one query per kind of fact, each grouped by month, by service and overall at once
// (GROUPING SETS: by month, by service, by service and month, and the whole period), so that
// medians are true medians of each group, not medians of medians.
// `own` says whether every record behind a group is the viewer's own PCN's (null viewer: never).

export interface ImpactSelection {
  icbId: string;
  organisationIds: readonly string[];
  /** London dates, inclusive. */
  from: string;
  to: string;
  /** The viewer's PCN, whose own records are shown without the small-number rule; null for none. */
  ownPcnId: string | null;
  /** Bank holidays on weekdays (YYYY-MM-DD, ascending), from the period's start to next year. */
  bankHolidays: readonly string[];
}

/** One group: `month` and `serviceId` are both null for the whole period. */
interface Grouped {
  month: string | null;
  serviceId: string | null;
  byMonth: boolean;
  byService: boolean;
  own: boolean;
}

export interface ReferralGroup extends Grouped {
  referrals: number;
  accepted: number;
  answered: number;
  medianReplyWorkingDays: number | null;
  signposts: number;
}

export interface AttendanceGroup extends Grouped {
  people: number;
  sessions: number;
}

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const dates = (days: readonly string[]) => sql`${`{${days.join(',')}}`}::date[]`;
const londonDay = (column: SQL) => sql`(${column} AT TIME ZONE 'Europe/London')::date`;
const ownOf = (s: ImpactSelection) => (s.ownPcnId ? sql`bool_and(o.pcn_id = ${s.ownPcnId}::uuid)` : sql`false`);

/** Sent within the period (London days), in the ICB, to the organisations. */
const sentInPeriod = (s: ImpactSelection) => sql`
  o.icb_id = ${s.icbId}::uuid
  AND o.organization_id = ANY(${uuids(s.organisationIds)})
  AND o.created_at >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/London')
  AND o.created_at < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;

const GROUPING = sql`GROUP BY GROUPING SETS ((month), (service_id), (service_id, month), ())`;
const groupKeys = sql`month, service_id AS "serviceId", GROUPING(month) = 0 AS "byMonth",
  GROUPING(service_id) = 0 AS "byService"`;

/**
 * Weekdays from 3 January 2000 (a Monday) up to and including `day`: the difference of two of
 * these counts the weekdays between two days without walking the calendar row by row.
 */
const weekdaysTo = (day: SQL) =>
  sql`(5 * ((${day} - DATE '2000-01-03' + 1) / 7) + least((${day} - DATE '2000-01-03' + 1) % 7, 5))`;

export async function referralGroups(db: DbOrTx, s: ImpactSelection): Promise<ReferralGroup[]> {
  // Working days from sent to the first answer, per row, as working-days.ts counts them: the
  // weekdays after the sent day up to and including the answer's, less the bank holidays among
  // them. Closed forms, because this runs per row: weekdays by weekdaysTo, and bank holidays by
  // width_bucket over the sorted list (how many holidays fall on or before a day; the list holds
  // weekdays only). A generate_series or an unnest per row cost 10 µs a row.
  const holidays = dates(s.bankHolidays);
  const { rows } = await db.execute<ReferralGroup & Record<string, unknown>>(sql`
    WITH r AS (
      SELECT o.service_id, o.kind, o.pcn_id, o.accepted_at, to_char(d.sent, 'YYYY-MM') AS month,
        CASE WHEN d.answered IS NOT NULL THEN greatest(0,
          ${weekdaysTo(sql`d.answered`)} - ${weekdaysTo(sql`d.sent`)}
          - (width_bucket(d.answered, ${holidays}) - width_bucket(d.sent, ${holidays}))
        ) END AS reply_days
      FROM onward_referrals o
      CROSS JOIN LATERAL (
        SELECT ${londonDay(sql`o.created_at`)} AS sent,
          CASE WHEN o.kind = 'referral' THEN ${londonDay(sql`coalesce(o.accepted_at, o.declined_at)`)} END AS answered
      ) AS d
      WHERE ${sentInPeriod(s)}
    )
    SELECT ${groupKeys},
      count(*) FILTER (WHERE kind = 'referral')::int AS referrals,
      count(*) FILTER (WHERE kind = 'referral' AND accepted_at IS NOT NULL)::int AS accepted,
      count(reply_days)::int AS answered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY reply_days) AS "medianReplyWorkingDays",
      count(*) FILTER (WHERE kind = 'signpost')::int AS signposts,
      ${ownOf(s)} AS own
    FROM r AS o
    ${GROUPING}`);
  return rows;
}

/** Sessions attended on days within the period, of referrals to the organisations (sent any time). */
export async function attendanceGroups(db: DbOrTx, s: ImpactSelection): Promise<AttendanceGroup[]> {
  const { rows } = await db.execute<AttendanceGroup & Record<string, unknown>>(sql`
    WITH a AS (
      -- A resident's own self-referral has no person record: each is one person of its own.
      SELECT o.service_id, coalesce(o.person_id, o.id) AS person_id, o.pcn_id, a.sessions,
        to_char(a.on, 'YYYY-MM') AS month
      FROM onward_referrals o
      JOIN onward_attendances a ON a.onward_referral_id = o.id
      WHERE o.icb_id = ${s.icbId}::uuid
        AND o.organization_id = ANY(${uuids(s.organisationIds)})
        AND o.kind = 'referral'
        AND a.kind = 'attended'
        AND a.on BETWEEN ${s.from}::date AND ${s.to}::date
    )
    SELECT ${groupKeys},
      count(DISTINCT person_id)::int AS people,
      coalesce(sum(sessions), 0)::int AS sessions,
      ${ownOf(s)} AS own
    FROM a AS o
    ${GROUPING}`);
  return rows;
}

/** Referrals closed within the period, by outcome. */
export async function outcomesAtClose(
  db: DbOrTx,
  s: ImpactSelection,
): Promise<{ outcome: OnwardOutcome; count: number; own: boolean }[]> {
  const { rows } = await db.execute<{ outcome: OnwardOutcome; count: number; own: boolean }>(sql`
    SELECT o.outcome, count(*)::int AS count, ${ownOf(s)} AS own
    FROM onward_referrals o
    WHERE o.icb_id = ${s.icbId}::uuid
      AND o.organization_id = ANY(${uuids(s.organisationIds)})
      AND o.outcome IS NOT NULL
      AND o.closed_at >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/London')
      AND o.closed_at < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')
    GROUP BY o.outcome`);
  return rows;
}

/**
 * The people referred to the organisations in the period, each once: the case of their latest
 * such referral (whose outcome measures are compared) and its PCN. A resident's own self-referral
 * has no case, so no measures to compare: it is not among them.
 */
export async function casesReferred(db: DbOrTx, s: ImpactSelection): Promise<{ referralId: string; pcnId: string }[]> {
  const { rows } = await db.execute<{ referralId: string; pcnId: string }>(sql`
    SELECT DISTINCT ON (o.person_id) o.referral_id AS "referralId", o.pcn_id AS "pcnId"
    FROM onward_referrals o
    WHERE ${sentInPeriod(s)} AND o.kind = 'referral' AND o.source = 'team'
    ORDER BY o.person_id, o.created_at DESC`);
  return rows;
}
