import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';

export interface PostcodePoint {
  postcode: string;
  latitude: number;
  longitude: number;
  /** The postcode's small area (LSOA code), when the file gives one: deprivation is looked up by it. */
  lsoa?: string | null;
}

/** The centroid of a normalised postcode ("LS1 4AP"), or null when the directory lacks it. */
export async function lookupPostcode(db: DbOrTx, postcode: string): Promise<PostcodePoint | null> {
  const { rows } = await db.execute<{ latitude: number; longitude: number }>(
    sql`SELECT latitude, longitude FROM postcodes WHERE postcode = ${postcode}`,
  );
  const row = rows[0];
  return row ? { postcode, latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
}

/**
 * Inserts or refreshes postcode centroids in one statement (ONSPD re-releases move centroids,
 * so a re-import overwrites). Duplicates within the batch keep the last row.
 */
export async function upsertPostcodes(db: DbOrTx, points: readonly PostcodePoint[]): Promise<void> {
  const unique = [...new Map(points.map((p) => [p.postcode, p])).values()];
  if (unique.length === 0) return;
  // Arrays unnested server-side: one parameter each, whatever the batch size. A file without an
  // LSOA column leaves the LSOA an earlier file gave.
  await db.execute(sql`
    INSERT INTO postcodes (postcode, latitude, longitude, lsoa)
    SELECT * FROM unnest(${toPgArray(unique.map((p) => p.postcode))}::text[],
                         ${toPgArray(unique.map((p) => p.latitude))}::float8[],
                         ${toPgArray(unique.map((p) => p.longitude))}::float8[],
                         ${toPgArray(unique.map((p) => p.lsoa ?? null))}::text[])
    ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude,
      lsoa = coalesce(excluded.lsoa, postcodes.lsoa)`);
}

/**
 * A PostgreSQL array literal of postcodes, LSOA codes or numbers (postcodes are normalised and LSOA
 * codes checked to be letters and digits: no quotes or commas).
 */
function toPgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v}"`)).join(',')}}`;
}
