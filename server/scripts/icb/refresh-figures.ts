import type { Db } from '../../platform/db/client.js';

// ROLLUP CALL SITE (issue 13): the generated data goes straight into the tables, so the analytics
// rollups must be rebuilt in full afterwards. Wire the rollups helper's full rebuild here
// (server/modules/analytics/refresh/) when it lands; until then this reports that it did nothing.
export async function refreshFigures(_db: Db): Promise<boolean> {
  return false;
}
