import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { agreedWithin, londonDay, londonMonth } from './sql-parts.js';

/**
 * How far back to look beyond what a rebuild saw. Some change times are the app server's clock
 * (`updatedAt: new Date()`), not the database's: a few seconds cover a drifting clock. A change
 * inside the margin only makes the next run rebuild that PCN once more.
 */
export const CLOCK_MARGIN = '5 seconds';

/**
 * The instant a rebuild about to start can promise to have caught up to: the earliest of now
 * and the start of every transaction still open in this database. Taken BEFORE the rebuild's
 * snapshot, so anything the snapshot misses — committed after it — belongs to a transaction
 * that was open now (its change times, from now() or a clock read inside it, are no earlier
 * than its start) or that began later; either way its changes are later than the cut-off and
 * the next run sees them.
 */
export async function changeCutOff(db: Db): Promise<Date> {
  const result = await db.execute<{ cut_off: Date | string }>(sql`
    SELECT least(statement_timestamp(), min(a.xact_start)) - ${CLOCK_MARGIN}::interval AS cut_off
      FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.backend_type = 'client backend'
       AND a.xact_start IS NOT NULL AND a.pid <> pg_backend_pid()`);
  return new Date(result.rows[0]?.cut_off ?? Date.now());
}

/**
 * The PCNs whose figures are out of date: never refreshed, or with a change after their
 * caught_up_to — a referral updated (status, triage, allocation, first contact, closure), a
 * referral event, a contact recorded, an outcome measure, an onward referral updated (answers,
 * attendance and closure touch it), a person's record updated (equality answers, postcode,
 * date of birth: through their referrals), a care plan saved. Each source is read once, through
 * its change-time index from the oldest caught_up_to on (refreshChanged keeps that recent: it
 * moves the caught_up_to of the PCNs found unchanged too), and its latest change per PCN compared
 * with that PCN's caught_up_to.
 */
export async function pcnsWithChanges(db: Db): Promise<string[]> {
  const oldest = await db.execute<{ at: string | null }>(
    sql`SELECT min(caught_up_to)::text AS at FROM analytics_refreshes`,
  );
  // A value, not a subquery, so that each source is planned by its change-time index; nothing
  // built yet: every PCN is (no change need be read).
  const since = sql`${oldest.rows[0]?.at ?? 'infinity'}::timestamptz`;
  const result = await db.execute<{ pcn_id: string }>(sql`
    WITH changes AS MATERIALIZED (
      SELECT r.pcn_id, r.updated_at AS at FROM referrals r WHERE r.updated_at > ${since}
      UNION ALL
      SELECT r.pcn_id, e.at FROM referral_events e JOIN referrals r ON r.id = e.referral_id WHERE e.at > ${since}
      UNION ALL
      SELECT c.pcn_id, c.created_at FROM case_contacts c WHERE c.created_at > ${since}
      UNION ALL
      SELECT o.pcn_id, o.recorded_at FROM outcome_measures o WHERE o.recorded_at > ${since}
      UNION ALL
      SELECT o.pcn_id, o.updated_at FROM onward_referrals o WHERE o.updated_at > ${since}
      UNION ALL
      SELECT r.pcn_id, p.updated_at FROM people p JOIN referrals r ON r.person_id = p.id
       WHERE p.updated_at > ${since}
      UNION ALL
      SELECT cp.pcn_id, cp.updated_at FROM care_plans cp WHERE cp.updated_at > ${since}
    ),
    latest AS (SELECT pcn_id, max(at) AS at FROM changes GROUP BY pcn_id)
    SELECT p.id AS pcn_id
      FROM pcns p
      LEFT JOIN analytics_refreshes ar ON ar.pcn_id = p.id
      LEFT JOIN latest l ON l.pcn_id = p.id
     WHERE ar.pcn_id IS NULL OR l.at > ar.caught_up_to
     ORDER BY p.id`);
  return result.rows.map((r) => r.pcn_id);
}

/**
 * Moves the caught_up_to of every PCN built and not among `changed` to `cutOff`: nothing of theirs
 * changed up to a snapshot taken after the cut-off (changeCutOff says why that is enough). Without
 * it a quiet PCN would hold the oldest caught_up_to back, and every run would read every change
 * since then again. Their refreshed_at ("as of") stays: their figures were not rebuilt.
 */
export async function markUnchangedCaughtUp(db: Db, cutOff: Date, changed: string[]): Promise<void> {
  await db.execute(sql`
    UPDATE analytics_refreshes SET caught_up_to = ${cutOff.toISOString()}
     WHERE caught_up_to < ${cutOff.toISOString()} AND pcn_id <> ALL(${`{${changed.join(',')}}`}::uuid[])`);
}

/** The months a rebuild recomputes: every month (null), or these (first days, YYYY-MM-DD). */
export type RebuildMonths = string[] | null;

/** `month` (an expression of a rollup row's month) is one the rebuild recomputes. */
export const inMonths = (month: SQL, months: RebuildMonths): SQL =>
  months === null ? sql`true` : sql`(${month}) = ANY(${`{${months.join(',')}}`}::date[])`;

/**
 * The months of the PCN's figures that its changes since its last rebuild can have moved: null
 * when it was never built (every month). Each change, from the same sources as pcnsWithChanges,
 * counts in these months:
 * - a referral updated (its status, its worker and so their role, anything) or its person's record
 *   (the equality answers): every month the referral counts in under any measure — the month it
 *   was received (referrals, flow, closures, waits) and the months of its coded events, contacts,
 *   outcome measures, onward referrals and sessions;
 * - a coded event, a contact: its own month;
 * - an outcome measure: the months of every measure of its referral (a pair moves to the month of
 *   its latest measure);
 * - an onward referral updated (an answer, a session, its closure): the month it was made and the
 *   months of its sessions;
 * - a care plan saved: the months received of the person's referrals here that the save brings to
 *   'plan agreed' — a version saved since, agreed within the referral's time (counts.ts), where no
 *   version the last rebuild saw was (versions are never edited, only added). A save that agrees
 *   nothing new, the usual case, moves no month. A referral closed since is a referral updated.
 *
 * Changes this cannot see (a record erased, a worker's role changed, a code table edited) are
 * caught by the nightly full rebuild (refresh-job.ts).
 */
export async function changedMonthsOf(db: DbOrTx, pcnId: string): Promise<RebuildMonths> {
  const built = await db.execute<{ at: string }>(
    sql`SELECT caught_up_to::text AS at FROM analytics_refreshes WHERE pcn_id = ${pcnId}::uuid`,
  );
  const caughtUpTo = built.rows[0]?.at;
  if (caughtUpTo === undefined) return null;
  const pcn = sql`${pcnId}::uuid`;
  // A value, not a subquery: PostgreSQL then plans each source by its change-time index (a minute
  // of changes) rather than by every referral of the PCN.
  const since = sql`${caughtUpTo}::timestamptz`;
  const receivedOn = londonDay(sql`r.received_at`);
  const closedOn = londonDay(sql`r.closed_at`);
  const result = await db.execute<{ month: string }>(sql`
    WITH whole AS (
      SELECT r.id FROM referrals r WHERE r.pcn_id = ${pcn} AND r.updated_at > ${since}
      UNION
      SELECT r.id FROM people p JOIN referrals r ON r.person_id = p.id
       WHERE r.pcn_id = ${pcn} AND p.updated_at > ${since}
    ),
    months AS (
      SELECT ${londonMonth(sql`r.received_at`)} AS month FROM referrals r JOIN whole ON whole.id = r.id
      UNION
      SELECT ${londonMonth(sql`e.at`)} FROM referral_events e JOIN whole ON whole.id = e.referral_id
       WHERE e.snomed_code IS NOT NULL
      UNION
      SELECT ${londonMonth(sql`c.at`)} FROM case_contacts c JOIN whole ON whole.id = c.referral_id
      UNION
      SELECT date_trunc('month', o.administered_on)::date FROM outcome_measures o JOIN whole ON whole.id = o.referral_id
      UNION
      SELECT ${londonMonth(sql`o.created_at`)} FROM onward_referrals o JOIN whole ON whole.id = o.referral_id
      UNION
      SELECT date_trunc('month', a.on)::date FROM onward_attendances a
        JOIN onward_referrals o ON o.id = a.onward_referral_id JOIN whole ON whole.id = o.referral_id
      UNION
      SELECT ${londonMonth(sql`e.at`)} FROM referral_events e JOIN referrals r ON r.id = e.referral_id
       WHERE r.pcn_id = ${pcn} AND e.at > ${since} AND e.snomed_code IS NOT NULL
      UNION
      SELECT ${londonMonth(sql`c.at`)} FROM case_contacts c WHERE c.pcn_id = ${pcn} AND c.created_at > ${since}
      UNION
      SELECT date_trunc('month', m.administered_on)::date
        FROM outcome_measures o JOIN outcome_measures m ON m.referral_id = o.referral_id
       WHERE o.pcn_id = ${pcn} AND o.recorded_at > ${since}
      UNION
      SELECT ${londonMonth(sql`o.created_at`)} FROM onward_referrals o WHERE o.pcn_id = ${pcn} AND o.updated_at > ${since}
      UNION
      SELECT date_trunc('month', a.on)::date FROM onward_referrals o JOIN onward_attendances a ON a.onward_referral_id = o.id
       WHERE o.pcn_id = ${pcn} AND o.updated_at > ${since}
      UNION
      SELECT ${londonMonth(sql`r.received_at`)}
        FROM care_plans cp
        JOIN care_plan_versions v ON v.plan_id = cp.id AND v.saved_at > ${since}
        JOIN referrals r ON r.person_id = cp.person_id AND r.pcn_id = cp.pcn_id
       WHERE cp.pcn_id = ${pcn} AND cp.updated_at > ${since}
         AND ${agreedWithin('v', receivedOn, closedOn)}
         AND NOT EXISTS (
           SELECT 1 FROM care_plan_versions w
            WHERE w.plan_id = cp.id AND w.saved_at <= ${since} AND ${agreedWithin('w', receivedOn, closedOn)})
    )
    SELECT to_char(month, 'YYYY-MM-DD') AS month FROM months ORDER BY 1`);
  return result.rows.map((r) => r.month);
}
