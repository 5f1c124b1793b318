import { rebuildAll } from '../../modules/analytics/refresh/rebuild.js';
import type { Db } from '../../platform/db/client.js';

// The generated data goes straight into the tables, past the change detection's bookkeeping, so
// the analytics rollups are rebuilt in full afterwards: every PCN, with the refresh job's own code.
export async function refreshFigures(db: Db): Promise<number> {
  const reports = await rebuildAll(db);
  return reports.filter((r) => r.rebuilt).length;
}
