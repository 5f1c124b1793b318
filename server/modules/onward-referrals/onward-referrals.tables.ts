import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SharedDetails, SharedField } from '../../../common/onward-referrals.js';
import {
  ATTENDANCE_KINDS,
  DECLINE_REASONS,
  DELIVERIES,
  ONWARD_EVENT_TYPES,
  ONWARD_KINDS,
  ONWARD_OUTCOMES,
  ONWARD_SOURCES,
  ONWARD_STATUSES,
} from '../../../common/onward-referrals.js';
import { directoryOrganizations, directoryServices } from '../directory/directory.tables.js';
import { icbs, pcns, vcsOrganisations } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

// The loop with the voluntary sector (DESIGN.md §2.5): a worker signposts a person to a
// community service, or refers them with their consent; the organisation answers, records
// attendance and closes with an outcome. Rows carry the team's PCN (scope for the team) and
// the partner organisation (scope for the partner), so each side's reads are a where-clause on
// the row itself. What the organisation may see is a snapshot taken when the referral was sent
// (`shared_details`), never a join to the person's record.

export const onwardReferrals = pgTable(
  'onward_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    /**
     * 'team': a worker sent it from a case. 'self': a resident referred themselves straight to the
     * service from the public directory (issue 14): no team, case, person record or worker, only
     * what the resident gave, in `sharedDetails`.
     */
    source: text('source', { enum: ONWARD_SOURCES }).notNull().default('team'),
    /** The team whose case it came from (null for a self-referral). */
    pcnId: uuid('pcn_id').references(() => pcns.id),
    /** The case (null for a self-referral). */
    referralId: uuid('referral_id').references(() => referrals.id),
    personId: uuid('person_id').references(() => people.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganizations.id),
    /**
     * The partner organisation whose users answer it in their inbox: the listing's organisation's
     * partner at the time it was sent; null when delivered by secure link (or a signpost).
     */
    vcsOrganisationId: uuid('vcs_organisation_id').references(() => vcsOrganisations.id),
    kind: text('kind', { enum: ONWARD_KINDS }).notNull(),
    /** How the organisation receives it; null for a signpost (nothing leaves the team). */
    delivery: text('delivery', { enum: DELIVERIES }),
    status: text('status', { enum: ONWARD_STATUSES }).notNull(),
    /** The person agreed to share these details with this organisation (referrals only). */
    consentRecordedByUserId: uuid('consent_recorded_by_user_id').references(() => users.id),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    /** Which of the minimum set the worker chose to share, and their values when sent. */
    sharedFields: text('shared_fields').array().$type<SharedField[]>().notNull().default(sql`'{}'::text[]`),
    sharedDetails: jsonb('shared_details').$type<SharedDetails>(),
    /** The worker's note to the service (a referral) or about the signpost. */
    note: text('note'),
    /** The worker confirmed sending to a service that was full or inactive at the time. */
    capacityAtSend: text('capacity_at_send').notNull(),
    serviceStatusAtSend: text('service_status_at_send').notNull(),
    /** The London date by which a reply is expected (working days, English bank holidays skipped). */
    replyDueOn: date('reply_due_on', { mode: 'string' }),
    /** When a partner user or the link holder first opened it ("new" until then). */
    viewedAt: timestamp('viewed_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason', { enum: DECLINE_REASONS }),
    declineNote: text('decline_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome', { enum: ONWARD_OUTCOMES }),
    outcomeNote: text('outcome_note'),
    /** After this the organisation sees no personal details (declined or closed + the configured days). */
    accessEndsAt: timestamp('access_ends_at', { withTimezone: true }),
    /** The worker who sent it (null for a self-referral). */
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('onward_referrals_case_idx').on(t.referralId, t.createdAt),
    index('onward_referrals_inbox_idx').on(t.vcsOrganisationId, t.status, t.createdAt),
    // The inbox's tab counts on every inbox read: an index-only scan (bench: 25–49 ms → 5 ms).
    index('onward_referrals_inbox_counts_idx')
      .on(t.vcsOrganisationId, t.status, t.viewedAt)
      .where(sql`${t.kind} = 'referral'`),
    // The closed tab, newest answer first (bench: 17–40 ms → under 1 ms).
    index('onward_referrals_inbox_closed_idx')
      .on(t.vcsOrganisationId, sql`coalesce(${t.closedAt}, ${t.declinedAt}) DESC`, sql`${t.id} DESC`)
      .where(sql`${t.kind} = 'referral' AND ${t.status} IN ('declined', 'closed')`),
    index('onward_referrals_org_idx').on(t.organizationId, t.createdAt),
    index('onward_referrals_service_idx').on(t.serviceId, t.createdAt),
    index('onward_referrals_pcn_idx').on(t.pcnId, t.createdAt),
    index('onward_referrals_updated_idx').on(t.updatedAt),
    index('onward_referrals_reply_due_idx').on(t.replyDueOn).where(sql`${t.status} = 'sent'`),
    check('onward_referrals_note_length', sql`${t.note} IS NULL OR char_length(${t.note}) <= 2000`),
    check(
      'onward_referrals_decline_note_length',
      sql`${t.declineNote} IS NULL OR char_length(${t.declineNote}) <= 2000`,
    ),
    check(
      'onward_referrals_outcome_note_length',
      sql`${t.outcomeNote} IS NULL OR char_length(${t.outcomeNote}) <= 2000`,
    ),
    // A referral shares data only with the person's recorded consent (recorded by the worker, or
    // given by the resident themselves); a signpost shares nothing.
    check(
      'onward_referrals_consent',
      sql`(${t.kind} = 'signpost' AND ${t.sharedDetails} IS NULL AND ${t.delivery} IS NULL) OR (${t.kind} = 'referral' AND (${t.consentRecordedByUserId} IS NOT NULL OR ${t.source} = 'self') AND ${t.consentRecordedAt} IS NOT NULL AND ${t.delivery} IS NOT NULL)`,
    ),
    // A team's onward referral belongs to a case; a resident's own has none of the team's links.
    check(
      'onward_referrals_source',
      sql`(${t.source} = 'team' AND ${t.pcnId} IS NOT NULL AND ${t.referralId} IS NOT NULL AND ${t.personId} IS NOT NULL AND ${t.createdByUserId} IS NOT NULL) OR (${t.source} = 'self' AND ${t.kind} = 'referral' AND ${t.pcnId} IS NULL AND ${t.referralId} IS NULL AND ${t.personId} IS NULL AND ${t.createdByUserId} IS NULL)`,
    ),
  ],
);

/** Attendance the organisation records: each session attended, or a missed one. */
export const onwardAttendances = pgTable(
  'onward_attendances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    onwardReferralId: uuid('onward_referral_id')
      .notNull()
      .references(() => onwardReferrals.id),
    kind: text('kind', { enum: ATTENDANCE_KINDS }).notNull(),
    /** The session's date (London). */
    on: date('on', { mode: 'string' }).notNull(),
    /** Sessions attended since the last entry, when the organisation records several at once. */
    sessions: integer('sessions').notNull().default(1),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** A partner user; null when recorded through the secure link. */
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
  },
  (t) => [
    index('onward_attendances_referral_idx').on(t.onwardReferralId, t.on),
    check('onward_attendances_sessions', sql`${t.sessions} BETWEEN 1 AND 200`),
  ],
);

/**
 * Every step of an onward referral, in order (sent, viewed, accepted, declined, attendance,
 * closed, link sent / revoked / opened, code sent / verified): the case timeline and the
 * worker's notifications are read from here; the audit row sits beside each.
 */
export const onwardEvents = pgTable(
  'onward_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    onwardReferralId: uuid('onward_referral_id')
      .notNull()
      .references(() => onwardReferrals.id),
    type: text('type', { enum: ONWARD_EVENT_TYPES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** A Waymark user (worker or partner); null for the holder of a secure link. */
    actorUserId: uuid('actor_user_id').references(() => users.id),
    via: text('via', { enum: ['team', 'inbox', 'link', 'system'] }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('onward_events_referral_idx').on(t.onwardReferralId, t.at)],
);

/**
 * A secure link to one referral, for an organisation without Waymark accounts. Only the SHA-256
 * of the token is stored; the one-time code sent to the same address is stored hashed too and
 * proves the holder reads that mailbox. A verified code opens a short access session
 * (`access_hash`), so the code is not asked for on every step.
 */
export const onwardLinks = pgTable(
  'onward_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    onwardReferralId: uuid('onward_referral_id')
      .notNull()
      .references(() => onwardReferrals.id),
    tokenHash: text('token_hash').notNull(),
    /** Where the link and its codes go: an email address, or a mobile number (by text through Notify). */
    email: text('email'),
    mobile: text('mobile'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the resident's own self-referral sent it. */
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByUserId: uuid('revoked_by_user_id').references(() => users.id),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    accessHash: text('access_hash'),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('onward_links_token_uq').on(t.tokenHash),
    uniqueIndex('onward_links_access_uq').on(t.accessHash),
    index('onward_links_referral_idx').on(t.onwardReferralId, t.createdAt),
    check('onward_links_one_address', sql`(${t.email} IS NULL) <> (${t.mobile} IS NULL)`),
  ],
);
