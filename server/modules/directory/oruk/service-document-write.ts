import type { Listing, ListingLocation } from '../../../../common/directory.js';
import { serviceAtLocationId, stableUuid } from '../listings/listings.service.js';
import {
  asEmail,
  asUri,
  CONFIDENTIAL_LOCATION_NAME,
  compact,
  type OrukAudience,
  type OrukDocument,
  type OrukOrganizationRecord,
  type OrukServiceContext,
  type OrukTermRecord,
  WAYMARK_EXTENSION,
} from './service-document.js';

// Listing → ORUK service document (see service-document.ts). Rules for every audience:
// - a field with no value is left out, never null;
// - a confidential location (e.g. a refuge) keeps only its id and type, named "Confidential
//   location": no address, coordinates, description or accessibility, and its link to the
//   service no description;
// - Waymark's system fields (icb_id, version, merged_into_id, search text…) are never written.
// The public audience also loses the assurer's email (a member of staff) and any web or email
// address the standard's formats would refuse; the export keeps them, and Waymark's own fields
// in "x-waymark", so that it re-imports unchanged.

const orukTime = (t: string | null | undefined) => (t ? (t.length === 5 ? `${t}:00` : t) : null);

export function orukOrganization(o: OrukOrganizationRecord, audience: OrukAudience): OrukDocument {
  const exact = audience === 'export';
  return compact({
    id: o.id,
    name: o.name,
    // Required by the standard; an organisation without one says so plainly.
    description: o.description || o.name,
    email: exact ? o.email : asEmail(o.email),
    website: exact ? o.website : asUri(o.website),
    uri: asUri(o.uri),
    parent_organization_id: o.parent_organization_id,
  });
}

export function orukTerm(t: OrukTermRecord): OrukDocument {
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    // Required by the standard.
    description: t.description || t.name,
    parent_id: t.parent_id,
    taxonomy: t.taxonomy,
    taxonomy_id: t.taxonomy_id,
    term_uri: asUri(t.term_uri),
    term: t.name,
  });
}

/** The one-to-one fields of a service (an item of GET /services, without its organisation). */
export function orukServiceFields(listing: Listing, audience: OrukAudience): OrukDocument {
  const exact = audience === 'export';
  return compact({
    id: listing.id,
    organization_id: listing.organization_id,
    name: listing.name,
    description: listing.description,
    url: exact ? listing.url : asUri(listing.url),
    email: exact ? listing.email : asEmail(listing.email),
    status: listing.status,
    fees: listing.fees,
    accreditations: listing.accreditations,
    minimum_age: listing.minimum_age,
    maximum_age: listing.maximum_age,
    eligibility_description: listing.eligibility_description,
    assured_date: listing.assured_date,
    assurer_email: exact ? listing.assurer_email : null,
    alert: listing.alert,
    last_modified: new Date(listing.last_modified).toISOString(),
    [WAYMARK_EXTENSION]: exact
      ? { referral_capacity: listing.referral_capacity, review_interval_months: listing.review_interval_months }
      : null,
  });
}

/** The one-to-one fields of a location (items of GET /service_at_locations). */
export function orukLocationFields(l: ListingLocation, audience: OrukAudience): OrukDocument {
  const extension = audience === 'export' && l.confidential ? { [WAYMARK_EXTENSION]: { confidential: true } } : {};
  if (l.confidential) {
    return { id: l.id, location_type: l.location_type, name: CONFIDENTIAL_LOCATION_NAME, ...extension };
  }
  return compact({
    id: l.id,
    location_type: l.location_type,
    name: l.name,
    description: l.description,
    latitude: l.latitude,
    longitude: l.longitude,
  });
}

function orukLocation(l: ListingLocation, ctx: OrukServiceContext, audience: OrukAudience): OrukDocument {
  const fields = orukLocationFields(l, audience);
  const locationId = l.id as string;
  if (l.confidential || !l.address) {
    return { ...fields, addresses: [], accessibility: l.confidential ? [] : accessibilityOf(l, ctx) };
  }
  return {
    ...fields,
    addresses: [
      {
        ...compact({
          id: ctx.rowIds?.address?.get(locationId) ?? stableUuid(`address:${locationId}`),
          location_id: locationId,
          address_1: l.address.address_1,
          address_2: l.address.address_2,
          city: l.address.city,
          region: l.address.region,
          postal_code: l.address.postal_code,
          country: 'GB',
          address_type: l.location_type === 'virtual' ? 'virtual' : 'physical',
        }),
        // Required by the standard even where it is empty: there are no states in the UK.
        state_province: '',
      },
    ],
    accessibility: accessibilityOf(l, ctx),
  };
}

function accessibilityOf(l: ListingLocation, ctx: OrukServiceContext): OrukDocument[] {
  const locationId = l.id as string;
  const stored = ctx.rowIds?.accessibility?.get(locationId);
  return (l.accessibility ?? []).map((description, i) => ({
    id: stored?.[i] ?? stableUuid(`accessibility:${locationId}:${i}`),
    location_id: locationId,
    description,
  }));
}

/** The full nested ORUK service document of a listing (GET /services/{id}, or one item of the export). */
export function orukService(listing: Listing, ctx: OrukServiceContext, audience: OrukAudience): OrukDocument {
  const serviceId = listing.id;
  const salId = (locationId: string) => ctx.salIds.get(locationId) ?? serviceAtLocationId(serviceId, locationId);
  const org = ctx.organization;
  return {
    ...orukServiceFields(listing, audience),
    organization: org
      ? {
          ...orukOrganization(org, audience),
          // The writer does not keep an identifier's id: the export derives one, as for addresses.
          organization_identifiers: org.identifiers.map((i) =>
            compact({
              ...i,
              id:
                audience === 'export' ? stableUuid(`identifier:${org.id}:${i.identifier_type}:${i.identifier}`) : i.id,
              organization_id: org.id,
            }),
          ),
        }
      : undefined,
    schedules: listing.schedules.map((s) =>
      compact({
        id: s.id,
        service_id: serviceId,
        // A session at a confidential place keeps the link: the place itself says nothing.
        service_at_location_id: s.location_id ? salId(s.location_id) : null,
        valid_from: s.valid_from,
        valid_to: s.valid_to,
        freq: s.freq,
        interval: s.interval,
        byday: s.byday,
        bymonthday: s.bymonthday,
        description: s.description,
        opens_at: orukTime(s.opens_at),
        closes_at: orukTime(s.closes_at),
        attending_type: s.attending_type,
        notes: s.notes,
      }),
    ),
    service_areas: listing.service_areas.map((a) =>
      compact({ id: a.id, service_id: serviceId, name: a.name, description: a.description }),
    ),
    service_at_locations: listing.locations.map((l) => {
      const locationId = l.id as string;
      return {
        id: salId(locationId),
        service_id: serviceId,
        location_id: locationId,
        location: orukLocation(l, ctx, audience),
      };
    }),
    languages: listing.languages.map((l) => compact({ id: l.id, service_id: serviceId, name: l.name, code: l.code })),
    phones: listing.phones.map((p) =>
      compact({ id: p.id, service_id: serviceId, number: p.number, description: p.description }),
    ),
    cost_options: listing.cost_options.map((c) =>
      compact({
        id: c.id,
        service_id: serviceId,
        option: c.option,
        amount: c.amount,
        currency: c.amount === null || c.amount === undefined ? null : 'GBP',
        amount_description: c.amount_description,
      }),
    ),
    contacts: listing.contacts.map((c) =>
      compact({
        id: c.id,
        service_id: serviceId,
        name: c.name,
        title: c.title,
        email: audience === 'export' ? c.email : asEmail(c.email),
      }),
    ),
    attributes: listing.taxonomy_term_ids.flatMap((termId) => {
      const term = ctx.terms.get(termId);
      if (!term) return [];
      return [
        {
          id: ctx.rowIds?.attribute?.get(termId) ?? stableUuid(`attribute:${serviceId}:${termId}`),
          link_id: serviceId,
          link_type: 'service',
          taxonomy_term_id: termId,
          taxonomy_term: orukTerm(term),
        },
      ];
    }),
  };
}
