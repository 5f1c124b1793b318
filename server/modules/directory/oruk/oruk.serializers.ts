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

// Rows → Open Referral UK documents (the shapes of ./schemas/*.json). Rules that hold for every
// document:
// - A field with no value is left out, never null: the standard's fields are plain strings and
//   numbers, and null would fail its schemas.
// - Waymark's own columns (referral_capacity, review_interval_months, search_text, icb_id,
//   vcs_organisation_id, merged_into_id, version) are never written: they are not the standard's
//   and say things about our process, not the service.
// - assurer_email is left out: it is the email of the member of staff who verified the listing.
// - A confidential location (e.g. a refuge) keeps only its id and type, named "Confidential
//   location": no address, coordinates, description, accessibility or external identifier
//   (a UPRN is an address).

export type OrukDocument = Record<string, unknown>;

export const CONFIDENTIAL_LOCATION_NAME = 'Confidential location';

/** The object without its null, undefined and empty-string values. */
function compact<T extends Record<string, unknown>>(o: T): OrukDocument {
  const out: OrukDocument = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = v;
  }
  return out;
}

/** Only absolute http(s) addresses are written where the schema says format "uri". */
export function asUri(v: string | null | undefined): string | null {
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function asEmail(v: string | null | undefined): string | null {
  return v && EMAIL.test(v) ? v : null;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const num = (v: string | number | null) => (v === null ? null : Number(v));

export function organizationSummary(o: OrganizationRow): OrukDocument {
  return compact({
    id: o.id,
    name: o.name,
    // Required by the standard; an organisation without one says so plainly.
    description: o.description || o.name,
    email: asEmail(o.email),
    website: asUri(o.website),
    uri: asUri(o.uri),
    parent_organization_id: o.parentOrganizationId,
  });
}

/** The one-to-one fields of a service: an item of GET /services. */
export function serviceSummary(row: ServiceRow, org: OrganizationRow | undefined): OrukDocument {
  return compact({
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    description: row.description,
    url: asUri(row.url),
    email: asEmail(row.email),
    status: row.status,
    fees: row.fees,
    accreditations: row.accreditations,
    minimum_age: row.minimumAge,
    maximum_age: row.maximumAge,
    eligibility_description: row.eligibilityDescription,
    assured_date: row.assuredDate,
    alert: row.alert,
    last_modified: iso(row.lastModified),
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
  if (l.confidential) {
    return { id: l.id, location_type: l.locationType, name: CONFIDENTIAL_LOCATION_NAME };
  }
  return compact({
    id: l.id,
    location_type: l.locationType,
    name: l.name,
    description: l.description,
    latitude: l.latitude,
    longitude: l.longitude,
    external_identifier: l.externalIdentifier,
    external_identifier_type: l.externalIdentifierType,
  });
}

export function term(t: TermRow): OrukDocument {
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    // Required by the standard.
    description: t.description || t.name,
    parent_id: t.parentId,
    taxonomy: t.taxonomyName,
    taxonomy_id: t.taxonomyId,
    term_uri: asUri(t.termUri),
    term: t.name,
  });
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

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Builds fully nested services (GET /services/{id}) from the rows of loadFullServices. */
export function fullServices(rows: FullServiceRows, orderIds: string[]): Map<string, OrukDocument> {
  const orgs = new Map(rows.organizations.map((o) => [o.id, o]));
  const identifiersByOrg = groupBy(rows.identifiers, (r) => r.organizationId);
  const salsByService = groupBy(rows.serviceAtLocations, (r) => r.serviceId);
  const salService = new Map(rows.serviceAtLocations.map((r) => [r.id, r.serviceId]));
  const locations = new Map(rows.locations.map((l) => [l.id, l]));
  const addressesByLocation = groupBy(rows.addresses, (r) => r.locationId);
  const accessibilityByLocation = groupBy(rows.accessibility, (r) => r.locationId);
  // A schedule of a service_at_location belongs to that location's service.
  const schedulesByService = groupBy(
    rows.schedules,
    (r) => r.serviceId ?? (r.serviceAtLocationId ? (salService.get(r.serviceAtLocationId) ?? null) : null),
  );
  const areasByService = groupBy(rows.serviceAreas, (r) => r.serviceId);
  const languagesByService = groupBy(rows.languages, (r) => r.serviceId);
  const phonesByService = groupBy(rows.phones, (r) => r.serviceId);
  const contactsByService = groupBy(rows.contacts, (r) => r.serviceId);
  const fundingByService = groupBy(rows.fundings, (r) => r.serviceId);
  const costsByService = groupBy(rows.costOptions, (r) => r.serviceId);
  const attributesByService = groupBy(rows.attributes, (r) => r.linkId);
  const terms = new Map(rows.terms.map((t) => [t.id, t]));

  const fullLocation = (l: LocationRow): OrukDocument => {
    if (l.confidential) return { ...locationSummary(l), addresses: [], accessibility: [] };
    return {
      ...locationSummary(l),
      addresses: (addressesByLocation.get(l.id) ?? []).map((a) => ({
        ...compact({
          id: a.id,
          location_id: a.locationId,
          attention: a.attention,
          address_1: a.address1,
          address_2: a.address2,
          city: a.city,
          region: a.region,
          postal_code: a.postalCode,
          country: a.country,
          address_type: a.addressType,
        }),
        // Required by the standard even where it is empty: there are no states in the UK.
        state_province: a.stateProvince,
      })),
      accessibility: (accessibilityByLocation.get(l.id) ?? []).map((x) =>
        compact({
          id: x.id,
          location_id: x.locationId,
          description: x.description,
          details: x.details,
          url: asUri(x.url),
        }),
      ),
    };
  };

  const out = new Map<string, OrukDocument>();
  const services = new Map(rows.services.map((r) => [r.id, r]));
  for (const id of orderIds) {
    const row = services.get(id);
    if (!row) continue;
    const org = orgs.get(row.organizationId);
    const summary = serviceSummary(row, undefined);
    out.set(id, {
      ...summary,
      schedules: (schedulesByService.get(id) ?? []).map((r) =>
        compact({
          id: r.id,
          service_id: r.serviceId,
          service_at_location_id: r.serviceAtLocationId,
          valid_from: r.validFrom,
          valid_to: r.validTo,
          dtstart: r.dtstart,
          freq: r.freq,
          interval: r.interval,
          byday: r.byday,
          bymonthday: r.bymonthday,
          description: r.description,
          opens_at: r.opensAt,
          closes_at: r.closesAt,
          schedule_link: asUri(r.scheduleLink),
          attending_type: r.attendingType,
          notes: r.notes,
        }),
      ),
      service_areas: (areasByService.get(id) ?? []).map((a) =>
        compact({
          id: a.id,
          service_id: a.serviceId,
          name: a.name,
          description: a.description,
          extent: a.extent,
          extent_type: a.extentType,
          uri: asUri(a.uri),
        }),
      ),
      service_at_locations: (salsByService.get(id) ?? []).flatMap((x) => {
        const l = locations.get(x.locationId);
        if (!l) return [];
        return [
          compact({
            id: x.id,
            service_id: x.serviceId,
            location_id: x.locationId,
            description: l.confidential ? null : x.description,
            location: fullLocation(l),
          }),
        ];
      }),
      languages: (languagesByService.get(id) ?? []).map((l) =>
        compact({ id: l.id, service_id: l.serviceId, name: l.name, code: l.code, note: l.note }),
      ),
      phones: (phonesByService.get(id) ?? []).map((p) =>
        compact({
          id: p.id,
          service_id: p.serviceId,
          number: p.number,
          extension: p.extension,
          type: p.type,
          description: p.description,
        }),
      ),
      organization: org
        ? {
            ...organizationSummary(org),
            organization_identifiers: (identifiersByOrg.get(org.id) ?? []).map((i) =>
              compact({
                id: i.id,
                organization_id: i.organizationId,
                identifier_scheme: i.identifierScheme,
                identifier_type: i.identifierType,
                identifier: i.identifier,
              }),
            ),
          }
        : undefined,
      funding: (fundingByService.get(id) ?? []).map((f) =>
        compact({ id: f.id, service_id: f.serviceId, source: f.source }),
      ),
      cost_options: (costsByService.get(id) ?? []).map((c) =>
        compact({
          id: c.id,
          service_id: c.serviceId,
          valid_from: c.validFrom,
          valid_to: c.validTo,
          option: c.option,
          currency: c.currency,
          amount: num(c.amount),
          amount_description: c.amountDescription,
        }),
      ),
      contacts: (contactsByService.get(id) ?? []).map((c) =>
        compact({
          id: c.id,
          service_id: c.serviceId,
          name: c.name,
          title: c.title,
          department: c.department,
          email: asEmail(c.email),
        }),
      ),
      attributes: (attributesByService.get(id) ?? []).flatMap((a) => {
        const t = terms.get(a.taxonomyTermId);
        return t
          ? [
              compact({
                id: a.id,
                link_id: a.linkId,
                link_type: a.linkType,
                taxonomy_term_id: a.taxonomyTermId,
                value: a.value,
                taxonomy_term: term(t),
              }),
            ]
          : [];
      }),
    });
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
    description: l.confidential ? null : x.description,
    location: locationSummary(l),
    service,
  });
}
