// The listing document as the staff and partner answers of the directory carry it (review,
// moderation, partner proposals), as zod schemas: the routes' response schemas, which drop any
// field not named here. The TypeScript shapes stay in directory.ts (imports, search and the
// /oruk serialiser build on them); the checks at the end keep both in step.
import { z } from 'zod';
import {
  type DirectoryHistoryEntry,
  type FieldChange,
  type Listing,
  type ListingInput,
  LOCATION_TYPES,
  REFERRAL_CAPACITIES,
  SERVICE_STATUSES,
} from './directory.js';

const maybeText = z.string().nullish();
const maybeNumber = z.number().nullish();
const childId = z.string().optional();

const ZListingLocation = z.object({
  id: childId,
  location_type: z.enum(LOCATION_TYPES),
  name: z.string(),
  description: maybeText,
  latitude: maybeNumber,
  longitude: maybeNumber,
  confidential: z.boolean().optional(),
  address: z
    .object({
      address_1: z.string(),
      address_2: maybeText,
      city: z.string(),
      region: maybeText,
      postal_code: z.string(),
    })
    .nullish(),
  accessibility: z.array(z.string()).optional(),
});

const ZListingSchedule = z.object({
  id: childId,
  freq: z.enum(['WEEKLY', 'MONTHLY']),
  interval: maybeNumber,
  byday: maybeText,
  bymonthday: maybeText,
  opens_at: maybeText,
  closes_at: maybeText,
  valid_from: maybeText,
  valid_to: maybeText,
  description: maybeText,
  notes: maybeText,
  attending_type: maybeText,
  location_id: maybeText,
});

/** Everything about one service that people edit (see ListingInput). */
export const ZListingInput = z.object({
  id: childId,
  organization_id: z.string(),
  name: z.string(),
  description: z.string(),
  url: maybeText,
  email: maybeText,
  status: z.enum(SERVICE_STATUSES),
  fees: maybeText,
  accreditations: maybeText,
  minimum_age: maybeNumber,
  maximum_age: maybeNumber,
  eligibility_description: maybeText,
  alert: maybeText,
  referral_capacity: z.enum(REFERRAL_CAPACITIES),
  review_interval_months: z.number().optional(),
  taxonomy_term_ids: z.array(z.string()),
  phones: z.array(z.object({ id: childId, number: z.string(), description: maybeText })),
  contacts: z.array(z.object({ id: childId, name: maybeText, title: maybeText, email: maybeText })),
  languages: z.array(z.object({ id: childId, name: z.string(), code: maybeText })),
  cost_options: z.array(
    z.object({ id: childId, option: maybeText, amount: maybeNumber, amount_description: maybeText }),
  ),
  service_areas: z.array(z.object({ id: childId, name: z.string(), description: maybeText })),
  locations: z.array(ZListingLocation),
  schedules: z.array(ZListingSchedule),
});

/**
 * A stored listing as reviewers and the listing's own partner see it: confidential addresses
 * included. Not who last verified it (`assurer_email`, a member of staff's address): no page
 * shows it, and a partner has no need of a reviewer's email.
 */
export const ZStaffListing = ZListingInput.extend({
  id: z.string(),
  icb_id: z.string(),
  version: z.number(),
  organization: z.object({ id: z.string(), name: z.string(), vcs_organisation_id: z.string().nullable() }),
  categories: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string() })),
  assured_date: z.string().nullable(),
  review_interval_months: z.number(),
  review_due_on: z.string().nullable(),
  merged_into_id: z.string().nullable(),
  created_at: z.string(),
  last_modified: z.string(),
});
export type StaffListing = z.infer<typeof ZStaffListing>;

export const ZFieldChange = z.object({
  field: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  previous: z.string(),
  replacement: z.string(),
});

export const ZDirectoryHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  resource_type: z.string(),
  field: z.string(),
  previous: z.string(),
  replacement: z.string(),
  by: z.string(),
});

// Compile-time checks: the schemas describe exactly the shapes directory.ts declares. Each way
// round, and by key, since a missing optional field would pass an assignability check alone.
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
const same = <T extends true>(check: T) => check;
type Input = z.output<typeof ZListingInput>;
type Child<T, K extends keyof T> = T[K] extends (infer E)[] ? NonNullable<E> : never;
same<Same<Input, ListingInput>>(true);
same<Same<Child<Input, 'locations'>, Child<ListingInput, 'locations'>>>(true);
same<Same<NonNullable<Child<Input, 'locations'>['address']>, NonNullable<Child<ListingInput, 'locations'>['address']>>>(
  true,
);
same<Same<Child<Input, 'schedules'>, Child<ListingInput, 'schedules'>>>(true);
same<Same<Child<Input, 'phones'>, Child<ListingInput, 'phones'>>>(true);
same<Same<Child<Input, 'contacts'>, Child<ListingInput, 'contacts'>>>(true);
same<Same<Child<Input, 'languages'>, Child<ListingInput, 'languages'>>>(true);
same<Same<Child<Input, 'cost_options'>, Child<ListingInput, 'cost_options'>>>(true);
same<Same<Child<Input, 'service_areas'>, Child<ListingInput, 'service_areas'>>>(true);
same<Same<StaffListing, Omit<Listing, 'assurer_email'>>>(true);
same<Same<z.output<typeof ZFieldChange>, FieldChange>>(true);
same<Same<z.output<typeof ZDirectoryHistoryEntry>, DirectoryHistoryEntry>>(true);
