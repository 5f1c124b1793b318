import type { Listing } from '../../../../common/directory.js';
import { publicListing, stableUuid } from '../listings/listings.service.js';

// A listing as a full nested ORUK 3.0 service document (the shape of GET /services/{id}), for the
// export: the file oruk-document.ts reads back, so an export re-imports as a no-op.

export interface OrganizationRecord {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  uri: string | null;
  identifiers: { id: string; identifier_scheme: string | null; identifier_type: string; identifier: string }[];
}

export interface TermRecord {
  id: string;
  name: string;
  description: string;
  code: string | null;
  parent_id: string | null;
  taxonomy_id: string | null;
  term_uri: string | null;
}

export interface ExportContext {
  organization: OrganizationRecord;
  terms: Map<string, TermRecord>;
  /** service_at_location id by location id, for this service. */
  salIds: Map<string, string>;
}

const omitNull = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

const orukTime = (t: string | null | undefined) => (t ? (t.length === 5 ? `${t}:00` : t) : null);

/**
 * The full nested ORUK service document of a listing, for sharing: a confidential location keeps
 * its id and type, named "Confidential location", never its address, coordinates or description.
 */
export function orukDocumentOf(stored: Listing, ctx: ExportContext): Record<string, unknown> {
  const listing = publicListing(stored);
  const org = ctx.organization;
  const salId = (locationId: string) => ctx.salIds.get(locationId) ?? stableUuid(`sal:${listing.id}:${locationId}`);
  return omitNull({
    id: listing.id,
    organization_id: org.id,
    name: listing.name,
    description: listing.description,
    url: listing.url,
    email: listing.email,
    status: listing.status,
    fees: listing.fees,
    accreditations: listing.accreditations,
    minimum_age: listing.minimum_age,
    maximum_age: listing.maximum_age,
    eligibility_description: listing.eligibility_description,
    assured_date: listing.assured_date,
    assurer_email: listing.assurer_email,
    alert: listing.alert,
    last_modified: listing.last_modified,
    organization: omitNull({
      id: org.id,
      name: org.name,
      description: org.description,
      email: org.email,
      website: org.website,
      uri: org.uri,
      organization_identifiers: org.identifiers.map((i) => omitNull({ ...i, organization_id: org.id })),
    }),
    schedules: listing.schedules.map((s) =>
      omitNull({
        id: s.id,
        service_id: listing.id,
        service_at_location_id: s.location_id ? salId(s.location_id) : null,
        freq: s.freq,
        interval: s.interval,
        byday: s.byday,
        bymonthday: s.bymonthday,
        opens_at: orukTime(s.opens_at),
        closes_at: orukTime(s.closes_at),
        valid_from: s.valid_from,
        valid_to: s.valid_to,
        description: s.description,
        notes: s.notes,
        attending_type: s.attending_type,
      }),
    ),
    service_areas: listing.service_areas.map((a) =>
      omitNull({ id: a.id, service_id: listing.id, name: a.name, description: a.description }),
    ),
    service_at_locations: listing.locations.map((l) => {
      const locationId = l.id as string;
      return {
        id: salId(locationId),
        service_id: listing.id,
        location_id: locationId,
        location: omitNull({
          id: locationId,
          location_type: l.location_type,
          name: l.name,
          description: l.description,
          latitude: l.latitude,
          longitude: l.longitude,
          addresses: l.address
            ? [
                omitNull({
                  id: stableUuid(`address:${locationId}`),
                  location_id: locationId,
                  address_1: l.address.address_1,
                  address_2: l.address.address_2,
                  city: l.address.city,
                  region: l.address.region,
                  state_province: '',
                  postal_code: l.address.postal_code,
                  country: 'GB',
                  address_type: l.location_type === 'virtual' ? 'virtual' : 'physical',
                }),
              ]
            : [],
          accessibility: (l.accessibility ?? []).map((description, i) => ({
            id: stableUuid(`accessibility:${locationId}:${i}`),
            location_id: locationId,
            description,
          })),
        }),
      };
    }),
    languages: listing.languages.map((l) => omitNull({ id: l.id, service_id: listing.id, name: l.name, code: l.code })),
    cost_options: listing.cost_options.map((c) =>
      omitNull({
        id: c.id,
        service_id: listing.id,
        option: c.option,
        amount: c.amount,
        currency: c.amount === null || c.amount === undefined ? null : 'GBP',
        amount_description: c.amount_description,
      }),
    ),
    contacts: listing.contacts.map((c) =>
      omitNull({ id: c.id, service_id: listing.id, name: c.name, title: c.title, email: c.email }),
    ),
    phones: listing.phones.map((p) =>
      omitNull({ id: p.id, service_id: listing.id, number: p.number, description: p.description }),
    ),
    attributes: listing.taxonomy_term_ids.map((termId) => {
      const term = ctx.terms.get(termId);
      return {
        id: stableUuid(`attribute:${listing.id}:${termId}`),
        link_id: listing.id,
        link_type: 'service',
        taxonomy_term_id: termId,
        taxonomy_term: omitNull({
          id: termId,
          code: term?.code ?? null,
          name: term?.name ?? termId,
          description: term?.description ?? '',
          parent_id: term?.parent_id ?? null,
          taxonomy_id: term?.taxonomy_id ?? null,
          term_uri: term?.term_uri ?? null,
        }),
      };
    }),
  });
}
