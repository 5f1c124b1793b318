import { type SQL, sql } from 'drizzle-orm';
import type { DirectorySort, ReferralCapacity, ServiceStatus, Weekday } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { haversineMiles } from './distance.js';
import { searchWords } from './words.js';

// The SQL of directory search. One query finds a page of matching service ids (with the total);
// a handful of batched queries then fill in that page's details. No per-result queries.

export type SearchAudience = 'public' | 'staff';

export interface SearchFilters {
  audience: SearchAudience;
  /** Staff search stays inside the user's ICB; the public directory spans the deployment. */
  icbId?: string;
  text?: string;
  textMode: 'exact' | 'fuzzy';
  category?: string;
  age?: number;
  day?: Weekday;
  /** Distance filter: origin and radius. */
  near?: { latitude: number; longitude: number; miles: number };
  includeClosed: boolean;
  sort: DirectorySort;
  limit: number;
  offset: number;
}

export interface MatchedService {
  id: string;
  /** Distance to the nearest visible physical location inside the search radius. */
  miles: number | null;
}

const MILES_PER_DEGREE_LATITUDE = 69.05;

/** Great-circle distance in miles from a point to a location row aliased `l`. */
const milesToLocation = (latitude: number, longitude: number): SQL =>
  haversineMiles(sql`l.latitude`, sql`l.longitude`, { latitude, longitude });

/** Confidential locations (a refuge) never count for the public: not for distance, not for "where". */
const visibleTo = (audience: SearchAudience): SQL => (audience === 'public' ? sql`AND NOT l.confidential` : sql``);

/**
 * Never dropped by a distance filter: a service with a service area ("the whole of Northshire",
 * "anywhere online"), or one with no physical location the audience may see (online, phone).
 */
export function areaWideSql(audience: SearchAudience): SQL {
  return sql`(EXISTS (SELECT 1 FROM directory_service_areas sa WHERE sa.service_id = s.id)
    OR NOT EXISTS (SELECT 1 FROM directory_service_at_locations x
                   JOIN directory_locations l ON l.id = x.location_id
                   WHERE x.service_id = s.id AND l.location_type = 'physical' ${visibleTo(audience)}))`;
}

/**
 * A current schedule of the service whose byday mentions `day`: weekly "MO,WE" or monthly "1TU",
 * "-1FR". Weekday codes are two distinct letters, so a substring test is exact. The writer puts
 * the service id on every schedule, including those of one of its locations.
 */
function openOn(day: Weekday): SQL {
  return sql`EXISTS (SELECT 1 FROM directory_schedules sc
    WHERE sc.service_id = s.id AND sc.freq IN ('WEEKLY', 'MONTHLY') AND strpos(upper(sc.byday), ${day}) > 0
      AND (sc.valid_to IS NULL OR sc.valid_to >= current_date))`;
}

/**
 * The words of a query worth a trigram match on their own: shorter ones have so few trigrams
 * that they match half the directory (they still count within the whole text's match).
 */
export function fuzzyWords(text: string): string[] {
  const words = searchWords(text).filter((w) => w.length >= 5);
  return [...new Set(words)].slice(0, 6);
}

/**
 * How free text matches. `exact`: full-text search over name, organisation, categories and
 * description (stemmed: "walks" finds "walking"). `fuzzy`, tried when nothing matched exactly:
 * trigram word similarity of the whole text and of each word against service names, so
 * "walkng grup" and "befriendng" still find them. (Trigram matching the long search text as
 * well cost 5–10 times more per query for little gain: typos are mostly in what people name.)
 */
function textMatch(text: string, mode: 'exact' | 'fuzzy'): { cte?: SQL; where: SQL; relevance: SQL } {
  if (mode === 'exact') {
    return {
      where: sql`s.search_vector @@ websearch_to_tsquery('english', ${text})`,
      // Full-text rank, plus trigram similarity to the name so the closest names come first.
      relevance: sql`(ts_rank(s.search_vector, websearch_to_tsquery('english', ${text})) + word_similarity(${text}, s.name))`,
    };
  }
  // `%>`: word similarity above pg_trgm.word_similarity_threshold, served by the name's trigram index.
  // A CTE of its own, so the trigram index is the way in (not a status index and a filter that
  // computes similarity for every row).
  const terms = [text, ...fuzzyWords(text)].map((w) => sql`name %> ${w}`);
  return {
    cte: sql`fuzzy AS MATERIALIZED (SELECT id FROM directory_services WHERE ${sql.join(terms, sql` OR `)})`,
    where: sql`s.id IN (SELECT id FROM fuzzy)`,
    // Name only: similarity over every candidate's long search text would cost more than the match.
    relevance: sql`word_similarity(${text}, s.name)`,
  };
}

/**
 * The query with each word the directory does not know replaced by its most similar known word
 * (trigram similarity over directory_search_words), or null when nothing needed correcting or
 * nothing close was found. Words shorter than 3 letters are kept as typed.
 */
export async function correctSpelling(db: DbOrTx, text: string): Promise<string | null> {
  const words = searchWords(text).slice(0, 10);
  if (words.length === 0) return null;
  const { rows } = await db.execute<{ word: string; fixed: string | null }>(sql`
    SELECT q.word,
      CASE WHEN length(q.word) < 3 OR q.word ~ '[0-9]' THEN q.word
           ELSE coalesce(
             (SELECT d.word FROM directory_search_words d WHERE d.word = q.word),
             (SELECT d.word FROM directory_search_words d WHERE d.word % q.word
               ORDER BY similarity(d.word, q.word) DESC, length(d.word) DESC, d.word LIMIT 1))
      END AS fixed
    FROM unnest(ARRAY[${sql.join(
      words.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) WITH ORDINALITY AS q(word, i)
    ORDER BY q.i`);
  if (rows.some((r) => r.fixed === null)) return null;
  const corrected = rows.map((r) => r.fixed).join(' ');
  return corrected === words.join(' ') ? null : corrected;
}

export async function findMatchingServices(
  db: DbOrTx,
  f: SearchFilters,
): Promise<{ total: number; matches: MatchedService[] }> {
  const where: SQL[] = [];
  if (f.icbId) where.push(sql`s.icb_id = ${f.icbId}`);
  if (!(f.audience === 'staff' && f.includeClosed)) {
    where.push(sql`s.status IN ('active', 'temporarily closed') AND s.merged_into_id IS NULL`);
  }
  const text = f.text ? textMatch(f.text, f.textMode) : null;
  if (text) where.push(text.where);
  if (f.category) {
    where.push(sql`EXISTS (SELECT 1 FROM directory_attributes a
      WHERE a.link_id = s.id AND a.link_type = 'service' AND a.taxonomy_term_id = ${f.category})`);
  }
  if (f.age !== undefined) {
    where.push(sql`(s.minimum_age IS NULL OR s.minimum_age <= ${f.age})
      AND (s.maximum_age IS NULL OR s.maximum_age >= ${f.age})`);
  }
  if (f.day) where.push(openOn(f.day));

  const ctes: SQL[] = text?.cte ? [text.cte] : [];
  let nearJoin = sql``;
  let milesColumn = sql`NULL::float8`;
  if (f.near) {
    const { latitude, longitude, miles } = f.near;
    // Bounding box first (uses the lat/long index), exact distance only inside it.
    const dLat = miles / MILES_PER_DEGREE_LATITUDE;
    const dLon = miles / (MILES_PER_DEGREE_LATITUDE * Math.max(Math.cos((latitude * Math.PI) / 180), 0.01));
    ctes.push(sql`near AS (
      SELECT x.service_id, min(${milesToLocation(latitude, longitude)}) AS miles
      FROM directory_locations l
      JOIN directory_service_at_locations x ON x.location_id = l.id
      WHERE l.location_type = 'physical' ${visibleTo(f.audience)}
        AND l.latitude BETWEEN ${latitude - dLat} AND ${latitude + dLat}
        AND l.longitude BETWEEN ${longitude - dLon} AND ${longitude + dLon}
      GROUP BY x.service_id)`);
    nearJoin = sql`LEFT JOIN near ON near.service_id = s.id AND near.miles <= ${miles}`;
    milesColumn = sql`near.miles`;
    where.push(sql`(near.service_id IS NOT NULL OR ${areaWideSql(f.audience)})`);
  }

  const withClause = ctes.length ? sql`WITH ${sql.join(ctes, sql`, `)}` : sql``;
  const relevance = text?.relevance ?? sql`0::float8`;
  const byName = sql`lower(s.name), s.id`;
  const orderBy =
    f.sort === 'distance' && f.near
      ? sql`near.miles ASC NULLS LAST, relevance DESC, ${byName}`
      : f.sort === 'relevance' && f.text
        ? sql`relevance DESC, ${byName}`
        : byName;

  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const { rows } = await db.execute<{ id: string; miles: number | null; total: string }>(sql`
    ${withClause}
    SELECT s.id, ${milesColumn} AS miles, ${relevance} AS relevance, count(*) OVER () AS total
    FROM directory_services s
    ${nearJoin}
    ${whereSql}
    ORDER BY ${orderBy}
    LIMIT ${f.limit} OFFSET ${f.offset}`);

  let total = rows.length ? Number(rows[0]?.total) : 0;
  if (!rows.length && f.offset > 0) {
    // Past the last page: the window count came back with no rows, so count on its own.
    const counted = await db.execute<{ total: string }>(sql`
      ${withClause}
      SELECT count(*) AS total FROM directory_services s ${nearJoin} ${whereSql}`);
    total = Number(counted.rows[0]?.total ?? 0);
  }
  return {
    total,
    matches: rows.map((r) => ({ id: r.id, miles: r.miles === null ? null : Number(r.miles) })),
  };
}

/** A PostgreSQL uuid[] literal (ids come from the database, so they are well-formed). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

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
  place_miles: number | null;
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
  origin: { latitude: number; longitude: number } | null,
): Promise<ServiceDetailRow[]> {
  const miles = origin ? milesToLocation(origin.latitude, origin.longitude) : sql`NULL::float8`;
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
      place.name AS place_name, place.city AS place_city, place.postal_code AS place_postal_code,
      place.miles AS place_miles
    FROM directory_services s
    JOIN directory_organizations o ON o.id = s.organization_id
    LEFT JOIN LATERAL (SELECT sa.service_id FROM directory_service_areas sa WHERE sa.service_id = s.id LIMIT 1) area ON true
    LEFT JOIN LATERAL (
      SELECT l.id AS location_id, l.name, ad.city, ad.postal_code, ${miles} AS miles
      FROM directory_service_at_locations x
      JOIN directory_locations l ON l.id = x.location_id
      LEFT JOIN LATERAL (
        SELECT a.city, a.postal_code FROM directory_addresses a
        WHERE a.location_id = l.id
        ORDER BY (a.address_type = 'physical') DESC, a.id
        LIMIT 1) ad ON true
      WHERE x.service_id = s.id AND l.location_type = 'physical' ${visibleTo(audience)}
      ORDER BY miles ASC NULLS LAST, l.name, l.id
      LIMIT 1) place ON true
    WHERE s.id = ANY(${uuidArray(ids)})`);
  return rows.map((r) => ({ ...r, place_miles: r.place_miles === null ? null : Number(r.place_miles) }));
}
