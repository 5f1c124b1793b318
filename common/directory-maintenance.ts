// Keeping the Directory of Services up to date (issue 5, point 4): the review queue, reviewing a
// listing, VCS partners' proposed changes and their moderation. Shared by server and web.
import type {
  DirectoryHistoryEntry,
  FieldChange,
  Listing,
  ListingInput,
  ReferralCapacity,
  ServiceStatus,
} from './directory.js';

/** The service a piece of review work is about. */
export interface ReviewServiceRef {
  id: string;
  name: string;
  organization_name: string;
  status: ServiceStatus;
}

/** Why a listing is due for review. */
export type DueReason = 'never_verified' | 'overdue';

export interface DueReview {
  service: ReviewServiceRef;
  assured_date: string | null;
  /** assured_date + the review interval; null when never verified. */
  review_due_on: string | null;
  reason: DueReason;
}

export interface OpenReport {
  id: string;
  service: ReviewServiceRef;
  message: string;
  created_at: string;
}

export interface PendingChange {
  id: string;
  service: ReviewServiceRef;
  base_version: number;
  submitted_at: string;
  /** The partner who proposed it (their name and email). */
  submitted_by: string;
}

/** At most this many items of each kind are listed; the counts are the true totals. */
export const REVIEW_QUEUE_LIMIT = 100;

export interface ReviewQueue {
  counts: { due: number; reports: number; changes: number };
  /** Oldest verification first (never verified before all). */
  due: DueReview[];
  /** Oldest first. */
  reports: OpenReport[];
  /** Oldest first. */
  changes: PendingChange[];
}

/** A category the edit form offers as a checkbox (a taxonomy term). */
export interface CategoryOption {
  id: string;
  name: string;
}

/** What a reviewer sees on /directory/review/services/:id (staff view: confidential addresses included). */
export interface ReviewListingView {
  listing: Listing;
  reports: OpenReport[];
  changes: PendingChange[];
  history: DirectoryHistoryEntry[];
  category_options: CategoryOption[];
  review_due: boolean;
}

/** Reviewer's edit: the whole listing document, made against the version they opened. */
export interface ReviewEditBody {
  expected_version: number;
  listing: ListingInput;
  /**
   * Confidential places the edit makes public: the only way a confidential address is ever
   * lifted (audited). A place unticked without being named here is refused.
   */
  lift_confidentiality_of?: string[];
}

export interface ReasonBody {
  reason: string;
}

/** The answer to a reviewer's action on a listing. */
export interface ReviewActionResult {
  listing: Listing;
  /** How many open public reports the action closed. */
  reports_closed: number;
}

// ---- VCS partners ----

export type ChangeRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface PartnerListingSummary {
  id: string;
  name: string;
  status: ServiceStatus;
  referral_capacity: ReferralCapacity;
  assured_date: string | null;
  last_modified: string;
  pending_change: boolean;
  /** The partner's most recent decided proposal, so a rejection's reason reaches them. */
  last_decision: {
    status: 'approved' | 'rejected';
    decided_at: string;
    rejection_reason: string | null;
  } | null;
}

export interface PartnerListingView {
  listing: Listing;
  /** The pending proposal, if any (a new proposal replaces it). */
  pending_change: { id: string; submitted_at: string; proposed: ListingInput } | null;
  category_options: CategoryOption[];
}

export interface ProposeChangeBody {
  /** The listing version the partner edited. */
  base_version: number;
  proposed: ListingInput;
}

export interface ProposeChangeResult {
  change_id: string;
  /** Older pending proposals for the service that this one replaced. */
  replaced: number;
}

// ---- Moderation ----

export interface ChangeReview {
  id: string;
  status: ChangeRequestStatus;
  service: ReviewServiceRef;
  base_version: number;
  current_version: number;
  /** The listing changed after the partner made their proposal: approving would be refused. */
  stale: boolean;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
  rejection_reason: string | null;
  /** Field by field: the live listing (previous) against the proposal (replacement). */
  changes: FieldChange[];
  current: Listing;
  proposed: ListingInput;
  /** Names of the categories a diff of taxonomy_term_ids mentions. */
  category_options: CategoryOption[];
}

/** Human labels for the field paths of a FieldChange ("locations[<id>].address.postal_code"). */
export const LISTING_FIELD_LABELS: Record<string, string> = {
  organization_id: 'Organisation',
  name: 'Name',
  description: 'Description',
  url: 'Website',
  email: 'Email',
  status: 'Status',
  fees: 'Fees',
  accreditations: 'Accreditations',
  minimum_age: 'Minimum age',
  maximum_age: 'Maximum age',
  eligibility_description: 'Who it is for',
  alert: 'Alert',
  referral_capacity: 'Taking referrals',
  review_interval_months: 'Review every (months)',
  taxonomy_term_ids: 'Categories',
  assured_date: 'Last checked',
  assurer_email: 'Checked by',
  merged_into_id: 'Merged into',
  number: 'number',
  option: 'option',
  amount: 'amount',
  amount_description: 'amount description',
  location_type: 'type',
  latitude: 'latitude',
  longitude: 'longitude',
  confidential: 'confidential address',
  accessibility: 'accessibility',
  address_1: 'address line 1',
  address_2: 'address line 2',
  city: 'town or city',
  region: 'county',
  postal_code: 'postcode',
  freq: 'repeats',
  interval: 'every',
  byday: 'days',
  bymonthday: 'days of the month',
  opens_at: 'opens',
  closes_at: 'closes',
  valid_from: 'from',
  valid_to: 'until',
  notes: 'notes',
  attending_type: 'attending',
  location_id: 'place',
  title: 'job title',
  code: 'code',
};

const CHILD_LABELS: Record<string, string> = {
  phones: 'Phone',
  contacts: 'Contact',
  languages: 'Language',
  cost_options: 'Cost',
  service_areas: 'Area served',
  schedules: 'Opening time',
  locations: 'Place',
};

/**
 * "locations[abc].address.postal_code" → "Place 1: postcode". Children are numbered in the order
 * their ids first appear in `order` (the field list of one diff), so one diff reads consistently.
 */
export function fieldChangeLabel(field: string, order: string[] = []): string {
  const child = /^([a-z_]+)\[([^\]]+)\]\.(.+)$/.exec(field);
  if (!child) return LISTING_FIELD_LABELS[field] ?? field;
  const [, key = '', id = '', rest = ''] = child;
  const ids: string[] = [];
  for (const f of order) {
    const m = /^([a-z_]+)\[([^\]]+)\]/.exec(f);
    if (m && m[1] === key && !ids.includes(m[2] ?? '')) ids.push(m[2] ?? '');
  }
  const n = ids.indexOf(id);
  const leaf = rest.split('.').pop() ?? rest;
  const what = rest === 'name' ? 'name' : rest === 'description' ? 'description' : (LISTING_FIELD_LABELS[leaf] ?? leaf);
  return `${CHILD_LABELS[key] ?? key}${n >= 0 ? ` ${n + 1}` : ''}: ${what}`;
}
