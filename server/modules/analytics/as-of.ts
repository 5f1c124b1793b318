import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { analyticsAsOf } from './refresh/as-of.js';
import { uuidArray } from './sections/rollup-filters.js';

// When the figures of these PCNs were last brought up to date, and a key that moves whenever
// any of their rollups is rebuilt. "As of" (refresh/as-of.ts) is the oldest rebuild, and null
// while one of the PCNs was never built; neither moves when only some PCNs are rebuilt, so the
// cache (cache.ts) keys on the newest rebuild and the number of PCNs built instead.
export interface Freshness {
  asOf: string | null;
  key: string;
}

export async function freshnessOf(db: Db, pcnIds: readonly string[]): Promise<Freshness> {
  if (pcnIds.length === 0) return { asOf: null, key: 'none' };
  const [asOf, { rows }] = await Promise.all([
    analyticsAsOf(db, pcnIds),
    db.execute<{ built: number; newest: Date | string | null }>(sql`
      SELECT count(*)::int AS built, max(refreshed_at) AS newest
      FROM analytics_refreshes WHERE pcn_id = ANY(${uuidArray(pcnIds)})`),
  ]);
  const newest = rows[0]?.newest ? new Date(rows[0].newest).toISOString() : 'never';
  return { asOf, key: `${rows[0]?.built ?? 0}@${newest}` };
}
