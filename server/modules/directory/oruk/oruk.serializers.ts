import type { Listing } from '../../../../common/directory.js';
import { type ListingRows, listingsFromRows, locationFromRow } from '../listings/listings.service.js';
import type {
  FullServiceRows,
  LocationRow,
  OrganizationRow,
  ServiceAtLocationRow,
  ServiceRow,
  ServiceSummaryRows,
  TaxonomyRow,
  TermRow,
} from './oruk.repository.js';
import {
  asUri,
  compact,
  type OrukDocument,
  type OrukServiceContext,
  type OrukTermRecord,
  organizationRecordOf,
  termRecordOf,
} from './service-document.js';
import {
  orukLocationFields,
  orukOrganization,
  orukService,
  orukServiceFields,
  orukTerm,
} from './service-document-write.js';

// The /oruk API's rows → Open Referral UK documents (the shapes of ./schemas/*.json). Rows become
// listings (the listings module's one reading of them), and listings become documents through
// the one ORUK mapping (service-document-write.ts) with the public audience: no Waymark fields,
// no assurer's email, and a confidential location (e.g. a refuge) reduced to its id and type.

export { asEmail, asUri, CONFIDENTIAL_LOCATION_NAME, type OrukDocument } from './service-document.js';

const NO_CHILDREN: Omit<ListingRows, 'services' | 'organizations'> = {
  serviceAtLocations: [],
  locations: [],
  addresses: [],
  accessibility: [],
  phones: [],
  contacts: [],
  languages: [],
  costOptions: [],
  serviceAreas: [],
  schedules: [],
  attributes: [],
};

export function organizationSummary(o: OrganizationRow): OrukDocument {
  return orukOrganization(organizationRecordOf(o), 'public');
}

/** The one-to-one fields of a service: an item of GET /services. */
export function serviceSummary(row: ServiceRow, org: OrganizationRow | undefined): OrukDocument {
  const [listing] = listingsFromRows({ services: [row], organizations: org ? [org] : [], ...NO_CHILDREN }, [row.id]);
  return compact({
    ...orukServiceFields(listing as Listing, 'public'),
    organization: org ? organizationSummary(org) : undefined,
  });
}

export function serviceSummaries(rows: ServiceSummaryRows, orderIds: string[]): OrukDocument[] {
  const byId = new Map(rows.services.map((r) => [r.id, r]));
  const orgs = new Map(rows.organizations.map((o) => [o.id, o]));
  return orderIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [serviceSummary(row, orgs.get(row.organizationId))] : [];
  });
}

/** The one-to-one fields of a location (service_at_location list items). */
export function locationSummary(l: LocationRow): OrukDocument {
  return orukLocationFields(locationFromRow(l, undefined, []), 'public');
}

export function term(t: TermRow): OrukDocument {
  return orukTerm(termRecordOf(t));
}

export function taxonomy(row: TaxonomyRow, terms?: TermRow[]): OrukDocument {
  return compact({
    id: row.id,
    name: row.name,
    description: row.description || row.name,
    uri: asUri(row.uri),
    version: row.version,
    taxonomy_terms: terms?.map(term),
  });
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** Builds fully nested services (GET /services/{id}) from the rows of loadFullServices. */
export function fullServices(rows: FullServiceRows, orderIds: string[]): Map<string, OrukDocument> {
  const terms = new Map(rows.terms.map((t) => [t.id, termRecordOf(t)]));
  const serviceAttributes = rows.attributes.filter((a) => a.linkType === 'service' && terms.has(a.taxonomyTermId));
  const listings = listingsFromRows(
    {
      ...rows,
      attributes: serviceAttributes.map((a) => {
        const t = terms.get(a.taxonomyTermId) as OrukTermRecord;
        return { linkId: a.linkId, termId: t.id, code: t.code, name: t.name };
      }),
    },
    orderIds,
  );
  const orgs = new Map(rows.organizations.map((o) => [o.id, organizationRecordOf(o, rows.identifiers)]));
  const salsByService = groupBy(rows.serviceAtLocations, (r) => r.serviceId);
  const attributesByService = groupBy(serviceAttributes, (a) => a.linkId);
  // The API serves its rows' own ids for children the listing has no id for.
  const address = new Map(rows.addresses.map((a) => [a.locationId, a.id]));
  const accessibility = new Map(
    [...groupBy(rows.accessibility, (a) => a.locationId)].map(([k, list]) => [
      k,
      list.filter((x) => x.description).map((x) => x.id),
    ]),
  );

  const out = new Map<string, OrukDocument>();
  for (const listing of listings) {
    const ctx: OrukServiceContext = {
      organization: orgs.get(listing.organization_id),
      terms,
      salIds: new Map((salsByService.get(listing.id) ?? []).map((x) => [x.locationId, x.id])),
      rowIds: {
        address,
        accessibility,
        attribute: new Map((attributesByService.get(listing.id) ?? []).map((a) => [a.taxonomyTermId, a.id])),
      },
    };
    out.set(listing.id, orukService(listing, ctx, 'public'));
  }
  return out;
}

/** An item of GET /service_at_locations: the link with its location's and service's own fields. */
export function serviceAtLocationSummary(
  x: ServiceAtLocationRow,
  l: LocationRow,
  service: OrukDocument | undefined,
): OrukDocument {
  return compact({
    id: x.id,
    service_id: x.serviceId,
    location_id: x.locationId,
    location: locationSummary(l),
    service,
  });
}
