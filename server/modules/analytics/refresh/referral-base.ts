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
 * statement then keeps the rows of those months).
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
     WHERE r.pcn_id = ${pcnId} AND r.spam_marked_at IS NULL AND ${countsIn(months)}`);
  await tx.execute(sql`CREATE INDEX ON analytics_rr (id)`);
  await tx.execute(sql`ANALYZE analytics_rr`);
}

/** The equality breakdown of a row of analytics_rr aliased `rr`, as (dimension, value) rows. */
export const equalityDimensions = sql`
  CROSS JOIN LATERAL (VALUES ('all', 'all'), ('age_band', rr.age_band), ('sex', rr.sex),
                             ('ethnic_group', rr.ethnic_group), ('imd_quintile', rr.imd_quintile)) AS d(dimension, value)`;

/** A referral `r` can count in one of the months (see loadReferralBase); every referral when null. */
function countsIn(months: RebuildMonths): SQL {
  if (months === null) return sql`true`;
  const first = months[0] ?? '1970-01-01';
  const end = sql`(${months[months.length - 1] ?? first}::date + interval '1 month')::date`;
  // London midnight at either end, as the months of the timestamps are London months: the range
  // reads each referral's own index, the month list then keeps the months themselves.
  const from = sql`(${first}::date::timestamp AT TIME ZONE 'Europe/London')`;
  const to = sql`(${end}::timestamp AT TIME ZONE 'Europe/London')`;
  const list = sql`${`{${months.join(',')}}`}::date[]`;
  const at = (column: SQL) => sql`${column} >= ${from} AND ${column} < ${to} AND ${londonMonth(column)} = ANY(${list})`;
  const on = (column: SQL) =>
    sql`${column} >= ${first}::date AND ${column} < ${end} AND date_trunc('month', ${column})::date = ANY(${list})`;
  // Scalar subqueries, probed per referral through its own indexes: as EXISTS, PostgreSQL hashes
  // the whole ICB's events and contacts of the period instead (0.5 s against 0.05 s).
  const any = (from_: SQL) => sql`(SELECT true FROM ${from_} LIMIT 1) IS NOT NULL`;
  return sql`(
    ${londonMonth(sql`r.received_at`)} = ANY(${list})
    OR ${any(sql`referral_events e WHERE e.referral_id = r.id AND ${at(sql`e.at`)}`)}
    OR ${any(sql`case_contacts c WHERE c.referral_id = r.id AND ${at(sql`c.at`)}`)}
    OR ${any(sql`outcome_measures o WHERE o.referral_id = r.id AND ${on(sql`o.administered_on`)}`)}
    OR ${any(sql`onward_referrals o WHERE o.referral_id = r.id AND ${at(sql`o.created_at`)}`)}
    OR ${any(sql`onward_referrals o JOIN onward_attendances a ON a.onward_referral_id = o.id
                  WHERE o.referral_id = r.id AND ${on(sql`a.on`)}`)})`;
}
