import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { type GeoPoint, haversineMetres } from '../search/distance.js';
import { lookupPostcode } from './postcodes.repository.js';

// Postcode centroids for other modules: the residents' self-referral finds the GP surgery nearest
// to a person who does not know theirs (issue 14).

export { lookupPostcode };

/**
 * Of the given postcodes, the one whose centroid is nearest `origin`, with its distance in
 * metres; null when none of them is in the postcode table.
 */
export async function nearestPostcode(
  db: DbOrTx,
  origin: GeoPoint,
  candidates: readonly string[],
): Promise<{ postcode: string; metres: number } | null> {
  if (candidates.length === 0) return null;
  const { rows } = await db.execute<{ postcode: string; metres: number }>(sql`
    SELECT postcode, ${haversineMetres(sql`latitude`, sql`longitude`, origin)} AS metres
    FROM postcodes WHERE postcode = ANY(${`{${candidates.map((c) => `"${c}"`).join(',')}}`}::text[])
    ORDER BY metres, postcode LIMIT 1`);
  const row = rows[0];
  return row ? { postcode: row.postcode, metres: Number(row.metres) } : null;
}
