import { sql } from 'drizzle-orm';
import type { ReferralCapacity, ServiceStatus } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { uuidArray } from '../../../platform/db/uuid-array.js';
import type { GeoPoint } from './distance.js';
import { metresToLocation, type SearchAudience, visibleTo } from './search.repository.js';

// What a page of directory search results shows (staff and public pages), for the ids the one
// search (search.repository.ts) found.

/** A PostgreSQL uuid[] literal (ids come from the database, so they are well-formed). */

export type ScheduleRow = {
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
  notes: string | null;
};

export type ServiceDetailRow = {
  id: string;
  name: string;
  description: string;
  status: ServiceStatus;
  referral_capacity: ReferralCapacity;
  organization_name: string;
  assured_date: string | null;
  review_due: boolean;
  last_modified: string;
  area_wide: boolean;
  confidential_location: boolean;
  categories: { id: string; name: string }[];
  /** Current schedules (valid_to not passed). */
  schedules: ScheduleRow[];
  /** The nearest physical location the audience may see (by name without an origin). */
  place_name: string | null;
  place_city: string | null;
  place_postal_code: string | null;
  place_metres: number | null;
  /** The soonest upcoming session or event (the showcase), if any. */
  next_event: { title: string; starts_at: string } | null;
};

/**
 * Everything a page of results shows, in one round trip: lateral lookups and correlated
 * subqueries probe indexes per id (a page is at most 100 ids). The public never gets a
 * confidential location here, so neither its place nor its distance can leak.
 */
export async function loadServiceDetails(
  db: DbOrTx,
  ids: readonly string[],
  audience: SearchAudience,
  origin: GeoPoint | null,
): Promise<ServiceDetailRow[]> {
  const metres = origin ? metresToLocation(origin) : sql`NULL::float8`;
  const { rows } = await db.execute<ServiceDetailRow>(sql`
    SELECT s.id, s.name, s.description, s.status, s.referral_capacity, o.name AS organization_name,
      s.assured_date::text AS assured_date,
      (s.assured_date IS NULL
        OR (s.assured_date + make_interval(months => s.review_interval_months))::date
           <= (now() AT TIME ZONE 'Europe/London')::date) AS review_due,
      to_char(s.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified,
      (area.service_id IS NOT NULL OR place.location_id IS NULL) AS area_wide,
      EXISTS (SELECT 1 FROM directory_service_at_locations cx
              JOIN directory_locations cl ON cl.id = cx.location_id
              WHERE cx.service_id = s.id AND cl.confidential) AS confidential_location,
      (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name), '[]'::json)
         FROM directory_attributes a JOIN directory_taxonomy_terms t ON t.id = a.taxonomy_term_id
         WHERE a.link_id = s.id AND a.link_type = 'service') AS categories,
      (SELECT coalesce(json_agg(json_build_object(
           'freq', sc.freq, 'interval', sc.interval, 'byday', sc.byday, 'bymonthday', sc.bymonthday,
           'opens_at', to_char(sc.opens_at, 'HH24:MI'), 'closes_at', to_char(sc.closes_at, 'HH24:MI'),
           'description', sc.description, 'notes', sc.notes)), '[]'::json)
         FROM directory_schedules sc
         WHERE sc.service_id = s.id AND (sc.valid_to IS NULL OR sc.valid_to >= current_date)) AS schedules,
      (SELECT json_build_object('title', e.title,
           'starts_at', to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM service_events e
         WHERE e.service_id = s.id AND e.cancelled_at IS NULL AND coalesce(e.ends_at, e.starts_at) > now()
         ORDER BY e.starts_at, e.id
         LIMIT 1) AS next_event,
      place.name AS place_name, place.city AS place_city, place.postal_code AS place_postal_code,
      place.metres AS place_metres
    FROM directory_services s
    JOIN directory_organizations o ON o.id = s.organization_id
    LEFT JOIN LATERAL (SELECT sa.service_id FROM directory_service_areas sa WHERE sa.service_id = s.id LIMIT 1) area ON true
    LEFT JOIN LATERAL (
      SELECT l.id AS location_id, l.name, ad.city, ad.postal_code, ${metres} AS metres
      FROM directory_service_at_locations x
      JOIN directory_locations l ON l.id = x.location_id
      LEFT JOIN LATERAL (
        SELECT a.city, a.postal_code FROM directory_addresses a
        WHERE a.location_id = l.id
        ORDER BY (a.address_type = 'physical') DESC, a.id
        LIMIT 1) ad ON true
      WHERE x.service_id = s.id AND l.location_type = 'physical' ${visibleTo(audience)}
      ORDER BY metres ASC NULLS LAST, l.name, l.id
      LIMIT 1) place ON true
    WHERE s.id = ANY(${uuidArray(ids)})`);
  return rows.map((r) => ({ ...r, place_metres: r.place_metres === null ? null : Number(r.place_metres) }));
}
