import { z } from 'zod';
import {
  type DirectoryOrganizationInput,
  type Listing,
  type ListingInput,
  type ListingLocation,
  LOCATION_TYPES,
  REFERRAL_CAPACITIES,
  SERVICE_STATUSES,
} from '../../../../common/directory.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import { zDate } from '../../../../common/schemas/dates.js';
import { POSTCODE_MESSAGE } from '../../../../common/schemas/fields.js';
import { zInt } from '../../../../common/schemas/numbers.js';
import { zText } from '../../../../common/schemas/text.js';
import type { FieldError } from '../../../platform/errors.js';
import { WAYMARK_EXTENSION } from './service-document.js';

// ORUK service document → listing (see service-document.ts), for the import and the demo seed.
//
// Beyond the UK profile, documents carry the HSDS 3.0 fields the profile leaves out but a
// listing has: service `phones`, language `name`/`code`, contact `email` and service
// `eligibility_description`; and Waymark's own fields in "x-waymark". A document without them
// (one from another directory, or the /oruk API's) keeps the stored values, and a new listing
// gets the defaults. An import may make a place confidential but never lifts it: that is a
// reviewer's explicit decision (lift_confidentiality_of). Children the listing model has no id
// for (addresses, accessibility, attributes) are matched by their owner.

// ---- The ORUK document as accepted on import (unknown fields are ignored) ----

const DOCUMENT_TEXT_MAX = 10_000;

// Bounded and free of control characters here; the listing schema then applies each field's own rules.
const given = (message: string) => zText(DOCUMENT_TEXT_MAX, { multiline: true, trim: false, error: { message } });
const text = given('must be text').nullish();
const id = z.uuid('must be an id (a UUID)');
const number = z.number({ message: 'must be a number' }).min(-1e9).max(1e9).nullish();

// Unknown keys inside the extension are ignored, like unknown fields anywhere in a document.
const ZServiceExtension = z.object(
  {
    referral_capacity: z
      .enum(REFERRAL_CAPACITIES, { message: `must be one of: ${REFERRAL_CAPACITIES.join(', ')}` })
      .optional(),
    review_interval_months: zInt(1, 36, {
      type: 'must be a number of months',
      whole: 'must be a whole number of months',
      min: 'must be at least 1 month',
      max: 'must be at most 36 months',
    }).optional(),
  },
  { message: 'must be an object' },
);
const ZLocationExtension = z.object(
  { confidential: z.boolean({ message: 'must be true or false' }).optional() },
  { message: 'must be an object' },
);

const ZOrukAddress = z.object({
  address_1: given('must be given'),
  address_2: text,
  city: given('must be given'),
  region: text,
  postal_code: given('must be a UK postcode'),
  address_type: text,
});

const ZOrukLocation = z.object({
  id,
  location_type: z.enum(LOCATION_TYPES, { message: `must be one of: ${LOCATION_TYPES.join(', ')}` }),
  name: text,
  description: text,
  latitude: number,
  longitude: number,
  addresses: z.array(ZOrukAddress).nullish(),
  accessibility: z.array(z.object({ description: text, accessibility: text, details: text })).nullish(),
  [WAYMARK_EXTENSION]: ZLocationExtension.nullish(),
});

const ZOrukSchedule = z.object({
  id,
  freq: text,
  interval: number,
  byday: text,
  bymonthday: text,
  opens_at: text,
  closes_at: text,
  valid_from: zDate('must be a date, like 2026-03-12').nullish(),
  valid_to: zDate('must be a date, like 2026-03-12').nullish(),
  description: text,
  notes: text,
  attending_type: text,
  service_at_location_id: id.nullish(),
});

const ZOrukOrganization = z.object({
  id,
  name: given('must be given'),
  description: text,
  email: text,
  website: text,
  organization_identifiers: z
    .array(
      z.object({
        identifier_scheme: text,
        identifier_type: given('must be given'),
        identifier: given('must be given'),
      }),
    )
    .nullish(),
});

export const ZOrukService = z.object({
  id,
  name: given('must be given'),
  description: text,
  url: text,
  email: text,
  status: z.enum(SERVICE_STATUSES, { message: `must be one of: ${SERVICE_STATUSES.join(', ')}` }),
  fees: text,
  accreditations: text,
  minimum_age: number,
  maximum_age: number,
  eligibility_description: text,
  alert: text,
  organization_id: id.nullish(),
  organization: ZOrukOrganization.nullish(),
  schedules: z.array(ZOrukSchedule).nullish(),
  service_areas: z.array(z.object({ id, name: text, service_area: text, description: text })).nullish(),
  service_at_locations: z.array(z.object({ id: id.nullish(), location: ZOrukLocation })).nullish(),
  languages: z.array(z.object({ id, name: text, code: text })).nullish(),
  cost_options: z.array(z.object({ id, option: text, amount: number, amount_description: text })).nullish(),
  contacts: z.array(z.object({ id, name: text, title: text, email: text })).nullish(),
  phones: z.array(z.object({ id, number: given('must be given'), description: text })).nullish(),
  attributes: z
    .array(z.object({ taxonomy_term_id: id.nullish(), taxonomy_term: z.object({ id }).nullish() }))
    .nullish(),
  [WAYMARK_EXTENSION]: ZServiceExtension.nullish(),
});
export type OrukServiceIn = z.output<typeof ZOrukService>;

/** The structural errors of a document, with ORUK paths ("service_at_locations.0.location.id"). */
export function parseOrukDocument(raw: unknown): { doc: OrukServiceIn } | { errors: FieldError[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { errors: [{ field: 'document', message: 'must be an ORUK service object' }] };
  }
  const parsed = ZOrukService.safeParse(raw);
  if (parsed.success) return { doc: parsed.data };
  return {
    errors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'document', message: i.message })),
  };
}

export function organizationOf(doc: OrukServiceIn): DirectoryOrganizationInput | null {
  const org = doc.organization;
  if (!org) return null;
  return {
    id: org.id,
    name: org.name,
    description: org.description ?? '',
    email: org.email ?? null,
    website: org.website ?? null,
    identifiers: (org.organization_identifiers ?? []).map((i) => ({
      identifier_scheme: i.identifier_scheme ?? null,
      identifier_type: i.identifier_type,
      identifier: i.identifier,
    })),
  };
}

export function termIdsOf(doc: OrukServiceIn): string[] {
  const ids = (doc.attributes ?? []).flatMap((a) => {
    const termId = a.taxonomy_term?.id ?? a.taxonomy_term_id;
    return termId ? [termId] : [];
  });
  return [...new Set(ids)];
}

const hhmm = (t: string | null | undefined) => (t ? t.trim() : null);

/**
 * The listing an ORUK document describes. `existing` (the stored listing with that id) supplies
 * what ORUK does not carry, so re-importing an export changes nothing: Waymark's own fields, and
 * a confidential location's address and coordinates (which an export leaves out).
 */
export function listingFromOruk(
  doc: OrukServiceIn,
  organizationId: string,
  existing: Listing | null,
): { input: ListingInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const stored = new Map((existing?.locations ?? []).map((l) => [l.id as string, l]));
  const sals = doc.service_at_locations ?? [];
  const locationOfSal = new Map<string, string>();

  const locations = sals.map(({ id: salId, location: l }, i): ListingLocation => {
    if (salId) locationOfSal.set(salId, l.id);
    const before = stored.get(l.id);
    const path = `service_at_locations.${i}.location`;
    const addresses = l.addresses ?? [];
    const a = addresses.find((x) => x.address_type === 'physical') ?? addresses[0];
    let address: ListingLocation['address'] = null;
    if (a) {
      const postcode = normalisePostcode(a.postal_code);
      if (!postcode) {
        errors.push({
          field: `${path}.addresses.${addresses.indexOf(a)}.postal_code`,
          message: POSTCODE_MESSAGE,
        });
      }
      address = {
        address_1: a.address_1,
        address_2: a.address_2 ?? null,
        city: a.city,
        region: a.region ?? null,
        postal_code: postcode ?? a.postal_code,
      };
    }
    const confidential = Boolean(before?.confidential || l[WAYMARK_EXTENSION]?.confidential);
    // An export leaves a confidential place's address out; a document without one keeps ours.
    const keepHidden = before?.confidential && !address;
    return {
      id: l.id,
      location_type: l.location_type,
      // …and its name too: the /oruk API shows it as "Confidential location".
      name: keepHidden
        ? before.name
        : l.name?.trim() || (l.location_type === 'virtual' ? 'Online' : (address?.address_1 ?? 'Location')),
      description: keepHidden ? (before.description ?? null) : (l.description ?? null),
      latitude: l.latitude ?? (keepHidden || sameAddress(before, address) ? (before?.latitude ?? null) : null),
      longitude: l.longitude ?? (keepHidden || sameAddress(before, address) ? (before?.longitude ?? null) : null),
      confidential,
      address: keepHidden ? (before.address ?? null) : address,
      accessibility:
        keepHidden && !l.accessibility?.length
          ? (before.accessibility ?? [])
          : (l.accessibility ?? []).flatMap((x) => {
              const statement = (x.description ?? x.accessibility ?? '').trim();
              return statement ? [statement] : [];
            }),
    };
  });

  const schedules = (doc.schedules ?? []).map((s, i) => {
    let locationId: string | null = null;
    if (s.service_at_location_id) {
      locationId = locationOfSal.get(s.service_at_location_id) ?? null;
      if (!locationId) {
        errors.push({
          field: `schedules.${i}.service_at_location_id`,
          message: 'must be the id of one of the service_at_locations',
        });
      }
    }
    return {
      id: s.id,
      freq: (s.freq ?? 'WEEKLY') as 'WEEKLY' | 'MONTHLY',
      interval: s.interval ?? null,
      byday: s.byday ?? null,
      bymonthday: s.bymonthday ?? null,
      opens_at: hhmm(s.opens_at),
      closes_at: hhmm(s.closes_at),
      valid_from: s.valid_from ?? null,
      valid_to: s.valid_to ?? null,
      description: s.description ?? null,
      notes: s.notes ?? null,
      attending_type: s.attending_type ?? null,
      location_id: locationId,
    };
  });
  if (errors.length) return { errors };

  const waymark = doc[WAYMARK_EXTENSION];
  return {
    input: {
      id: doc.id,
      organization_id: organizationId,
      name: doc.name,
      description: doc.description ?? '',
      url: doc.url ?? null,
      email: doc.email ?? null,
      status: doc.status,
      fees: doc.fees ?? null,
      accreditations: doc.accreditations ?? null,
      minimum_age: doc.minimum_age ?? null,
      maximum_age: doc.maximum_age ?? null,
      eligibility_description: doc.eligibility_description ?? existing?.eligibility_description ?? null,
      alert: doc.alert ?? null,
      referral_capacity: waymark?.referral_capacity ?? existing?.referral_capacity ?? 'open',
      review_interval_months: waymark?.review_interval_months ?? existing?.review_interval_months,
      taxonomy_term_ids: termIdsOf(doc),
      // Phones are not in the UK profile: a document without them leaves ours alone.
      phones: doc.phones
        ? doc.phones.map((p) => ({ id: p.id, number: p.number, description: p.description ?? null }))
        : (existing?.phones ?? []),
      contacts: (doc.contacts ?? []).map((c) => ({
        id: c.id,
        name: c.name ?? null,
        title: c.title ?? null,
        email: c.email ?? null,
      })),
      // The UK profile's language has only an id; one without a name cannot be shown, so it is skipped.
      languages: (doc.languages ?? []).flatMap((l) =>
        l.name?.trim() ? [{ id: l.id, name: l.name, code: l.code ?? null }] : [],
      ),
      cost_options: (doc.cost_options ?? []).map((c) => ({
        id: c.id,
        option: c.option ?? null,
        amount: c.amount ?? null,
        amount_description: c.amount_description ?? null,
      })),
      service_areas: (doc.service_areas ?? []).flatMap((a) => {
        const name = (a.name ?? a.service_area ?? '').trim();
        return name ? [{ id: a.id, name, description: a.description ?? null }] : [];
      }),
      locations,
      schedules,
    },
  };
}

function sameAddress(before: ListingLocation | undefined, address: ListingLocation['address']): boolean {
  return !!before?.address && !!address && before.address.postal_code === address.postal_code;
}

/** Where a listing-document error path is in the ORUK document ("locations.0.name" → "service_at_locations.0.location.name"). */
export function orukPath(listingPath: string): string {
  return listingPath
    .replace(/^locations\.(\d+)\.address\./, 'service_at_locations.$1.location.addresses.0.')
    .replace(/^locations\.(\d+)\./, 'service_at_locations.$1.location.')
    .replace(/^taxonomy_term_ids\.(\d+)$/, 'attributes.$1.taxonomy_term.id')
    .replace(/^organization_id$/, 'organization.id');
}
