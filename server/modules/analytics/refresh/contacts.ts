import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import { inMonths, type RebuildMonths } from './changes.js';
import { londonMonth } from './sql-parts.js';

/**
 * analytics_contacts: contacts recorded in the PCN's cases, per worker who recorded them (role =
 * that worker's role now), month of the contact (not of its recording), mode and outcome: how
 * many, and their minutes. Practice = the referral's.
 */
export async function insertContactsOf(tx: Tx, pcnId: string, months: RebuildMonths = null): Promise<void> {
  await tx.execute(sql`
    INSERT INTO analytics_contacts (pcn_id, practice_id, worker_id, role, month, mode, outcome, n, minutes)
    SELECT ${pcnId}::uuid, rr.practice_id, c.recorded_by_user_id, u.role, ${londonMonth(sql`c.at`)}, c.mode, c.outcome,
           count(*), sum(c.duration_minutes)
      FROM case_contacts c
      JOIN analytics_rr rr ON rr.id = c.referral_id
      JOIN users u ON u.id = c.recorded_by_user_id
     WHERE ${inMonths(londonMonth(sql`c.at`), months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`);
}
