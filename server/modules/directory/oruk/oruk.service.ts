import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { lookupPostcode } from '../postcodes/postcodes.repository.js';
import { type DirectoryQuery, findInDirectory } from '../search/search.service.js';
import * as repo from './oruk.repository.js';
import type {
  TOrukPageQuery,
  TOrukServiceAtLocationsQuery,
  TOrukServicesQuery,
  TOrukTaxonomyTermsQuery,
} from './oruk.schemas.js';
import * as out from './oruk.serializers.js';
import type {
  TOrukService,
  TOrukServiceAtLocation,
  TOrukServiceAtLocationSummary,
  TOrukServiceSummary,
  TOrukTaxonomy,
  TOrukTerm,
} from './oruk-documents.schemas.js';

// The use-cases of the public Open Referral UK API (read-only). What is shown and what is left
// out is decided in oruk.repository.ts (which services) and oruk.serializers.ts (which fields).

export const ORUK_VERSION = '3.0';
/** The standard's own example value for `profile` (uk-profile api_details). */
export const ORUK_PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md';
/** The openapi.json that defines this API: the standard's own, as the API follows it unchanged. */
export const ORUK_OPENAPI_URL = 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json';

export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The standard's Page envelope; `size` is the number of entities on this page. */
export function pageOf<T>(contents: T[], total: number, page: number, perPage: number): OrukPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/**
 * The serializer's documents under the names of the response schemas, which check them (required
 * fields, types) and drop any field they do not name as each answer is sent.
 */
const documents = <T>(docs: out.OrukDocument[]) => docs as T[];
const document = <T>(doc: out.OrukDocument) => doc as T;

const paging = (q: TOrukPageQuery): repo.Paging => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });

/**
 * An /oruk list's query as a directory search: the public's view (no confidential place counts),
 * every listing but defunct ones, most relevant first when searching, else by name.
 */
function directoryQuery(q: TOrukServicesQuery, rows: DirectoryQuery['rows']): DirectoryQuery {
  return {
    audience: 'public',
    listed: 'not-defunct',
    text: q.search || undefined,
    taxonomyTermId: q.taxonomy_term_id,
    taxonomyId: q.taxonomy_id,
    organizationId: q.organization_id,
    minimumAge: q.minimum_age,
    maximumAge: q.maximum_age,
    day: q.day,
    startTime: q.start_time,
    endTime: q.end_time,
    modifiedAfter: q.modified_after,
    rows,
    sort: q.search ? 'relevance' : 'name',
    ...paging(q),
  };
}

export function apiDetails() {
  return { version: ORUK_VERSION, profile: ORUK_PROFILE_URL, openapi_url: ORUK_OPENAPI_URL };
}

export async function listServices(db: DbOrTx, q: TOrukServicesQuery): Promise<OrukPage<TOrukServiceSummary>> {
  const { total, matches } = await findInDirectory(db, directoryQuery(q, 'services'));
  const ids = matches.map((m) => m.id);
  const rows = await repo.loadServiceSummaries(db, ids);
  return pageOf(documents<TOrukServiceSummary>(out.serviceSummaries(rows, ids)), total, q.page, q.per_page);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getService(db: DbOrTx, id: string): Promise<TOrukService> {
  if (!UUID.test(id)) throw notFound('service');
  const rows = await repo.loadFullServices(db, [id], { includeDefunct: true });
  const doc = out.fullServices(rows, [id]).get(id);
  if (!doc) throw notFound('service');
  return document<TOrukService>(doc);
}

export async function listServiceAtLocations(
  db: DbOrTx,
  q: TOrukServiceAtLocationsQuery,
): Promise<OrukPage<TOrukServiceAtLocationSummary>> {
  if (q.proximity !== undefined && !q.postcode) {
    throw validationError([{ field: 'proximity', message: 'needs a postcode to measure from' }]);
  }
  const query = directoryQuery(q, 'service_at_locations');
  if (q.postcode) {
    const centre = await lookupPostcode(db, q.postcode);
    if (!centre) throw validationError([{ field: 'postcode', message: 'is not in the postcode directory' }]);
    // Proximity is in metres, as the search is; without one, places are only ordered by distance.
    query.near = { ...centre, radiusMetres: q.proximity };
    query.sort = 'distance';
  }
  const { total, matches } = await findInDirectory(db, query);
  const ids = matches.map((m) => m.id);
  const { serviceAtLocations, locations } = await repo.loadServiceAtLocations(db, ids);
  const summaries = await repo.loadServiceSummaries(db, [...new Set(serviceAtLocations.map((x) => x.serviceId))]);
  const services = new Map(
    out
      .serviceSummaries(
        summaries,
        summaries.services.map((r) => r.id),
      )
      .map((d) => [d.id as string, d]),
  );
  const byId = new Map(serviceAtLocations.map((x, i) => [x.id, { x, l: locations[i] }]));
  const contents = ids.flatMap((id) => {
    const found = byId.get(id);
    return found?.l ? [out.serviceAtLocationSummary(found.x, found.l, services.get(found.x.serviceId))] : [];
  });
  return pageOf(documents<TOrukServiceAtLocationSummary>(contents), total, q.page, q.per_page);
}

/** A service_at_location with its full location and its fully nested service. */
export async function getServiceAtLocation(db: DbOrTx, id: string): Promise<TOrukServiceAtLocation> {
  if (!UUID.test(id)) throw notFound('service at location');
  const { serviceAtLocations } = await repo.loadServiceAtLocations(db, [id], { includeDefunct: true });
  const link = serviceAtLocations[0];
  if (!link) throw notFound('service at location');
  const service = out
    .fullServices(await repo.loadFullServices(db, [link.serviceId], { includeDefunct: true }), [link.serviceId])
    .get(link.serviceId);
  if (!service) throw notFound('service at location');
  const { service_at_locations: links, ...serviceFields } = service as { service_at_locations: out.OrukDocument[] };
  const nested = links.find((x) => x.id === id);
  if (!nested) throw notFound('service at location');
  return document<TOrukServiceAtLocation>({ ...nested, service: serviceFields });
}

export async function listTaxonomies(db: DbOrTx, q: TOrukPageQuery): Promise<OrukPage<TOrukTaxonomy>> {
  const { total, rows } = await repo.findTaxonomies(db, paging(q));
  return pageOf(documents<TOrukTaxonomy>(rows.map((r) => out.taxonomy(r))), total, q.page, q.per_page);
}

export async function getTaxonomy(db: DbOrTx, id: string): Promise<TOrukTaxonomy> {
  if (!UUID.test(id)) throw notFound('taxonomy');
  const row = await repo.findTaxonomy(db, id);
  if (!row) throw notFound('taxonomy');
  return document<TOrukTaxonomy>(out.taxonomy(row, await repo.termsOfTaxonomy(db, id)));
}

export async function listTaxonomyTerms(db: DbOrTx, q: TOrukTaxonomyTermsQuery): Promise<OrukPage<TOrukTerm>> {
  const { total, rows } = await repo.findTerms(
    db,
    { topOnly: q.top_only, parentId: q.parent_id, taxonomyId: q.taxonomy_id },
    paging(q),
  );
  return pageOf(documents<TOrukTerm>(rows.map(out.term)), total, q.page, q.per_page);
}

export async function getTaxonomyTerm(db: DbOrTx, id: string): Promise<TOrukTerm> {
  if (!UUID.test(id)) throw notFound('taxonomy term');
  const [row] = await repo.loadTerms(db, [id]);
  if (!row) throw notFound('taxonomy term');
  return document<TOrukTerm>(out.term(row));
}

/**
 * A location as the public API shows it inside a listed service (a confidential place by its
 * type only), for the FHIR edge's Location; a place no listed service uses is not found.
 */
export async function getLocation(db: DbOrTx, id: string): Promise<out.OrukDocument> {
  if (!UUID.test(id)) throw notFound('location');
  const salId = await repo.findListedServiceAtLocationOf(db, id);
  if (!salId) throw notFound('location');
  const doc = (await getServiceAtLocation(db, salId)) as unknown as { location?: out.OrukDocument };
  if (!doc.location) throw notFound('location');
  return doc.location;
}
