import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import type { RebuildMonths } from './changes.js';
import { ageBandSql, ethnicGroupSql, imdQuintileSql, londonDay, londonMonth } from './sql-parts.js';

/**
 * The PCN's referrals (less self-referrals a lead marked as spam: they were never demand) with everything the rollups break them down by, computed once per rebuild
 * into a temporary table (dropped at commit) that every rollup statement reads:
 * - `month`: the month the referral was received (Europe/London), the cohort of flow and waits;
 * - `role`: the allocated worker's role, 'unallocated' before allocation;
 * - the equality dimensions of the person as their record says now (not as the referral
 *   described them: the record is what the team keeps up to date): age band at the London date
 *   the referral was received, sex, ethnic group, IMD quintile of their postcode's LSOA; each
 *   'not_known' when missing.
 * When only some months are recomputed, only the referrals that can count in them: received in
 * one, or with a coded event, contact, outcome measure, onward referral or session in one (each
 * statement then keeps the rows of those months; countsIn).
 */
export async function loadReferralBase(tx: Tx, pcnId: string, months: RebuildMonths = null): Promise<void> {
  const received = londonDay(sql`r.received_at`);
  await tx.execute(sql`
    CREATE TEMP TABLE analytics_rr ON COMMIT DROP AS
    SELECT r.id, r.practice_id, r.person_id, r.pcn_id, r.source, r.reasons, r.urgency_requested,
           r.status, r.closure_reason, r.priority, r.received_at, r.triaged_at, r.allocated_at,
           r.first_contact_at, r.first_contact_due_at,
           ${londonMonth(sql`r.received_at`)} AS month,
           ${received} AS received_on,
           ${londonDay(sql`r.closed_at`)} AS closed_on,
           coalesce(u.role, 'unallocated') AS role,
           ${ageBandSql(sql`extract(year from age(${received}, p.date_of_birth))`)} AS age_band,
           coalesce(p.sex, 'not_known') AS sex,
           ${ethnicGroupSql(sql`p.ethnicity`)} AS ethnic_group,
           ${imdQuintileSql(sql`imd.decile`)} AS imd_quintile
      FROM referrals r
      JOIN people p ON p.id = r.person_id
      LEFT JOIN users u ON u.id = r.allocated_worker_id
      LEFT JOIN postcodes pc ON pc.postcode = p.postcode
      LEFT JOIN imd_deciles imd ON imd.lsoa = pc.lsoa
     WHERE r.pcn_id = ${pcnId} AND r.spam_marked_at IS NULL AND ${countsIn(months, pcnId)}`);
  await tx.execute(sql`CREATE INDEX ON analytics_rr (id)`);
  await tx.execute(sql`ANALYZE analytics_rr`);
}

/** The equality breakdown of a row of analytics_rr aliased `rr`, as (dimension, value) rows. */
export const equalityDimensions = sql`
  CROSS JOIN LATERAL (VALUES ('all', 'all'), ('age_band', rr.age_band), ('sex', rr.sex),
                             ('ethnic_group', rr.ethnic_group), ('imd_quintile', rr.imd_quintile)) AS d(dimension, value)`;

/**
 * A referral `r` can count in one of the months (see loadReferralBase); every referral when null.
 * The candidates come from each source's own index over each month's range (migration 0039):
 * the PCN's referrals received, contacts, measures and onward referrals of the month, the
 * sessions of the PCN's onward referrals, and the ICB's coded events of the month (an event
 * counts by its own month only when coded: the national figures). A month of a PCN of the
 * synthetic ICB is then a few thousand index entries; probing each of its 10,000 referrals in
 * five tables was 50,000 (345 ms against 65 ms warm).
 */
function countsIn(months: RebuildMonths, pcnId: string): SQL {
  if (months === null) return sql`true`;
  const list = sql`${`{${months.join(',')}}`}::date[]`;
  const pcn = sql`${pcnId}::uuid`;
  // Each month as London midnight at either end (the months of the timestamps are London months).
  const ranges = sql`(SELECT m AS first, (m + interval '1 month')::date AS next,
                             (m::timestamp AT TIME ZONE 'Europe/London') AS lo,
                             ((m + interval '1 month')::timestamp AT TIME ZONE 'Europe/London') AS hi
                        FROM unnest(${list}) AS m) AS m`;
  return sql`r.id IN (
      SELECT r.id FROM ${ranges} JOIN referrals r ON r.pcn_id = ${pcn} AND r.received_at >= m.lo AND r.received_at < m.hi
      UNION ALL
      SELECT e.referral_id FROM ${ranges} JOIN referral_events e ON e.at >= m.lo AND e.at < m.hi
       WHERE e.snomed_code IS NOT NULL
      UNION ALL
      SELECT c.referral_id FROM ${ranges} JOIN case_contacts c ON c.pcn_id = ${pcn} AND c.at >= m.lo AND c.at < m.hi
      UNION ALL
      SELECT o.referral_id FROM ${ranges}
        JOIN outcome_measures o ON o.pcn_id = ${pcn} AND o.administered_on >= m.first AND o.administered_on < m.next
      UNION ALL
      SELECT o.referral_id FROM ${ranges}
        JOIN onward_referrals o ON o.pcn_id = ${pcn} AND o.created_at >= m.lo AND o.created_at < m.hi
      UNION ALL
      SELECT o.referral_id FROM ${ranges}
        JOIN onward_referrals o ON o.pcn_id = ${pcn}
        JOIN onward_attendances a ON a.onward_referral_id = o.id AND a.on >= m.first AND a.on < m.next)`;
}
