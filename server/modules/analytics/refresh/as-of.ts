import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';

/**
 * "As of" for figures drawn from the rollups of these PCNs: the oldest of their last rebuilds
 * (ISO 8601), or null when one of them has never been built (no figures to vouch for yet) or
 * no PCN is asked about.
 */
export async function analyticsAsOf(db: DbOrTx, pcnIds: readonly string[]): Promise<string | null> {
  if (pcnIds.length === 0) return null;
  const result = await db.execute<{ built: string; oldest: Date | string | null }>(sql`
    SELECT count(*)::int AS built, min(refreshed_at) AS oldest
      FROM analytics_refreshes WHERE pcn_id IN (${sql.join(
        pcnIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
  const row = result.rows[0];
  if (!row?.oldest || Number(row.built) < new Set(pcnIds).size) return null;
  return new Date(row.oldest).toISOString();
}
