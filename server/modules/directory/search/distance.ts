import { type SQL, sql } from 'drizzle-orm';

// The one distance of the directory: great-circle (haversine) metres over postcode centroids and
// location coordinates. The search works in metres throughout; /oruk answers in metres (ORUK's
// `proximity`), and the staff and public search pages convert to miles at their edge.

const EARTH_RADIUS_METRES = 6_371_008.8;
const METRES_PER_MILE = 1609.344;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Great-circle metres from `origin` to the point whose coordinates are the given SQL columns. */
export function haversineMetres(latitude: SQL, longitude: SQL, origin: GeoPoint): SQL<number> {
  const lat = sql`${origin.latitude}::double precision`;
  const lon = sql`${origin.longitude}::double precision`;
  return sql<number>`(2 * ${EARTH_RADIUS_METRES}::double precision * asin(sqrt(
    power(sin(radians(${latitude} - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(${latitude}))
      * power(sin(radians(${longitude} - ${lon}) / 2), 2))))`;
}

/** Metres as the search pages show them: miles. */
export const metresToMiles = (metres: number) => metres / METRES_PER_MILE;
export const milesToMetres = (miles: number) => miles * METRES_PER_MILE;
