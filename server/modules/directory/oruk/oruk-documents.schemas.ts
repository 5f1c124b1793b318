import { z } from 'zod';

// Response schemas of /oruk: the Open Referral UK 3.0 documents (./schemas/*.json, which the
// tests check every answer against), as zod, so the serializer writes only the fields named here.
// The standard's fields, plus the HSDS ones Waymark also publishes (a term's code, a service's
// phones, a language's name); never assurer_email (the standard has it: it is a member of staff's
// address) nor any of Waymark's own columns. Fields are optional as the serializer leaves out a
// field without a value; types are loose (no uuid or uri checks) because a failed check here
// would turn a published listing into a 500, and the serializer already decides the values.

const id = z.string();
const text = z.string().optional();
const number = z.number().optional();

export const ZOrukApiDetails = z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() });

export const ZOrukTerm = z.object({
  id,
  code: text,
  name: z.string(),
  description: z.string(),
  parent_id: text,
  taxonomy: text,
  taxonomy_id: text,
  term_uri: text,
  term: text,
});

export const ZOrukTaxonomy = z.object({
  id,
  name: z.string(),
  description: z.string(),
  uri: text,
  version: text,
  taxonomy_terms: z.array(ZOrukTerm).optional(),
});

const ZAttribute = z.object({
  id,
  link_id: text,
  link_type: text,
  taxonomy_term_id: text,
  value: text,
  taxonomy_term: ZOrukTerm.optional(),
});
const attributes = z.array(ZAttribute).optional();

const ZOrganizationSummary = z.object({
  id,
  name: z.string(),
  description: z.string(),
  email: text,
  website: text,
  logo: text,
  uri: text,
  parent_organization_id: text,
});

const ZOrganization = ZOrganizationSummary.extend({
  organization_identifiers: z
    .array(
      z.object({
        id,
        organization_id: text,
        identifier_scheme: text,
        identifier_type: z.string(),
        identifier: z.string(),
        attributes,
      }),
    )
    .optional(),
  attributes,
});

/** An item of GET /services: the one-to-one fields. */
export const ZOrukServiceSummary = z.object({
  id,
  organization_id: text,
  name: z.string(),
  description: text,
  url: text,
  email: text,
  status: z.string(),
  fees: text,
  accreditations: text,
  minimum_age: number,
  maximum_age: number,
  eligibility_description: text,
  assured_date: text,
  alert: text,
  last_modified: text,
  organization: ZOrganizationSummary.optional(),
});

const ZLocationSummary = z.object({
  id,
  location_type: z.string(),
  name: text,
  description: text,
  latitude: number,
  longitude: number,
  external_identifier: text,
  external_identifier_type: text,
});

const ZLocation = ZLocationSummary.extend({
  addresses: z
    .array(
      z.object({
        id,
        location_id: text,
        attention: text,
        address_1: z.string(),
        address_2: text,
        city: z.string(),
        region: text,
        // Required by the standard, and empty in the UK: written even without a value.
        state_province: z.string().nullish(),
        postal_code: z.string(),
        country: z.string(),
        address_type: z.string(),
        attributes,
      }),
    )
    .optional(),
  accessibility: z
    .array(z.object({ id, location_id: text, description: text, details: text, url: text, attributes }))
    .optional(),
  attributes,
});

const ZServiceAtLocationOfService = z.object({
  id,
  service_id: text,
  location_id: text,
  description: text,
  location: ZLocation.optional(),
});

const serviceId = { id, service_id: text };

/** GET /services/{id}: the service with everything about it. */
export const ZOrukService = ZOrukServiceSummary.extend({
  schedules: z
    .array(
      z.object({
        ...serviceId,
        service_at_location_id: text,
        valid_from: text,
        valid_to: text,
        dtstart: text,
        freq: text,
        interval: number,
        byday: text,
        bymonthday: text,
        description: text,
        opens_at: text,
        closes_at: text,
        schedule_link: text,
        attending_type: text,
        notes: text,
      }),
    )
    .optional(),
  service_areas: z
    .array(
      z.object({
        ...serviceId,
        name: text,
        description: text,
        extent: text,
        extent_type: text,
        uri: text,
      }),
    )
    .optional(),
  service_at_locations: z.array(ZServiceAtLocationOfService).optional(),
  languages: z.array(z.object({ ...serviceId, name: text, code: text, note: text })).optional(),
  phones: z
    .array(z.object({ ...serviceId, number: z.string(), extension: text, type: text, description: text }))
    .optional(),
  organization: ZOrganization.optional(),
  funding: z.array(z.object({ ...serviceId, source: text })).optional(),
  cost_options: z
    .array(
      z.object({
        ...serviceId,
        valid_from: text,
        valid_to: text,
        option: text,
        currency: text,
        amount: number,
        amount_description: text,
      }),
    )
    .optional(),
  contacts: z
    .array(z.object({ ...serviceId, name: text, title: text, department: text, email: text, attributes }))
    .optional(),
  attributes,
});

/** An item of GET /service_at_locations. */
export const ZOrukServiceAtLocationSummary = z.object({
  id,
  service_id: text,
  location_id: text,
  description: text,
  location: ZLocationSummary.optional(),
  service: ZOrukServiceSummary.optional(),
});

/** GET /service_at_locations/{id}: the link, its full location and its service without its links. */
export const ZOrukServiceAtLocation = ZServiceAtLocationOfService.extend({
  service: ZOrukService.omit({ service_at_locations: true }).optional(),
});

/** The standard's Page envelope around a list of `item`. */
export const orukPage = <T extends z.ZodType>(item: T) =>
  z.object({
    total_items: z.number(),
    total_pages: z.number(),
    page_number: z.number(),
    size: z.number(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });

export type TOrukApiDetails = z.output<typeof ZOrukApiDetails>;
export type TOrukTerm = z.output<typeof ZOrukTerm>;
export type TOrukTaxonomy = z.output<typeof ZOrukTaxonomy>;
export type TOrukServiceSummary = z.output<typeof ZOrukServiceSummary>;
export type TOrukService = z.output<typeof ZOrukService>;
export type TOrukServiceAtLocationSummary = z.output<typeof ZOrukServiceAtLocationSummary>;
export type TOrukServiceAtLocation = z.output<typeof ZOrukServiceAtLocation>;
