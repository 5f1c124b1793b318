import { type SQL, sql } from 'drizzle-orm';
import { inMonths, type RebuildMonths } from './changes.js';
import type { RollupShape } from './merge.js';
import { londonMonth } from './sql-parts.js';

/** The worker's role is a figure, not a key: the table's unique key leaves it out (it is the worker's). */
export const CONTACTS: RollupShape = {
  table: 'analytics_contacts',
  keys: ['pcn_id', 'practice_id', 'worker_id', 'month', 'mode', 'outcome'],
  figures: ['role', 'n', 'minutes'],
};

/**
 * analytics_contacts: contacts recorded in the PCN's cases, per worker who recorded them (role =
 * that worker's role now), month of the contact (not of its recording), mode and outcome: how
 * many, and their minutes. Practice = the referral's.
 */
export function contactsOf(pcnId: string, months: RebuildMonths = null): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, c.recorded_by_user_id, ${londonMonth(sql`c.at`)}, c.mode, c.outcome,
           u.role, count(*), sum(c.duration_minutes)
      FROM case_contacts c
      JOIN analytics_rr rr ON rr.id = c.referral_id
      JOIN users u ON u.id = c.recorded_by_user_id
     WHERE ${inMonths(londonMonth(sql`c.at`), months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}
