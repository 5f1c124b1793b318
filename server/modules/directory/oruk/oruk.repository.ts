import { and, asc, count, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.js';
import { readTogether } from '../../../platform/db/read-together.js';
import {
  directoryAddresses,
  directoryAttributes,
  directoryLocations,
  directoryOrganizationIdentifiers,
  directoryOrganizations,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
} from '../directory.tables.js';
import {
  directoryAccessibility,
  directoryContacts,
  directoryCostOptions,
  directoryFundings,
  directoryLanguages,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
} from '../directory-details.tables.js';
import { listedSql } from '../search/search.repository.js';

// The rows behind /oruk answers. A page of results is loaded with one query per child table
// for all the page's ids, never one query per row.

const s = directoryServices;
const loc = directoryLocations;
const sal = directoryServiceAtLocations;

export interface Paging {
  limit: number;
  offset: number;
}

/** What /oruk lists: the directory search's rule (no merged duplicate, no defunct service). */
const listed = (): SQL => listedSql('not-defunct', s.status, s.mergedIntoId);
/** What /oruk answers by id: a defunct service too (its status says it closed), never a merged one. */
const notMerged = () => isNull(s.mergedIntoId);

// ---- Loading rows for a page ----

export type ServiceRow = typeof s.$inferSelect;
export type OrganizationRow = typeof directoryOrganizations.$inferSelect;
export type LocationRow = typeof loc.$inferSelect;
export type ServiceAtLocationRow = typeof sal.$inferSelect;
export type TermRow = typeof directoryTaxonomyTerms.$inferSelect & { taxonomyName: string | null };

export interface ServiceSummaryRows {
  services: ServiceRow[];
  organizations: OrganizationRow[];
}

/**
 * The rows of a child table whose `parent` column is one of `ids` (a page's services or
 * locations), by `first` (if any) then id; none without ids.
 */
async function childRows<T extends PgTable & { id: PgColumn }>(
  db: DbOrTx,
  table: T,
  parent: PgColumn,
  ids: string[],
  first?: PgColumn,
): Promise<T['$inferSelect'][]> {
  if (ids.length === 0) return [];
  return (await db
    .select()
    .from(table as PgTable)
    .where(inArray(parent, ids))
    .orderBy(...(first ? [asc(first)] : []), asc(table.id))) as T['$inferSelect'][];
}

/** Services (by id, any that exist and are not merged) with their organisations. */
export async function loadServiceSummaries(
  db: DbOrTx,
  ids: string[],
  opts: { includeDefunct?: boolean } = {},
): Promise<ServiceSummaryRows> {
  if (ids.length === 0) return { services: [], organizations: [] };
  const services = await db
    .select()
    .from(s)
    .where(and(inArray(s.id, ids), opts.includeDefunct ? notMerged() : listed()));
  const orgIds = [...new Set(services.map((r) => r.organizationId))];
  const organizations = orgIds.length
    ? await db.select().from(directoryOrganizations).where(inArray(directoryOrganizations.id, orgIds))
    : [];
  return { services, organizations };
}

export interface FullServiceRows extends ServiceSummaryRows {
  identifiers: (typeof directoryOrganizationIdentifiers.$inferSelect)[];
  serviceAtLocations: ServiceAtLocationRow[];
  locations: LocationRow[];
  addresses: (typeof directoryAddresses.$inferSelect)[];
  accessibility: (typeof directoryAccessibility.$inferSelect)[];
  schedules: (typeof directorySchedules.$inferSelect)[];
  serviceAreas: (typeof directoryServiceAreas.$inferSelect)[];
  languages: (typeof directoryLanguages.$inferSelect)[];
  phones: (typeof directoryPhones.$inferSelect)[];
  contacts: (typeof directoryContacts.$inferSelect)[];
  fundings: (typeof directoryFundings.$inferSelect)[];
  costOptions: (typeof directoryCostOptions.$inferSelect)[];
  attributes: (typeof directoryAttributes.$inferSelect)[];
  terms: TermRow[];
}

/** Everything a fully nested service needs, for any number of services: one query per table. */
export async function loadFullServices(
  db: DbOrTx,
  ids: string[],
  opts: { includeDefunct?: boolean } = {},
): Promise<FullServiceRows> {
  const summary = await loadServiceSummaries(db, ids, opts);
  const serviceIds = summary.services.map((r) => r.id);
  const orgIds = summary.organizations.map((o) => o.id);
  if (serviceIds.length === 0) {
    return {
      ...summary,
      identifiers: [],
      serviceAtLocations: [],
      locations: [],
      addresses: [],
      accessibility: [],
      schedules: [],
      serviceAreas: [],
      languages: [],
      phones: [],
      contacts: [],
      fundings: [],
      costOptions: [],
      attributes: [],
      terms: [],
    };
  }
  const [
    identifiers,
    serviceAtLocations,
    serviceAreas,
    languages,
    phones,
    contacts,
    fundings,
    costOptions,
    attributes,
  ] = await readTogether(db, [
    () =>
      childRows(
        db,
        directoryOrganizationIdentifiers,
        directoryOrganizationIdentifiers.organizationId,
        orgIds,
        directoryOrganizationIdentifiers.identifierType,
      ),
    () => childRows(db, sal, sal.serviceId, serviceIds),
    () => childRows(db, directoryServiceAreas, directoryServiceAreas.serviceId, serviceIds, directoryServiceAreas.name),
    () => childRows(db, directoryLanguages, directoryLanguages.serviceId, serviceIds, directoryLanguages.name),
    () => childRows(db, directoryPhones, directoryPhones.serviceId, serviceIds),
    () => childRows(db, directoryContacts, directoryContacts.serviceId, serviceIds),
    () => childRows(db, directoryFundings, directoryFundings.serviceId, serviceIds),
    () => childRows(db, directoryCostOptions, directoryCostOptions.serviceId, serviceIds),
    () =>
      db
        .select()
        .from(directoryAttributes)
        .where(and(eq(directoryAttributes.linkType, 'service'), inArray(directoryAttributes.linkId, serviceIds)))
        .orderBy(asc(directoryAttributes.id)),
  ]);
  const salIds = serviceAtLocations.map((r) => r.id);
  const locationIds = [...new Set(serviceAtLocations.map((r) => r.locationId))];
  const termIds = [...new Set(attributes.map((a) => a.taxonomyTermId))];
  const [schedules, locations, addresses, accessibility, terms] = await readTogether(db, [
    () =>
      db
        .select()
        .from(directorySchedules)
        .where(
          salIds.length
            ? or(
                inArray(directorySchedules.serviceId, serviceIds),
                inArray(directorySchedules.serviceAtLocationId, salIds),
              )
            : inArray(directorySchedules.serviceId, serviceIds),
        )
        .orderBy(asc(directorySchedules.opensAt), asc(directorySchedules.id)),
    () => (locationIds.length ? db.select().from(loc).where(inArray(loc.id, locationIds)) : []),
    () => childRows(db, directoryAddresses, directoryAddresses.locationId, locationIds),
    () => childRows(db, directoryAccessibility, directoryAccessibility.locationId, locationIds),
    () => loadTerms(db, termIds),
  ]);
  return {
    ...summary,
    identifiers,
    serviceAtLocations,
    locations,
    addresses,
    accessibility,
    schedules,
    serviceAreas,
    languages,
    phones,
    contacts,
    fundings,
    costOptions,
    attributes,
    terms,
  };
}

/** Service_at_locations by id whose service is shown (not merged; defunct only when asked). */
export async function loadServiceAtLocations(
  db: DbOrTx,
  ids: string[],
  opts: { includeDefunct?: boolean } = {},
): Promise<{ serviceAtLocations: ServiceAtLocationRow[]; locations: LocationRow[] }> {
  if (ids.length === 0) return { serviceAtLocations: [], locations: [] };
  const rows = await db
    .select({ sal, loc })
    .from(sal)
    .innerJoin(s, eq(s.id, sal.serviceId))
    .innerJoin(loc, eq(loc.id, sal.locationId))
    .where(and(inArray(sal.id, ids), opts.includeDefunct ? notMerged() : listed()));
  return { serviceAtLocations: rows.map((r) => r.sal), locations: rows.map((r) => r.loc) };
}

// ---- Taxonomies ----

export type TaxonomyRow = typeof directoryTaxonomies.$inferSelect;

export async function findTaxonomies(db: DbOrTx, paging: Paging): Promise<{ total: number; rows: TaxonomyRow[] }> {
  const [totalRow] = await db.select({ n: count() }).from(directoryTaxonomies);
  const rows = await db
    .select()
    .from(directoryTaxonomies)
    .orderBy(asc(directoryTaxonomies.name), asc(directoryTaxonomies.id))
    .limit(paging.limit)
    .offset(paging.offset);
  return { total: totalRow?.n ?? 0, rows };
}

export async function findTaxonomy(db: DbOrTx, id: string): Promise<TaxonomyRow | null> {
  const [row] = await db.select().from(directoryTaxonomies).where(eq(directoryTaxonomies.id, id));
  return row ?? null;
}

const t = directoryTaxonomyTerms;
const termColumns = {
  id: t.id,
  taxonomyId: t.taxonomyId,
  code: t.code,
  name: t.name,
  description: t.description,
  parentId: t.parentId,
  termUri: t.termUri,
  taxonomyName: directoryTaxonomies.name,
};

export async function loadTerms(db: DbOrTx, ids: string[]): Promise<TermRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(termColumns)
    .from(t)
    .leftJoin(directoryTaxonomies, eq(directoryTaxonomies.id, t.taxonomyId))
    .where(inArray(t.id, ids));
}

export interface TermFilters {
  topOnly?: boolean;
  parentId?: string;
  taxonomyId?: string;
}

export async function findTerms(
  db: DbOrTx,
  f: TermFilters,
  paging: Paging,
): Promise<{ total: number; rows: TermRow[] }> {
  const where = and(
    f.topOnly ? isNull(t.parentId) : undefined,
    f.parentId ? eq(t.parentId, f.parentId) : undefined,
    f.taxonomyId ? eq(t.taxonomyId, f.taxonomyId) : undefined,
  );
  const [totalRow] = await db.select({ n: count() }).from(t).where(where);
  const rows = await db
    .select(termColumns)
    .from(t)
    .leftJoin(directoryTaxonomies, eq(directoryTaxonomies.id, t.taxonomyId))
    .where(where)
    .orderBy(asc(t.name), asc(t.id))
    .limit(paging.limit)
    .offset(paging.offset);
  return { total: totalRow?.n ?? 0, rows };
}

/** Every term of one taxonomy (a taxonomy by id nests its terms). */
export async function termsOfTaxonomy(db: DbOrTx, taxonomyId: string): Promise<TermRow[]> {
  return db
    .select(termColumns)
    .from(t)
    .leftJoin(directoryTaxonomies, eq(directoryTaxonomies.id, t.taxonomyId))
    .where(eq(t.taxonomyId, taxonomyId))
    .orderBy(asc(t.name), asc(t.id));
}

/** A service_at_location of this location whose service is listed (the first by id), or null. */
export async function findListedServiceAtLocationOf(db: DbOrTx, locationId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: sal.id })
    .from(sal)
    .innerJoin(s, eq(s.id, sal.serviceId))
    .where(and(eq(sal.locationId, locationId), listed()))
    .orderBy(asc(sal.id))
    .limit(1);
  return row?.id ?? null;
}
