import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DirectorySort, Weekday } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { type GeoPoint, haversineMetres } from './distance.js';
import { searchWords } from './words.js';

// The one search of the Directory of Services: the staff search, the public directory and the
// /oruk lists all find their page of ids here, with one text rule, one distance (metres) and one
// set of filters. One query finds a page of matching ids (with the total); the callers load the
// rows of that page in batches. No per-result queries.

export type SearchAudience = 'public' | 'staff';

/**
 * Which listings a search may return.
 * - `open`: active or temporarily closed (the directory pages: what someone could go to).
 * - `not-defunct`: every status but defunct (ORUK lists: an inactive service says so in `status`;
 *   a defunct one still answers by id, so a consumer holding the id learns it closed).
 * - `any`: every listing, merged duplicates too (staff asking to include closed listings).
 * Merged duplicates are left out of the first two: their id lives on only in history.
 */
export type ListedStatuses = 'open' | 'not-defunct' | 'any';

/** The status rule of `listed`, over the given status and merged_into_id columns. */
export function listedSql(listed: ListedStatuses, status: SQLWrapper, mergedIntoId: SQLWrapper): SQL {
  if (listed === 'any') return sql`true`;
  const statuses = listed === 'open' ? sql`${status} IN ('active', 'temporarily closed')` : sql`${status} <> 'defunct'`;
  return sql`(${statuses} AND ${mergedIntoId} IS NULL)`;
}

/** A query word and, when the directory does not know it, its nearest directory word. */
export interface QueryWord {
  typed: string;
  nearest: string | null;
  /** A word full-text search ignores ("the", "and"): it matches nothing, so it filters nothing. */
  ignored?: boolean;
}

export interface DirectorySearch {
  /** Public: confidential locations count for nothing (neither distance nor "where"). */
  audience: SearchAudience;
  listed: ListedStatuses;
  /** Staff search stays inside the user's ICB; the public directory and /oruk span the deployment. */
  icbId?: string;
  /** The words of the free text (see `interpretWords`). */
  words?: QueryWord[];
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  /** The service's age range includes this age (no bound = no limit). */
  age?: number;
  /** ORUK: "a minimum age of at least the specified value" (no minimum is 0). */
  minimumAge?: number;
  /** ORUK: "a maximum age at or below the specified value" (no maximum never qualifies). */
  maximumAge?: number;
  day?: Weekday;
  /** A session starting at or after this time ("HH:MM:SS"). */
  startTime?: string;
  /** A session ending at or before this time. */
  endTime?: string;
  modifiedAfter?: Date;
  /** Distance from `near`; without `radiusMetres` only ordered by it, never filtered. */
  near?: GeoPoint & { radiusMetres?: number };
  /** A page of services, or of service_at_locations (one row per service per location). */
  rows: 'services' | 'service_at_locations';
  sort: DirectorySort;
  limit: number;
  offset: number;
}

export interface DirectoryMatch {
  /** The service's id, or the service_at_location's. */
  id: string;
  /** Metres to the nearest visible physical location (service rows) or to this one. */
  metres: number | null;
}

export interface DirectoryMatches {
  total: number;
  matches: DirectoryMatch[];
  /** Whether a matched service matched the words as typed, without the nearest words. */
  matchedAsTyped: boolean;
}

const MAX_WORDS = 8;
/** Metres per degree of latitude, rounded down so the bounding box is never too small. */
const METRES_PER_DEGREE_LATITUDE = 111_000;

/**
 * The query's words, each with the directory word nearest to it when the directory does not
 * know the word as typed: trigram similarity over directory_search_words (the listings' own
 * words), above pg_trgm.similarity_threshold. Words shorter than 3 letters or with digits are
 * taken as typed ("NE1", "a").
 */
export async function interpretWords(db: DbOrTx, text: string): Promise<QueryWord[]> {
  const words = [...new Set(searchWords(text))].slice(0, MAX_WORDS);
  if (words.length === 0) return [];
  const { rows } = await db.execute<{ word: string; nearest: string | null; ignored: boolean }>(sql`
    SELECT q.word, numnode(plainto_tsquery('english', q.word)) = 0 AS ignored,
      CASE WHEN length(q.word) < 3 OR q.word ~ '[0-9]' OR numnode(plainto_tsquery('english', q.word)) = 0
             OR EXISTS (SELECT 1 FROM directory_search_words d WHERE d.word = q.word) THEN NULL
           ELSE (SELECT d.word FROM directory_search_words d WHERE d.word % q.word
                 ORDER BY similarity(d.word, q.word) DESC, length(d.word) DESC, d.word LIMIT 1)
      END AS nearest
    FROM unnest(ARRAY[${sql.join(
      words.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) WITH ORDINALITY AS q(word, i)
    ORDER BY q.i`);
  return rows.map((r) => ({ typed: r.word, nearest: r.nearest, ignored: r.ignored }));
}

/** The words that say something: a query of only ignored words filters nothing. */
const meaningful = (words: QueryWord[] | undefined) => words?.filter((w) => !w.ignored) ?? [];

/** The words as searched: each unknown word replaced by its nearest directory word. */
export const interpretedText = (words: QueryWord[]) => words.map((w) => w.nearest ?? w.typed).join(' ');

const wordQuery = (w: string) => sql`plainto_tsquery('english', ${w})`;

/**
 * The text rule, one for every caller: every word must match the service's full text (name,
 * organisation, categories, description; stemmed, so "walks" finds "walking"), as typed or as
 * its nearest directory word ("walkng" finds "walking"). Words full-text search ignores are left
 * out, so a query of only those filters nothing (callers pass only `meaningful` words).
 */
function textQuery(words: QueryWord[], asTyped = false): SQL {
  const perWord = words.map((w) =>
    w.nearest && !asTyped ? sql`(${wordQuery(w.typed)} || ${wordQuery(w.nearest)})` : wordQuery(w.typed),
  );
  return sql`(${sql.join(perWord, sql` && `)})`;
}

/** Confidential locations (a refuge) never count for the public: not for distance, not for "where". */
export const visibleTo = (audience: SearchAudience): SQL =>
  audience === 'public' ? sql`AND NOT l.confidential` : sql``;

/** Metres from the origin to a location row aliased `l`. */
export const metresToLocation = (origin: GeoPoint): SQL => haversineMetres(sql`l.latitude`, sql`l.longitude`, origin);

/**
 * Never dropped by a distance filter: a service with a service area ("the whole of Northshire",
 * "anywhere online"), or one with no physical location the audience may see (online, phone, or
 * met only at a confidential place, which must not be located by repeated distance queries).
 */
function areaWideSql(audience: SearchAudience): SQL {
  return sql`(EXISTS (SELECT 1 FROM directory_service_areas sa WHERE sa.service_id = s.id)
    OR NOT EXISTS (SELECT 1 FROM directory_service_at_locations vx
                   JOIN directory_locations l ON l.id = vx.location_id
                   WHERE vx.service_id = s.id AND l.location_type = 'physical' ${visibleTo(audience)}))`;
}

/**
 * A current schedule of the service matching the day and times (the writer puts the service id on
 * every schedule, a location's too). ORUK: start_time "a start time of at least the specified
 * value", end_time "an end time at or below it", so the session lies inside the window. MONTHLY
 * rules count when their byday names the day ("1TU", "-1FR"); bymonthday-only rules ("the 15th")
 * fall on any weekday and are not claimed for one.
 */
function scheduleMatch(f: DirectorySearch): SQL | null {
  if (!f.day && !f.startTime && !f.endTime) return null;
  const conditions: SQL[] = [sql`(sch.valid_to IS NULL OR sch.valid_to >= current_date)`];
  if (f.day) {
    const days = sql`',' || replace(coalesce(sch.byday, ''), ' ', '') || ','`;
    conditions.push(sql`((sch.freq = 'WEEKLY' AND ${days} LIKE ${`%,${f.day},%`})
      OR (sch.freq = 'MONTHLY' AND ${days} ~ ${`,-?[0-9]${f.day},`}))`);
  }
  if (f.startTime) conditions.push(sql`sch.opens_at >= ${f.startTime}::time`);
  if (f.endTime) conditions.push(sql`sch.closes_at <= ${f.endTime}::time`);
  return sql`EXISTS (SELECT 1 FROM directory_schedules sch
    WHERE sch.service_id = s.id AND ${sql.join(conditions, sql` AND `)})`;
}

function serviceConditions(f: DirectorySearch): SQL[] {
  const where: SQL[] = [listedSql(f.listed, sql`s.status`, sql`s.merged_into_id`)];
  if (f.icbId) where.push(sql`s.icb_id = ${f.icbId}`);
  const words = meaningful(f.words);
  if (words.length) {
    where.push(sql`s.search_vector @@ ${textQuery(words)}`);
  }
  if (f.taxonomyTermId) {
    where.push(sql`EXISTS (SELECT 1 FROM directory_attributes a
      WHERE a.link_type = 'service' AND a.link_id = s.id AND a.taxonomy_term_id = ${f.taxonomyTermId})`);
  }
  if (f.taxonomyId) {
    where.push(sql`EXISTS (SELECT 1 FROM directory_attributes a
      JOIN directory_taxonomy_terms t ON t.id = a.taxonomy_term_id
      WHERE a.link_type = 'service' AND a.link_id = s.id AND t.taxonomy_id = ${f.taxonomyId})`);
  }
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.age !== undefined) {
    where.push(sql`(s.minimum_age IS NULL OR s.minimum_age <= ${f.age})
      AND (s.maximum_age IS NULL OR s.maximum_age >= ${f.age})`);
  }
  if (f.minimumAge !== undefined) where.push(sql`coalesce(s.minimum_age, 0) >= ${f.minimumAge}`);
  if (f.maximumAge !== undefined) where.push(sql`s.maximum_age IS NOT NULL AND s.maximum_age <= ${f.maximumAge}`);
  if (f.modifiedAfter) where.push(sql`s.last_modified >= ${f.modifiedAfter.toISOString()}::timestamptz`);
  const schedule = scheduleMatch(f);
  if (schedule) where.push(schedule);
  return where;
}

/** The bounding box around the origin (served by the lat/long index); exact distance only inside it. */
function boundingBox(near: GeoPoint, radiusMetres: number): SQL {
  const dLat = radiusMetres / METRES_PER_DEGREE_LATITUDE;
  const dLon = dLat / Math.max(Math.cos((near.latitude * Math.PI) / 180), 0.01);
  return sql`l.latitude BETWEEN ${near.latitude - dLat} AND ${near.latitude + dLat}
    AND l.longitude BETWEEN ${near.longitude - dLon} AND ${near.longitude + dLon}`;
}

/** FROM, the metres column and any distance condition, for either kind of row. */
function rowSource(f: DirectorySearch): { ctes: SQL[]; from: SQL; metres: SQL; where: SQL[] } {
  const { near } = f;
  const radius = near?.radiusMetres;
  if (f.rows === 'service_at_locations') {
    const from = sql`directory_services s
      JOIN directory_service_at_locations x ON x.service_id = s.id
      JOIN directory_locations l ON l.id = x.location_id`;
    if (!near) return { ctes: [], from, metres: sql`NULL::float8`, where: [] };
    const metres = sql`CASE WHEN l.location_type = 'physical' ${visibleTo(f.audience)} THEN ${metresToLocation(near)} END`;
    // A virtual location, or a service distance says nothing about, is kept whatever the radius.
    const where =
      radius === undefined
        ? []
        : [
            sql`(l.location_type = 'virtual' OR ${areaWideSql(f.audience)}
              OR (${boundingBox(near, radius)} AND ${metres} <= ${radius}::float8))`,
          ];
    return { ctes: [], from, metres, where };
  }
  if (!near) return { ctes: [], from: sql`directory_services s`, metres: sql`NULL::float8`, where: [] };
  const nearest = sql`nearest AS (
    SELECT x.service_id, min(${metresToLocation(near)}) AS metres
    FROM directory_locations l
    JOIN directory_service_at_locations x ON x.location_id = l.id
    WHERE l.location_type = 'physical' ${visibleTo(f.audience)}
      ${radius === undefined ? sql`` : sql`AND ${boundingBox(near, radius)}`}
    GROUP BY x.service_id)`;
  const within = radius === undefined ? sql`` : sql`AND nearest.metres <= ${radius}::float8`;
  return {
    ctes: [nearest],
    from: sql`directory_services s LEFT JOIN nearest ON nearest.service_id = s.id ${within}`,
    metres: sql`nearest.metres`,
    where: radius === undefined ? [] : [sql`(nearest.service_id IS NOT NULL OR ${areaWideSql(f.audience)})`],
  };
}

/** One page of matching services or service_at_locations, and how many match in all. */
export async function findDirectoryMatches(db: DbOrTx, f: DirectorySearch): Promise<DirectoryMatches> {
  const source = rowSource(f);
  const where = [...serviceConditions(f), ...source.where];
  const words = meaningful(f.words).length ? meaningful(f.words) : null;
  // Full-text rank, plus trigram similarity to the name so the closest names come first.
  const relevance = words
    ? sql`(ts_rank(s.search_vector, ${textQuery(words)}) + word_similarity(${interpretedText(words)}, s.name))`
    : sql`0::float8`;
  const asTyped = words?.some((w) => w.nearest)
    ? sql`bool_or(s.search_vector @@ ${textQuery(words, true)}) OVER ()`
    : sql`true`;
  const byLocation = f.rows === 'service_at_locations';
  const order: SQL[] = [];
  const byDistance = f.sort === 'distance' && f.near !== undefined;
  if (byDistance) order.push(sql`metres ASC NULLS LAST`);
  if (words && (f.sort === 'relevance' || byDistance)) order.push(sql`relevance DESC`);
  order.push(sql`lower(s.name)`, byLocation ? sql`l.name ASC NULLS LAST, x.id` : sql`s.id`);

  const withClause = source.ctes.length ? sql`WITH ${sql.join(source.ctes, sql`, `)}` : sql``;
  const whereSql = sql`WHERE ${sql.join(where, sql` AND `)}`;
  const { rows } = await db.execute<{ id: string; metres: number | null; total: string; as_typed: boolean }>(sql`
    ${withClause}
    SELECT ${byLocation ? sql`x.id` : sql`s.id`} AS id, ${source.metres} AS metres, ${relevance} AS relevance,
      count(*) OVER () AS total, ${asTyped} AS as_typed
    FROM ${source.from}
    ${whereSql}
    ORDER BY ${sql.join(order, sql`, `)}
    LIMIT ${f.limit} OFFSET ${f.offset}`);

  let total = rows.length ? Number(rows[0]?.total) : 0;
  if (!rows.length && f.offset > 0) {
    // Past the last page: the window count came back with no rows, so count on its own.
    const counted = await db.execute<{ total: string }>(sql`
      ${withClause} SELECT count(*) AS total FROM ${source.from} ${whereSql}`);
    total = Number(counted.rows[0]?.total ?? 0);
  }
  return {
    total,
    matches: rows.map((r) => ({ id: r.id, metres: r.metres === null ? null : Number(r.metres) })),
    matchedAsTyped: rows.length === 0 || rows[0]?.as_typed === true,
  };
}
