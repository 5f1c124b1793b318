import { and, asc, count, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Weekday } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import {
  directoryAttributes,
  directoryLocations,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
} from '../directory.tables.js';
import { directorySchedules, directoryServiceAreas } from '../directory-details.tables.js';
import { haversineMetres } from '../search/distance.js';
import { searchWords } from '../search/words.js';

// Which services and service_at_locations a /oruk list answers, a page of ids at a time (the
// rows themselves are loaded by oruk.repository.ts). Only this module's own rules: the staff
// search (../search) has its own rules about what staff may see.

const s = directoryServices;
const loc = directoryLocations;
const sal = directoryServiceAtLocations;

/**
 * pg_trgm word_similarity above which a misspelt word still matches: "walkng" scores 0.57 against
 * "walking", "grup" 0.4 against "group" (short words share few trigrams), so 0.4 inclusive.
 */
const TYPO_SIMILARITY = 0.39;
const MAX_SEARCH_WORDS = 8;

export interface ServiceFilters {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  minimumAge?: number;
  maximumAge?: number;
  day?: Weekday;
  startTime?: string;
  endTime?: string;
  modifiedAfter?: Date;
}

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * Which services the public API shows: merged duplicates never (their id lives on only in
 * history); closed-for-good (defunct) ones are left out of lists but still answer by id, so a
 * consumer holding the id learns the service closed.
 */
export const listed = () => and(isNull(s.mergedIntoId), sql`${s.status} <> 'defunct'`) as SQL;
export const notMerged = () => isNull(s.mergedIntoId);

/**
 * Every word of the search must match the service, by full-text (stemmed: "walks" finds
 * "walking") or, for a misspelling, by trigram similarity to some word of its name or search
 * text ("walkng" finds "walking"). Words full-text search ignores ("the", "and") are skipped.
 */
function textMatch(search: string): SQL {
  const words = searchWords(search).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return sql`true`;
  const perWord = words.map(
    (w) => sql`(numnode(plainto_tsquery('english', ${w})) = 0
      OR ${s.searchVector} @@ plainto_tsquery('english', ${w})
      OR word_similarity(${w}, ${s.name}) > ${TYPO_SIMILARITY}
      OR word_similarity(${w}, ${s.searchText}) > ${TYPO_SIMILARITY})`,
  );
  return sql`(${sql.join(perWord, sql` AND `)})`;
}

function relevance(search: string): SQL {
  return sql`(ts_rank(${s.searchVector}, websearch_to_tsquery('english', ${search}))
    + greatest(word_similarity(${search}, ${s.name}), word_similarity(${search}, ${s.searchText}) * 0.5))`;
}

/**
 * A schedule of the service (its own or one of its service_at_locations') that is still valid and
 * matches the day and times. The standard: start_time "a start time of at least the specified
 * value", end_time "an end time at or below it", so the session lies inside the window.
 * MONTHLY rules count when their byday names the day ("1TU", "-1FR"); bymonthday-only rules
 * ("the 15th") fall on any weekday and are not claimed for one.
 */
function scheduleMatch(f: ServiceFilters): SQL | undefined {
  if (!f.day && !f.startTime && !f.endTime) return undefined;
  const conditions: SQL[] = [sql`(sch.valid_to IS NULL OR sch.valid_to >= current_date)`];
  if (f.day) {
    conditions.push(sql`(
      (sch.freq = 'WEEKLY' AND ',' || replace(coalesce(sch.byday, ''), ' ', '') || ',' LIKE ${`%,${f.day},%`})
      OR (sch.freq = 'MONTHLY' AND ',' || replace(coalesce(sch.byday, ''), ' ', '') || ',' ~ ${`,(-?[0-9])${f.day},`})
    )`);
  }
  if (f.startTime) conditions.push(sql`sch.opens_at >= ${f.startTime}::time`);
  if (f.endTime) conditions.push(sql`sch.closes_at <= ${f.endTime}::time`);
  return sql`EXISTS (
    SELECT 1 FROM ${directorySchedules} sch
    WHERE (sch.service_id = ${s.id}
      OR sch.service_at_location_id IN (SELECT x.id FROM ${sal} x WHERE x.service_id = ${s.id}))
      AND ${sql.join(conditions, sql` AND `)}
  )`;
}

function serviceConditions(f: ServiceFilters): SQL[] {
  const c: SQL[] = [listed()];
  if (f.search) c.push(textMatch(f.search));
  if (f.taxonomyTermId) {
    c.push(sql`EXISTS (SELECT 1 FROM ${directoryAttributes} a
      WHERE a.link_type = 'service' AND a.link_id = ${s.id} AND a.taxonomy_term_id = ${f.taxonomyTermId})`);
  }
  if (f.taxonomyId) {
    c.push(sql`EXISTS (SELECT 1 FROM ${directoryAttributes} a
      JOIN ${directoryTaxonomyTerms} t ON t.id = a.taxonomy_term_id
      WHERE a.link_type = 'service' AND a.link_id = ${s.id} AND t.taxonomy_id = ${f.taxonomyId})`);
  }
  if (f.organizationId) c.push(eq(s.organizationId, f.organizationId));
  // The standard: minimum_age "a minimum age of at least the specified value", maximum_age "a
  // maximum age at or below it". No minimum means 0; no maximum means no upper limit.
  if (f.minimumAge !== undefined) c.push(sql`coalesce(${s.minimumAge}, 0) >= ${f.minimumAge}`);
  if (f.maximumAge !== undefined) c.push(sql`${s.maximumAge} IS NOT NULL AND ${s.maximumAge} <= ${f.maximumAge}`);
  if (f.modifiedAfter) c.push(sql`${s.lastModified} >= ${f.modifiedAfter.toISOString()}::timestamptz`);
  const schedule = scheduleMatch(f);
  if (schedule) c.push(schedule);
  return c;
}

/** The ids of one page of listed services, most relevant first when searching, else by name. */
export async function findServiceIds(
  db: DbOrTx,
  f: ServiceFilters,
  paging: Paging,
): Promise<{ total: number; ids: string[] }> {
  const where = and(...serviceConditions(f));
  const [totalRow] = await db.select({ n: count() }).from(s).where(where);
  const order = f.search ? [sql`${relevance(f.search)} DESC`, asc(s.name), asc(s.id)] : [asc(s.name), asc(s.id)];
  const rows = await db
    .select({ id: s.id })
    .from(s)
    .where(where)
    .orderBy(...order)
    .limit(paging.limit)
    .offset(paging.offset);
  return { total: totalRow?.n ?? 0, ids: rows.map((r) => r.id) };
}

export interface GeoFilter {
  latitude: number;
  longitude: number;
  /** Metres; without it results are only ordered by distance. */
  proximity?: number;
}

/**
 * Great-circle distance in metres from the point to the location, NULL when the location has no
 * coordinates or is confidential: a confidential place is never filtered or ordered by where it
 * really is, or repeated proximity queries would locate it.
 */
function distanceMetres(g: GeoFilter): SQL<number | null> {
  return sql<number | null>`CASE WHEN ${loc.confidential} OR ${loc.latitude} IS NULL OR ${loc.longitude} IS NULL
    THEN NULL ELSE ${haversineMetres(sql`${loc.latitude}`, sql`${loc.longitude}`, g)} END`;
}

/**
 * One page of service_at_location ids of listed services. With a proximity, a place farther away
 * is dropped, but virtual locations and services with a service area (area-wide, online, by
 * phone) are always kept: distance says nothing about whether they can help.
 */
export async function findServiceAtLocationIds(
  db: DbOrTx,
  f: ServiceFilters,
  geo: GeoFilter | null,
  paging: Paging,
): Promise<{ total: number; ids: string[] }> {
  const conditions = serviceConditions(f);
  if (geo?.proximity !== undefined) {
    conditions.push(sql`(${loc.locationType} = 'virtual'
      OR EXISTS (SELECT 1 FROM ${directoryServiceAreas} sa WHERE sa.service_id = ${s.id})
      OR ${distanceMetres(geo)} <= ${geo.proximity}::double precision)`);
  }
  const where = and(...conditions);
  const [totalRow] = await db
    .select({ n: count() })
    .from(sal)
    .innerJoin(s, eq(s.id, sal.serviceId))
    .innerJoin(loc, eq(loc.id, sal.locationId))
    .where(where);
  const order: SQL[] = [];
  if (geo) order.push(sql`${distanceMetres(geo)} ASC NULLS LAST`);
  if (f.search) order.push(sql`${relevance(f.search)} DESC`);
  order.push(asc(s.name), sql`${loc.name} ASC NULLS LAST`, asc(sal.id));
  const rows = await db
    .select({ id: sal.id })
    .from(sal)
    .innerJoin(s, eq(s.id, sal.serviceId))
    .innerJoin(loc, eq(loc.id, sal.locationId))
    .where(where)
    .orderBy(...order)
    .limit(paging.limit)
    .offset(paging.offset);
  return { total: totalRow?.n ?? 0, ids: rows.map((r) => r.id) };
}
