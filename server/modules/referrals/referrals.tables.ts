import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { IdentityCheck, ReferralPersonDetails, SelfReferralDetails } from '../../../common/referrals.js';
import { icbs, pcns, practices } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { users } from '../users/users.tables.js';

// A referral lands in ONE queue: its PCN's. Triage and allocation fields live on the row
// (the current state); every change of state is also a referral_events row (the history,
// from which waiting-time KPIs are computed).
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The person as this referral described them (the referrer's words, never the shared record). */
    personDetails: jsonb('person_details').$type<ReferralPersonDetails>().notNull(),
    /** Set when the team must check who the referral is for before contacting them. */
    identityCheck: text('identity_check').$type<IdentityCheck>(),
    /** When the team accepted or kept back the new person details this referral brought. */
    personDetailsReviewedAt: timestamp('person_details_reviewed_at', { withTimezone: true }),
    personDetailsReviewedBy: uuid('person_details_reviewed_by').references(() => users.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    /** The referring practice (source 'practice'); null for self- and other professional referrals. */
    practiceId: uuid('practice_id').references(() => practices.id),
    source: text('source', { enum: ['practice', 'professional', 'self'] }).notNull(),
    referrerUserId: uuid('referrer_user_id').references(() => users.id),
    /** For referrals from outside Waymark's users (another professional, the person). */
    referrerName: text('referrer_name'),
    referrerOrganisation: text('referrer_organisation'),
    referrerContact: text('referrer_contact'),
    reasons: text('reasons').array().notNull(),
    details: text('details'),
    urgencyRequested: text('urgency_requested', { enum: ['routine', 'soon', 'urgent'] }).notNull(),
    consentToReferral: boolean('consent_to_referral').notNull(),
    consentToShare: boolean('consent_to_share').notNull(),
    safeguardingConcern: boolean('safeguarding_concern').notNull().default(false),
    /** Set on a self-referral from the public app (source 'self', referrerUserId null). */
    selfReferral: jsonb('self_referral').$type<SelfReferralDetails>(),
    /** A lead judged this self-referral spam: out of the queue and the figures, kept for audit. */
    spamMarkedAt: timestamp('spam_marked_at', { withTimezone: true }),
    spamMarkedBy: uuid('spam_marked_by').references(() => users.id),
    status: text('status', {
      enum: [
        'received',
        'triaged',
        'allocated',
        'first_contact',
        'active',
        'discharged',
        'declined',
        'redirected',
        'not_contactable',
      ],
    }).notNull(),
    priority: text('priority', { enum: ['routine', 'soon', 'urgent'] }),
    complexity: text('complexity', { enum: ['low', 'medium', 'high'] }),
    predictedPam: integer('predicted_pam'),
    recommendedRole: text('recommended_role', { enum: ['link_worker', 'health_coach', 'care_coordinator'] }),
    /** Simple signposting: the team lead's judgement that a care coordinator can handle it. */
    signpostingOnly: boolean('signposting_only').notNull().default(false),
    triageNotes: text('triage_notes'),
    closureReason: text('closure_reason'),
    closureNote: text('closure_note'),
    allocatedWorkerId: uuid('allocated_worker_id').references(() => users.id),
    /** Set while the allocated worker is away and a colleague covers their cases. */
    coverWorkerId: uuid('cover_worker_id').references(() => users.id),
    firstContactDueAt: timestamp('first_contact_due_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referrals_queue_idx').on(t.pcnId, t.status, t.receivedAt),
    index('referrals_practice_idx').on(t.practiceId, t.receivedAt),
    index('referrals_person_idx').on(t.personId),
    // A worker's open cases, and every column their caseload orders, counts and filters by
    // (caseload.repository.ts, caseloadOf): read from the index alone, no visit to each row.
    index('referrals_worker_idx').on(
      t.allocatedWorkerId,
      t.status,
      t.pcnId,
      t.firstContactDueAt,
      t.receivedAt,
      t.id,
      t.personId,
      t.coverWorkerId,
      t.firstContactAt,
    ),
    index('referrals_cover_idx').on(t.coverWorkerId),
    // The analytics refresh asks what changed since it last ran.
    index('referrals_updated_idx').on(t.updatedAt),
    check('referrals_details_length', sql`${t.details} IS NULL OR char_length(${t.details}) <= 4000`),
    check('referrals_has_reason', sql`cardinality(${t.reasons}) >= 1`),
    check('referrals_consented', sql`${t.consentToReferral}`),
    check(
      'referrals_identity_check_known',
      sql`${t.identityCheck} IS NULL OR ${t.identityCheck} IN ('nhs_number_not_linked', 'self_referred')`,
    ),
    check('referrals_pam_range', sql`${t.predictedPam} IS NULL OR ${t.predictedPam} BETWEEN 1 AND 4`),
  ],
);

export const referralEvents = pgTable(
  'referral_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    snomedCode: text('snomed_code'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('referral_events_referral_idx').on(t.referralId, t.at),
    index('referral_events_at_idx').on(t.at),
    // The figures' refresh: the coded events of a month (analytics refresh/referral-base.ts), read
    // from the index alone.
    index('referral_events_coded_at_idx').on(t.at, t.referralId).where(sql`${t.snomedCode} IS NOT NULL`),
  ],
);

/** Idempotent intake: a replayed Idempotency-Key returns the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who sent it: a user id, or 'public' for unauthenticated self-referrals. */
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] })],
);

/**
 * When a resident's self-referral journey began (issue 14): the start page is given a random
 * token, kept here by its hash, and the referral is taken only when it comes at least
 * MIN_SECONDS_TO_FILL later (a bot sends at once) and only once per token. Kept in the database,
 * not in one app instance's memory, so any instance can check it. Old rows are deleted daily.
 */
export const selfReferralStarts = pgTable('self_referral_starts', {
  tokenHash: text('token_hash').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
