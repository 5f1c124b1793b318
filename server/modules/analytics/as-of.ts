import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { uuidArray } from './sections/rollup-filters.js';

// "As of" for figures over several PCNs: the oldest point every one of them has caught up to
// (a figure is only as fresh as its stalest part). PCNs never refreshed have no row and no say:
// they have no figures yet. Null when none of them has been refreshed.
// (The rollups helper plans an `analyticsAsOf` in refresh/as-of.ts; until it lands this small
// reader of analytics_refreshes stands in for it.)
export async function figuresAsOf(db: Db, pcnIds: readonly string[]): Promise<string | null> {
  if (pcnIds.length === 0) return null;
  const result = await db.execute<{ asOf: Date | string | null }>(sql`
    SELECT min(caught_up_to) AS "asOf" FROM analytics_refreshes WHERE pcn_id = ANY(${uuidArray(pcnIds)})`);
  const asOf = result.rows[0]?.asOf ?? null;
  return asOf === null ? null : new Date(asOf).toISOString();
}
