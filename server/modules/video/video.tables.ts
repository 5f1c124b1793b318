import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { plannedContacts } from '../cases/cases.tables.js';
import { icbs, pcns } from '../organisations/organisations.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

// A video consultation (issue 15): one per planned contact of mode video. The person's one-time
// link is a random token whose SHA-256 alone is kept here; it opens only inside the window (15
// minutes before the appointment to an hour after its end) and not once revoked or re-sent. No
// media and no signalling content is ever stored: only who did what when, for the record.

// 'cancelled': the planned contact was called off (or the case closed) before a call ended it.
export const VIDEO_STATES = ['booked', 'waiting', 'in_call', 'ended', 'cancelled'] as const;
export type VideoState = (typeof VIDEO_STATES)[number];

export const videoAppointments = pgTable(
  'video_appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    plannedContactId: uuid('planned_contact_id')
      .notNull()
      .references(() => plannedContacts.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    /** The case's team: scope is a where-clause on the row itself. */
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    tokenHash: text('token_hash').notNull(),
    windowStartsAt: timestamp('window_starts_at', { withTimezone: true }).notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: VIDEO_STATES }).notNull().default('booked'),
    linkIssuedAt: timestamp('link_issued_at', { withTimezone: true }).notNull().defaultNow(),
    linkIssuedByUserId: uuid('link_issued_by_user_id')
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByUserId: uuid('revoked_by_user_id').references(() => users.id),
    /** The person's first open of the link (each open is audited). */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    admittedByUserId: uuid('admitted_by_user_id').references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByUserId: uuid('ended_by_user_id').references(() => users.id),
    /**
     * The person's live signalling connection (random, per WebSocket): a second device opening
     * the link while this is set and the call is on is refused.
     */
    personConnectionId: uuid('person_connection_id'),
    /**
     * When the person's connection last answered the server's ping. A connection silent for
     * longer than a few pings is stale (its app instance died without a word) and gives way to
     * the person's next one, so a crash never locks them out of their own call.
     */
    personSeenAt: timestamp('person_seen_at', { withTimezone: true }),
    /** The worker's connection that admitted the person: the only one whose signals reach them. */
    workerConnectionId: uuid('worker_connection_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('video_appointments_planned_contact_uq').on(t.plannedContactId),
    uniqueIndex('video_appointments_token_uq').on(t.tokenHash),
    index('video_appointments_referral_idx').on(t.referralId),
    check('video_appointments_window', sql`${t.windowStartsAt} < ${t.windowEndsAt}`),
  ],
);
