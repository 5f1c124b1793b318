import {
  type Listing,
  type ListingInput,
  type ListingLocation,
  type ListingSchedule,
  type LocationType,
  type ReferralCapacity,
  type ServiceStatus,
  toListingInput,
  WEEKDAYS,
  type Weekday,
} from '../../../common/directory';
import { ApiError } from '../../app/api';

// The listing edit form's draft: the ListingInput document with what people type kept as typed
// (numbers as text), so the server's validation can name the field that is wrong.

/** The editable document of a stored listing: what the form starts from and a proposal is made of. */
export const listingToInput = (listing: Omit<Listing, 'assurer_email'>): ListingInput => toListingInput(listing);

let keys = 0;
const newKey = () => `k${++keys}`;

export interface PhoneDraft {
  key: string;
  id?: string;
  number: string;
  description: string;
}

export interface LocationDraft {
  key: string;
  /** The stored location, for the fields the form does not show (accessibility, coordinates). */
  original: ListingLocation | null;
  location_type: LocationType;
  name: string;
  address_1: string;
  address_2: string;
  city: string;
  postal_code: string;
  confidential: boolean;
}

export const MONTH_WEEKS = [
  { value: '1', text: 'First' },
  { value: '2', text: 'Second' },
  { value: '3', text: 'Third' },
  { value: '4', text: 'Fourth' },
  { value: '-1', text: 'Last' },
] as const;

export interface ScheduleDraft {
  key: string;
  original: ListingSchedule | null;
  freq: 'WEEKLY' | 'MONTHLY';
  /** Weekly: the days it runs. */
  days: Weekday[];
  /** Monthly: "first" … "last" and the weekday ("1" + "TU" = first Tuesday). */
  week: string;
  weekday: Weekday;
  opens_at: string;
  closes_at: string;
  notes: string;
  location_id: string;
}

export interface ListingDraft {
  base: ListingInput;
  name: string;
  description: string;
  status: ServiceStatus;
  referral_capacity: ReferralCapacity;
  minimum_age: string;
  maximum_age: string;
  eligibility_description: string;
  fees: string;
  url: string;
  email: string;
  review_interval_months: string;
  taxonomy_term_ids: string[];
  phones: PhoneDraft[];
  locations: LocationDraft[];
  schedules: ScheduleDraft[];
}

const text = (v: string | null | undefined) => v ?? '';
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
/** A number when it is one; otherwise what was typed, for the server to name the field. */
const numberOrText = (v: string): number | null => {
  if (v.trim() === '') return null;
  const n = Number(v);
  return (Number.isFinite(n) ? n : v) as number;
};

function scheduleDraft(s: ListingSchedule): ScheduleDraft {
  const byday = s.byday ?? '';
  const monthly = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)/.exec(byday);
  return {
    key: newKey(),
    original: s,
    freq: s.freq,
    days: s.freq === 'WEEKLY' ? (byday.split(',').filter((d) => WEEKDAYS.includes(d as Weekday)) as Weekday[]) : [],
    week: monthly?.[1] ?? '',
    weekday: (monthly?.[2] as Weekday | undefined) ?? 'MO',
    opens_at: text(s.opens_at),
    closes_at: text(s.closes_at),
    notes: text(s.notes),
    location_id: text(s.location_id),
  };
}

export function toDraft(input: ListingInput): ListingDraft {
  return {
    base: input,
    name: input.name,
    description: input.description,
    status: input.status,
    referral_capacity: input.referral_capacity,
    minimum_age: input.minimum_age == null ? '' : String(input.minimum_age),
    maximum_age: input.maximum_age == null ? '' : String(input.maximum_age),
    eligibility_description: text(input.eligibility_description),
    fees: text(input.fees),
    url: text(input.url),
    email: text(input.email),
    review_interval_months: input.review_interval_months == null ? '' : String(input.review_interval_months),
    taxonomy_term_ids: [...input.taxonomy_term_ids],
    phones: input.phones.map((p) => ({ key: newKey(), id: p.id, number: p.number, description: text(p.description) })),
    locations: input.locations.map((l) => ({
      key: newKey(),
      original: l,
      location_type: l.location_type,
      name: l.name,
      address_1: text(l.address?.address_1),
      address_2: text(l.address?.address_2),
      city: text(l.address?.city),
      postal_code: text(l.address?.postal_code),
      confidential: Boolean(l.confidential),
    })),
    schedules: input.schedules.map(scheduleDraft),
  };
}

export const emptyPhone = (): PhoneDraft => ({ key: newKey(), number: '', description: '' });
export const emptyLocation = (): LocationDraft => ({
  key: newKey(),
  original: null,
  location_type: 'physical',
  name: '',
  address_1: '',
  address_2: '',
  city: '',
  postal_code: '',
  confidential: false,
});
export const emptySchedule = (): ScheduleDraft => ({
  key: newKey(),
  original: null,
  freq: 'WEEKLY',
  days: [],
  week: '1',
  weekday: 'MO',
  opens_at: '',
  closes_at: '',
  notes: '',
  location_id: '',
});

function locationOf(l: LocationDraft): ListingLocation {
  const hasAddress = [l.address_1, l.address_2, l.city, l.postal_code].some((v) => v.trim() !== '');
  return {
    ...(l.original ?? { accessibility: [] }),
    location_type: l.location_type,
    name: l.name,
    confidential: l.confidential,
    address: hasAddress
      ? {
          address_1: l.address_1,
          address_2: orNull(l.address_2),
          city: l.city,
          region: l.original?.address?.region ?? null,
          postal_code: l.postal_code,
        }
      : null,
    // Coordinates follow the postcode: a changed postcode gets its own from the server.
    ...(l.original?.address?.postal_code !== l.postal_code ? { latitude: null, longitude: null } : {}),
  };
}

function scheduleOf(s: ScheduleDraft): ListingSchedule {
  const keepMonthDays = s.freq === 'MONTHLY' && !s.week && s.original?.bymonthday;
  return {
    ...(s.original ?? {}),
    freq: s.freq,
    byday:
      s.freq === 'WEEKLY'
        ? WEEKDAYS.filter((d) => s.days.includes(d)).join(',') || null
        : keepMonthDays
          ? null
          : `${s.week}${s.weekday}`,
    bymonthday: keepMonthDays ? (s.original?.bymonthday ?? null) : null,
    opens_at: orNull(s.opens_at),
    closes_at: orNull(s.closes_at),
    notes: orNull(s.notes),
    location_id: orNull(s.location_id),
  };
}

/** The document to send. Fields the form does not show (contacts, languages, costs, areas) are kept. */
export function fromDraft(d: ListingDraft): ListingInput {
  return {
    ...d.base,
    name: d.name,
    description: d.description,
    status: d.status,
    referral_capacity: d.referral_capacity,
    minimum_age: numberOrText(d.minimum_age),
    maximum_age: numberOrText(d.maximum_age),
    eligibility_description: orNull(d.eligibility_description),
    fees: orNull(d.fees),
    url: orNull(d.url),
    email: orNull(d.email),
    review_interval_months: numberOrText(d.review_interval_months) ?? undefined,
    taxonomy_term_ids: d.taxonomy_term_ids,
    phones: d.phones.map((p) => ({ id: p.id, number: p.number, description: orNull(p.description) })),
    locations: d.locations.map(locationOf),
    schedules: d.schedules.map(scheduleOf),
  };
}

/**
 * The stored confidential places the draft makes public: what a reviewer lifts explicitly
 * (lift_confidentiality_of). The server refuses an unticked confidential place not named here.
 */
export function liftedConfidentiality(d: ListingDraft): string[] {
  return d.locations.flatMap((l) =>
    l.original?.id && l.original.confidential && !l.confidential ? [l.original.id] : [],
  );
}

// ---- Errors: the API names document paths ("locations.0.address.postal_code") ----

/** The element id of a document path (also the key of its error). */
export const fieldId = (path: string) => `listing-${path.replace(/\./g, '-')}`;

const TOP_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  status: 'Status',
  referral_capacity: 'Taking referrals',
  minimum_age: 'Minimum age',
  maximum_age: 'Maximum age',
  eligibility_description: 'Who it is for',
  fees: 'Fees',
  url: 'Website',
  email: 'Email address',
  review_interval_months: 'Review every',
  taxonomy_term_ids: 'Categories',
  organization_id: 'Organisation',
};

const CHILD_LABELS: Record<string, string> = {
  phones: 'Phone',
  locations: 'Place',
  schedules: 'Opening time',
  contacts: 'Contact',
  languages: 'Language',
  cost_options: 'Cost',
  service_areas: 'Area served',
};

const LEAF_LABELS: Record<string, string> = {
  number: 'number',
  description: 'description',
  name: 'name',
  location_type: 'type',
  address: 'address',
  address_1: 'address line 1',
  address_2: 'address line 2',
  city: 'town or city',
  postal_code: 'postcode',
  byday: 'days',
  bymonthday: 'days of the month',
  opens_at: 'opening time',
  closes_at: 'closing time',
  notes: 'notes',
  location_id: 'place',
  freq: 'how often',
  email: 'email',
  id: 'entry',
  confidential: 'address',
};

/** "locations.0.address.postal_code" → "Place 1 postcode". */
export function pathLabel(path: string): string {
  const parts = path.split('.');
  const [first = '', index, ...rest] = parts;
  if (CHILD_LABELS[first] && index !== undefined && /^\d+$/.test(index)) {
    const leaf = rest[rest.length - 1] ?? '';
    return `${CHILD_LABELS[first]} ${Number(index) + 1}${leaf ? ` ${LEAF_LABELS[leaf] ?? leaf}` : ''}`;
  }
  if (first === 'taxonomy_term_ids') return 'Categories';
  if (first === 'lift_confidentiality_of') return 'Making an address public';
  return TOP_LABELS[first] ?? path;
}

/** Which document paths the form shows a field for (errors elsewhere go to the summary only). */
export function isShownField(path: string): boolean {
  const [first = '', index, ...rest] = path.split('.');
  if (first in TOP_LABELS) return first !== 'organization_id' && (index === undefined || first === 'taxonomy_term_ids');
  if (first === 'phones') return ['number', 'description'].includes(rest[0] ?? '');
  if (first === 'locations') return ['location_type', 'name', 'address', 'confidential'].includes(rest[0] ?? '');
  if (first === 'schedules')
    return ['byday', 'bymonthday', 'opens_at', 'closes_at', 'notes', 'location_id', 'freq'].includes(rest[0] ?? '');
  return false;
}

export interface ListingErrors {
  /** By document path (without the request's "listing." / "proposed." prefix). */
  fields: Record<string, string>;
  form: string | null;
}

/**
 * The API's 400 as errors by document path. The request body wraps the document ("listing.name",
 * "proposed.name"), so that prefix is taken off; a category error is shown on the categories.
 */
export function listingErrorsFromApi(error: unknown, prefix: string): ListingErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const fields: Record<string, string> = {};
  for (const { field, message } of error.fieldErrors) {
    let path = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
    if (path.startsWith('taxonomy_term_ids')) path = 'taxonomy_term_ids';
    if (/^locations\.\d+\.address$/.test(path)) path = `${path}.address_1`;
    if (!fields[path]) fields[path] = message;
  }
  return { fields, form: error.fieldErrors.length ? null : error.problem.detail };
}
