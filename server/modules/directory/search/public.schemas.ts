import { z } from 'zod';
import {
  type DirectorySearchPage,
  type Listing,
  LOCATION_TYPES,
  type PublicListing,
  REFERRAL_CAPACITIES,
  SERVICE_STATUSES,
} from '../../../../common/directory.js';
import { ZNextEvent, ZUpcomingEvent } from '../../../../common/showcase.js';

// Response schemas of the directory search and listing routes, public and staff. The serializer
// writes only the fields named here (zod drops the rest), so a column added to the staff view
// never reaches the public by accident: the public answers say what they say, and nothing else
// (issue 9, finding 8: the public listing had carried the verifier's email, the version and the
// ICB id). Staff search answers in the public page's shape; the staff listing adds what the
// system keeps about it.

const text = z.string();
const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();

const ZAddress = z.object({
  address_1: text,
  address_2: optionalText,
  city: text,
  region: optionalText,
  postal_code: text,
});

const ZLocation = z.object({
  id: z.string().optional(),
  location_type: z.enum(LOCATION_TYPES),
  name: text,
  description: optionalText,
  latitude: optionalNumber,
  longitude: optionalNumber,
  confidential: z.boolean().optional(),
  address: ZAddress.nullish(),
  accessibility: z.array(text).optional(),
});

const ZSchedule = z.object({
  id: z.string().optional(),
  freq: z.enum(['WEEKLY', 'MONTHLY']),
  interval: optionalNumber,
  byday: optionalText,
  bymonthday: optionalText,
  opens_at: optionalText,
  closes_at: optionalText,
  valid_from: optionalText,
  valid_to: optionalText,
  description: optionalText,
  notes: optionalText,
  attending_type: optionalText,
  location_id: optionalText,
});

export const ZPublicListing = z.object({
  id: text,
  name: text,
  description: text,
  url: optionalText,
  email: optionalText,
  status: z.enum(SERVICE_STATUSES),
  fees: optionalText,
  accreditations: optionalText,
  minimum_age: optionalNumber,
  maximum_age: optionalNumber,
  eligibility_description: optionalText,
  alert: optionalText,
  referral_capacity: z.enum(REFERRAL_CAPACITIES),
  organization: z.object({ id: text, name: text }),
  categories: z.array(z.object({ id: text, code: z.string().nullable(), name: text })),
  phones: z.array(z.object({ id: z.string().optional(), number: text, description: optionalText })),
  contacts: z.array(
    z.object({ id: z.string().optional(), name: optionalText, title: optionalText, email: optionalText }),
  ),
  languages: z.array(z.object({ id: z.string().optional(), name: text, code: optionalText })),
  cost_options: z.array(
    z.object({
      id: z.string().optional(),
      option: optionalText,
      amount: optionalNumber,
      amount_description: optionalText,
    }),
  ),
  service_areas: z.array(z.object({ id: z.string().optional(), name: text, description: optionalText })),
  locations: z.array(ZLocation),
  schedules: z.array(ZSchedule),
  assured_date: z.string().nullable(),
  review_due_on: z.string().nullable(),
  last_modified: text,
  /** Its upcoming sessions and events (issue 12, point 7), soonest first. */
  upcoming_events: z.array(ZUpcomingEvent).optional(),
  self_referral: z.boolean().optional(),
});

/** A page of search results, public or staff (staff results may name a confidential place). */
export const ZDirectorySearchPage = z.object({
  total: z.number(),
  page: z.number(),
  per_page: z.number(),
  postcode_unknown: z.boolean().optional(),
  corrected_text: z.string().optional(),
  results: z.array(
    z.object({
      id: text,
      name: text,
      organization_name: text,
      description: text,
      status: z.enum(SERVICE_STATUSES),
      referral_capacity: z.enum(REFERRAL_CAPACITIES),
      categories: z.array(z.object({ id: text, name: text })),
      where: z
        .object({ name: z.string().nullable(), city: z.string().nullable(), postal_code: z.string().nullable() })
        .nullable(),
      area_wide: z.boolean(),
      confidential_location: z.boolean(),
      distance_miles: z.number().nullable(),
      opening: z.array(text),
      assured_date: z.string().nullable(),
      review_due: z.boolean(),
      last_modified: text,
      next_event: ZNextEvent.nullish(),
    }),
  ),
});

/** A listing as staff of its ICB see it (GET /api/directory/services/{id}): all of it. */
export const ZStaffListing = ZPublicListing.extend({
  organization_id: text,
  icb_id: text,
  version: z.number(),
  organization: z.object({ id: text, name: text, vcs_organisation_id: z.string().nullable() }),
  assurer_email: z.string().nullable(),
  review_interval_months: z.number(),
  taxonomy_term_ids: z.array(text),
  merged_into_id: z.string().nullable(),
  created_at: text,
});

export const ZPublicCategories = z.array(z.object({ id: text, code: z.string().nullable(), name: text }));

// Compile-time checks: the schemas describe exactly the shared types the web app reads.
const _listing: (v: z.output<typeof ZPublicListing>) => PublicListing = (v) => v;
const _listingBack: (v: PublicListing) => z.output<typeof ZPublicListing> = (v) => v;
const _page: (v: z.output<typeof ZDirectorySearchPage>) => DirectorySearchPage = (v) => v;
const _pageBack: (v: DirectorySearchPage) => z.output<typeof ZDirectorySearchPage> = (v) => v;
const _staff: (v: z.output<typeof ZStaffListing>) => Listing = (v) => v;
const _staffBack: (v: Listing) => z.output<typeof ZStaffListing> = (v) => v;
void [_listing, _listingBack, _page, _pageBack, _staff, _staffBack];
