import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';

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
 * date of birth: through their referrals), a care plan saved. Each source is read through its
 * change-time index from the oldest caught_up_to on.
 */
export async function pcnsWithChanges(db: Db): Promise<string[]> {
  const result = await db.execute<{ pcn_id: string }>(sql`
    WITH since AS (SELECT min(caught_up_to) AS at FROM analytics_refreshes),
    changes AS (
      SELECT r.pcn_id, r.updated_at AS at FROM referrals r, since WHERE r.updated_at > since.at
      UNION ALL
      SELECT r.pcn_id, e.at FROM referral_events e JOIN referrals r ON r.id = e.referral_id, since WHERE e.at > since.at
      UNION ALL
      SELECT c.pcn_id, c.created_at FROM case_contacts c, since WHERE c.created_at > since.at
      UNION ALL
      SELECT o.pcn_id, o.recorded_at FROM outcome_measures o, since WHERE o.recorded_at > since.at
      UNION ALL
      SELECT o.pcn_id, o.updated_at FROM onward_referrals o, since WHERE o.updated_at > since.at
      UNION ALL
      SELECT r.pcn_id, p.updated_at FROM people p JOIN referrals r ON r.person_id = p.id, since
       WHERE p.updated_at > since.at
      UNION ALL
      SELECT cp.pcn_id, cp.updated_at FROM care_plans cp, since WHERE cp.updated_at > since.at
    )
    SELECT p.id AS pcn_id
      FROM pcns p
      LEFT JOIN analytics_refreshes ar ON ar.pcn_id = p.id
     WHERE ar.pcn_id IS NULL
        OR EXISTS (SELECT 1 FROM changes c WHERE c.pcn_id = p.id AND c.at > ar.caught_up_to)
     ORDER BY p.id`);
  return result.rows.map((r) => r.pcn_id);
}
