// Keeping the Directory of Services up to date (issue 5, point 4): the review queue, reviewing a
// listing, VCS partners' proposed changes and their moderation. Shared by server and web.
import { z } from 'zod';
import { type ListingInput, REFERRAL_CAPACITIES, SERVICE_STATUSES } from './directory.js';
import { ZDirectoryHistoryEntry, ZFieldChange, ZListingInput, ZStaffListing } from './directory-listing-schema.js';
import { ZPendingProposal } from './showcase.js';

// Each answer is a zod schema (the route's response schema, which drops any field it does not
// name) and the type inferred from it.

/** The service a piece of review work is about. */
export const ZReviewServiceRef = z.object({
  id: z.string(),
  name: z.string(),
  organization_name: z.string(),
  status: z.enum(SERVICE_STATUSES),
});
export type ReviewServiceRef = z.infer<typeof ZReviewServiceRef>;

/** Why a listing is due for review. */
export const ZDueReason = z.enum(['never_verified', 'overdue']);
export type DueReason = z.infer<typeof ZDueReason>;

export const ZDueReview = z.object({
  service: ZReviewServiceRef,
  assured_date: z.string().nullable(),
  /** assured_date + the review interval; null when never verified. */
  review_due_on: z.string().nullable(),
  reason: ZDueReason,
});
export type DueReview = z.infer<typeof ZDueReview>;

export const ZOpenReport = z.object({
  id: z.string(),
  service: ZReviewServiceRef,
  message: z.string(),
  created_at: z.string(),
});
export type OpenReport = z.infer<typeof ZOpenReport>;

export const ZPendingChange = z.object({
  id: z.string(),
  service: ZReviewServiceRef,
  base_version: z.number(),
  submitted_at: z.string(),
  /** The partner who proposed it (their name and email). */
  submitted_by: z.string(),
});
export type PendingChange = z.infer<typeof ZPendingChange>;

/** At most this many items of each kind are listed; the counts are the true totals. */
export const REVIEW_QUEUE_LIMIT = 100;

export const ZReviewQueue = z.object({
  counts: z.object({ due: z.number(), reports: z.number(), changes: z.number(), proposals: z.number() }),
  /** Oldest verification first (never verified before all). */
  due: z.array(ZDueReview),
  /** Oldest first. */
  reports: z.array(ZOpenReport),
  /** Oldest first. */
  changes: z.array(ZPendingChange),
  /** Partners' proposed brand-new listings (the showcase), oldest first. */
  proposals: z.array(ZPendingProposal),
});
export type ReviewQueue = z.infer<typeof ZReviewQueue>;

/** A category the edit form offers as a checkbox (a taxonomy term). */
export const ZCategoryOption = z.object({ id: z.string(), name: z.string() });
export type CategoryOption = z.infer<typeof ZCategoryOption>;

/** What a reviewer sees on /directory/review/services/:id (staff view: confidential addresses included). */
export const ZReviewListingView = z.object({
  listing: ZStaffListing,
  reports: z.array(ZOpenReport),
  changes: z.array(ZPendingChange),
  history: z.array(ZDirectoryHistoryEntry),
  category_options: z.array(ZCategoryOption),
  review_due: z.boolean(),
});
export type ReviewListingView = z.infer<typeof ZReviewListingView>;

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
export const ZReviewActionResult = z.object({
  listing: ZStaffListing,
  /** How many open public reports the action closed. */
  reports_closed: z.number(),
});
export type ReviewActionResult = z.infer<typeof ZReviewActionResult>;

/** A public "out of date" report, by id: the answer to sending one and to dismissing one. */
export const ZReportRef = z.object({ id: z.string() });
export type ReportRef = z.infer<typeof ZReportRef>;

// ---- VCS partners ----

export const ZChangeRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type ChangeRequestStatus = z.infer<typeof ZChangeRequestStatus>;

export const ZPartnerListingSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(SERVICE_STATUSES),
  referral_capacity: z.enum(REFERRAL_CAPACITIES),
  assured_date: z.string().nullable(),
  last_modified: z.string(),
  pending_change: z.boolean(),
  /** The partner's most recent decided proposal, so a rejection's reason reaches them. */
  last_decision: z
    .object({
      status: z.enum(['approved', 'rejected']),
      decided_at: z.string(),
      rejection_reason: z.string().nullable(),
    })
    .nullable(),
});
export type PartnerListingSummary = z.infer<typeof ZPartnerListingSummary>;
export const ZPartnerListings = z.array(ZPartnerListingSummary);

export const ZPartnerListingView = z.object({
  listing: ZStaffListing,
  /** The pending proposal, if any (a new proposal replaces it). */
  pending_change: z.object({ id: z.string(), submitted_at: z.string(), proposed: ZListingInput }).nullable(),
  category_options: z.array(ZCategoryOption),
});
export type PartnerListingView = z.infer<typeof ZPartnerListingView>;

export interface ProposeChangeBody {
  /** The listing version the partner edited. */
  base_version: number;
  proposed: ListingInput;
}

export const ZProposeChangeResult = z.object({
  change_id: z.string(),
  /** Older pending proposals for the service that this one replaced. */
  replaced: z.number(),
});
export type ProposeChangeResult = z.infer<typeof ZProposeChangeResult>;

// ---- Moderation ----

export const ZChangeReview = z.object({
  id: z.string(),
  status: ZChangeRequestStatus,
  service: ZReviewServiceRef,
  base_version: z.number(),
  current_version: z.number(),
  /** The listing changed after the partner made their proposal: approving would be refused. */
  stale: z.boolean(),
  submitted_at: z.string(),
  submitted_by: z.string(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  /** Field by field: the live listing (previous) against the proposal (replacement). */
  changes: z.array(ZFieldChange),
  current: ZStaffListing,
  proposed: ZListingInput,
  /** Names of the categories a diff of taxonomy_term_ids mentions. */
  category_options: z.array(ZCategoryOption),
});
export type ChangeReview = z.infer<typeof ZChangeReview>;

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
