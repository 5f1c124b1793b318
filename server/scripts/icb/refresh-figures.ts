import { sql } from 'drizzle-orm';
import { rebuildAll } from '../../modules/analytics/refresh/rebuild.js';
import type { Db } from '../../platform/db/client.js';

// The generated data goes straight into the tables, past the change detection's bookkeeping, so
// the analytics rollups are rebuilt in full afterwards: every PCN, with the refresh job's own code.
// Then the rollups are vacuumed at once, as autovacuum would soon after: the dashboards read them
// index-only, which needs their pages marked all-visible, and fresh statistics.
const ROLLUPS = [
  'analytics_counts',
  'analytics_waits',
  'analytics_outcomes',
  'analytics_contacts',
  'analytics_count_slices',
  'analytics_wait_slices',
  'analytics_outcome_slices',
  'analytics_contact_slices',
  'analytics_icb_count_slices',
  'analytics_icb_outcome_slices',
  'analytics_icb_wait_slices',
];

export async function refreshFigures(db: Db): Promise<number> {
  const reports = await rebuildAll(db);
  for (const table of ROLLUPS) await db.execute(sql`VACUUM (ANALYZE) ${sql.identifier(table)}`);
  return reports.filter((r) => r.rebuilt).length;
}
