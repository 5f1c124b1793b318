// The Directory of Services (DESIGN.md §3; reference/standards.md, Open Referral UK 3.0).
// A directory document uses ORUK's own field names (snake_case) throughout — in the edit form,
// the moderation diff, imports and the /oruk API — so one vocabulary describes a listing
// everywhere. Shared by server and web.

export const SERVICE_STATUSES = ['active', 'temporarily closed', 'inactive', 'defunct'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_STATUS_LABELS = {
  active: 'Active',
  'temporarily closed': 'Temporarily closed',
  inactive: 'Inactive',
  defunct: 'Closed for good',
} as const satisfies Record<ServiceStatus, string>;

/** Whether a service takes referrals now (Waymark's own field). */
export const REFERRAL_CAPACITIES = ['open', 'waiting_list', 'full'] as const;
export type ReferralCapacity = (typeof REFERRAL_CAPACITIES)[number];
export const REFERRAL_CAPACITY_LABELS = {
  open: 'Taking referrals',
  waiting_list: 'Waiting list',
  full: 'Full: not taking referrals',
} as const satisfies Record<ReferralCapacity, string>;

/** The same, as the public reads it on the directory (staff words such as "referrals" mean nothing there). */
export const PUBLIC_CAPACITY_LABELS = {
  open: 'Welcoming new people',
  waiting_list: 'Waiting list for new people',
  full: 'Not taking new people just now',
} as const satisfies Record<ReferralCapacity, string>;

export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
} as const satisfies Record<Weekday, string>;

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 6;

/** The id of the ICB social prescribing taxonomy (fixed so every install and import agrees). */
export const SOCIAL_PRESCRIBING_TAXONOMY_ID = '5b0c3c52-6f4e-4d0e-9a51-3c1f1d7a0001';

/**
 * The ICB social prescribing taxonomy: top-level categories (code, name). Terms get fixed ids
 * derived from the code by the seed, so /oruk taxonomy_term_id filters are stable.
 */
export const SOCIAL_PRESCRIBING_CATEGORIES = [
  { code: 'arts-culture', name: 'Arts and culture' },
  { code: 'sport-physical-activity', name: 'Sport and physical activity' },
  { code: 'nature-green-space', name: 'Nature and green space' },
  { code: 'befriending-social-groups', name: 'Befriending and social groups' },
  { code: 'money-debt-benefits', name: 'Money, debt and benefits advice' },
  { code: 'housing-advice', name: 'Housing advice' },
  { code: 'carers', name: 'Carers' },
  { code: 'mental-wellbeing', name: 'Mental wellbeing' },
  { code: 'learning-volunteering', name: 'Learning and volunteering' },
  { code: 'employment', name: 'Employment' },
  { code: 'food', name: 'Food' },
  { code: 'digital-inclusion', name: 'Digital inclusion' },
  { code: 'health-conditions', name: 'Support for health conditions' },
  { code: 'bereavement', name: 'Bereavement' },
  { code: 'substance-use', name: 'Alcohol and drugs' },
] as const;
export type CategoryCode = (typeof SOCIAL_PRESCRIBING_CATEGORIES)[number]['code'];

// ---- The listing document: what staff edit, partners propose, imports write ----

export interface ListingAddress {
  address_1: string;
  address_2?: string | null;
  city: string;
  region?: string | null;
  /** A UK postcode; stored normalised ("LS1 4AP"). */
  postal_code: string;
}

export interface ListingLocation {
  /** Kept when given (ORUK import, edits); new locations get one. */
  id?: string;
  location_type: LocationType;
  name: string;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** Address hidden from the public and the /oruk API (e.g. a refuge); staff still see it. */
  confidential?: boolean;
  address?: ListingAddress | null;
  /** Accessibility statements ("Step-free access", "Hearing loop"). */
  accessibility?: string[];
}

/**
 * One opening rule. WEEKLY: byday "MO,WE". MONTHLY: byday "1TU" (first Tuesday) or "-1FR"
 * (last Friday), or bymonthday "1,15". Several sessions a day are several schedules.
 * Times are "HH:MM" (Europe/London). `location_id` ties it to one of the listing's locations.
 */
export interface ListingSchedule {
  id?: string;
  freq: 'WEEKLY' | 'MONTHLY';
  interval?: number | null;
  byday?: string | null;
  bymonthday?: string | null;
  opens_at?: string | null;
  closes_at?: string | null;
  valid_from?: string | null;
  valid_to?: string | null;
  description?: string | null;
  /** e.g. "Closed on bank holidays". */
  notes?: string | null;
  attending_type?: string | null;
  location_id?: string | null;
}

export interface ListingPhone {
  id?: string;
  number: string;
  description?: string | null;
}

export interface ListingContact {
  id?: string;
  name?: string | null;
  title?: string | null;
  email?: string | null;
}

export interface ListingLanguage {
  id?: string;
  name: string;
  code?: string | null;
}

export interface ListingCostOption {
  id?: string;
  option?: string | null;
  amount?: number | null;
  amount_description?: string | null;
}

export interface ListingServiceArea {
  id?: string;
  /** "Northshire", "Anywhere online". A service with a service area is never dropped by distance. */
  name: string;
  description?: string | null;
}

/** Everything about one service that people edit. */
export interface ListingInput {
  /** Kept when given (ORUK import); a new listing gets one. */
  id?: string;
  organization_id: string;
  name: string;
  description: string;
  url?: string | null;
  email?: string | null;
  status: ServiceStatus;
  fees?: string | null;
  accreditations?: string | null;
  minimum_age?: number | null;
  maximum_age?: number | null;
  eligibility_description?: string | null;
  alert?: string | null;
  referral_capacity: ReferralCapacity;
  review_interval_months?: number;
  /** Taxonomy term ids (the categories). */
  taxonomy_term_ids: string[];
  phones: ListingPhone[];
  contacts: ListingContact[];
  languages: ListingLanguage[];
  cost_options: ListingCostOption[];
  service_areas: ListingServiceArea[];
  locations: ListingLocation[];
  schedules: ListingSchedule[];
}

/** A listing as stored: the edit document with every id filled in, plus what the system keeps. */
export interface Listing extends Omit<ListingInput, 'id'> {
  id: string;
  icb_id: string;
  version: number;
  organization: { id: string; name: string; vcs_organisation_id: string | null };
  categories: { id: string; code: string | null; name: string }[];
  assured_date: string | null;
  assurer_email: string | null;
  review_interval_months: number;
  /** assured_date + review interval; null when never verified (review due now). */
  review_due_on: string | null;
  merged_into_id: string | null;
  created_at: string;
  last_modified: string;
}

/** A session or event still to come, as a listing page and the search show it (issue 12, point 7). */
export interface UpcomingEvent {
  id: string;
  title: string;
  description: string | null;
  starts_at: string;
  ends_at: string | null;
  place: string | null;
  spaces_left: number | null;
  booking_needed: boolean;
}

/**
 * A listing as the public sees it (GET /api/public/directory/services/{id}): these fields and no
 * others. Not the system's own (icb_id, version, merged_into_id…) nor who verified it
 * (assurer_email, a member of staff). A confidential location keeps only its id and type.
 */
export type PublicListing = Pick<
  Listing,
  | 'id'
  | 'name'
  | 'description'
  | 'url'
  | 'email'
  | 'status'
  | 'fees'
  | 'accreditations'
  | 'minimum_age'
  | 'maximum_age'
  | 'eligibility_description'
  | 'alert'
  | 'referral_capacity'
  | 'categories'
  | 'phones'
  | 'contacts'
  | 'languages'
  | 'cost_options'
  | 'service_areas'
  | 'locations'
  | 'schedules'
  | 'assured_date'
  | 'review_due_on'
  | 'last_modified'
> & {
  organization: Pick<Listing['organization'], 'id' | 'name'>;
  /** Its upcoming sessions and events (the showcase, issue 12 point 7), soonest first. */
  upcoming_events?: UpcomingEvent[];
  /** A resident may refer themselves to it through Waymark now (issue 14, point 3). */
  self_referral?: boolean;
};

/**
 * A listing with nothing in it: what a new listing's history, a proposed new listing's review and
 * the "Propose a new listing" form start from.
 */
export const EMPTY_LISTING: ListingInput = {
  organization_id: '',
  name: '',
  description: '',
  status: 'active',
  referral_capacity: 'open',
  review_interval_months: undefined,
  taxonomy_term_ids: [],
  phones: [],
  contacts: [],
  languages: [],
  cost_options: [],
  service_areas: [],
  locations: [],
  schedules: [],
};

/** The editable document of a stored listing (what diffs and edit forms start from). */
export function toListingInput(listing: ListingInput & { id: string }): ListingInput {
  return {
    id: listing.id,
    organization_id: listing.organization_id,
    name: listing.name,
    description: listing.description,
    url: listing.url ?? null,
    email: listing.email ?? null,
    status: listing.status,
    fees: listing.fees ?? null,
    accreditations: listing.accreditations ?? null,
    minimum_age: listing.minimum_age ?? null,
    maximum_age: listing.maximum_age ?? null,
    eligibility_description: listing.eligibility_description ?? null,
    alert: listing.alert ?? null,
    referral_capacity: listing.referral_capacity,
    review_interval_months: listing.review_interval_months,
    taxonomy_term_ids: [...listing.taxonomy_term_ids],
    phones: listing.phones,
    contacts: listing.contacts,
    languages: listing.languages,
    cost_options: listing.cost_options,
    service_areas: listing.service_areas,
    locations: listing.locations,
    schedules: listing.schedules,
  };
}

/** One changed field, for HSDS metadata and the moderation diff. */
export interface FieldChange {
  /** "name", "locations[<id>].address.postal_code", "schedules[<id>].opens_at", "taxonomy_term_ids". */
  field: string;
  resource_type: string;
  resource_id: string;
  previous: string;
  replacement: string;
}

/** One row of a listing's change history (HSDS metadata). */
export interface DirectoryHistoryEntry {
  id: string;
  at: string;
  /** 'create', 'update', 'assure', 'status', 'approve', 'merge', 'import'… */
  action: string;
  resource_type: string;
  field: string;
  previous: string;
  replacement: string;
  /** Who made the change: an email, or 'ORUK import', 'CSV import', 'demo data'. */
  by: string;
}

/** An organisation in the directory (the provider of services). */
export interface DirectoryOrganizationInput {
  id?: string;
  name: string;
  description?: string | null;
  email?: string | null;
  website?: string | null;
  /** The Waymark VCS partner organisation whose users may propose edits to its listings. */
  vcs_organisation_id?: string | null;
  /** Charity number (scheme GB-CHC), Companies House number (GB-COH). */
  identifiers?: { identifier_scheme?: string | null; identifier_type: string; identifier: string }[];
}

// ---- Search (staff and public pages) ----

export const DIRECTORY_SORTS = ['relevance', 'distance', 'name'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

export interface DirectorySearchQuery {
  text?: string;
  /** Taxonomy term id. */
  category?: string;
  /** The person's age: keeps services whose age range includes it. */
  age?: number;
  /** Open on this weekday. */
  day?: Weekday;
  postcode?: string;
  /** Miles from the postcode (default 5 when a postcode is given). */
  within_miles?: number;
  sort?: DirectorySort;
  /** Include inactive, defunct and temporarily closed listings (staff only). */
  include_closed?: boolean;
  page?: number;
  per_page?: number;
}

export interface DirectorySearchResult {
  id: string;
  name: string;
  organization_name: string;
  description: string;
  status: ServiceStatus;
  referral_capacity: ReferralCapacity;
  categories: { id: string; name: string }[];
  /** The nearest non-confidential physical location's town and postcode, if any. */
  where: { name: string | null; city: string | null; postal_code: string | null } | null;
  /** Online/phone-only or area-wide: shown whatever the distance. */
  area_wide: boolean;
  /** Met at a place whose address is given only on referral (e.g. a refuge). */
  confidential_location: boolean;
  distance_miles: number | null;
  /** Human-readable opening, e.g. "Tuesday 10:00–12:00; first Saturday of the month". */
  opening: string[];
  assured_date: string | null;
  review_due: boolean;
  last_modified: string;
  /** Its next upcoming session or event ("Next session: Tue 8 Dec, 10:00"), if any. */
  next_event?: { title: string; starts_at: string } | null;
}

export interface DirectorySearchPage {
  total: number;
  page: number;
  per_page: number;
  /** Set when a postcode was given but is not in the postcode directory. */
  postcode_unknown?: boolean;
  /** Set when nothing matched the words as typed and misspelt words were corrected: what was searched. */
  corrected_text?: string;
  results: DirectorySearchResult[];
}
