import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pcns, practices } from '../organisations/organisations.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

// Case work on a referral. Rows carry the PCN (and the GP message its practice) so scope is a
// where-clause on the row itself; nothing here is ever updated or moved on handover: history is
// kept by leaving it where it is.

export const caseContacts = pgTable(
  'case_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    mode: text('mode', { enum: ['face_to_face', 'phone', 'video', 'home_visit', 'group'] }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    outcome: text('outcome', { enum: ['attended', 'did_not_attend', 'cancelled'] }).notNull(),
    notes: text('notes'),
    recordedByUserId: uuid('recorded_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_contacts_referral_idx').on(t.referralId, t.at),
    index('case_contacts_created_idx').on(t.createdAt),
    // The figures' refresh: a PCN's contacts of a month (analytics refresh/referral-base.ts).
    index('case_contacts_pcn_at_idx').on(t.pcnId, t.at, t.referralId),
    check('case_contacts_duration_range', sql`${t.durationMinutes} BETWEEN 1 AND 480`),
    check('case_contacts_notes_length', sql`${t.notes} IS NULL OR char_length(${t.notes}) <= 4000`),
  ],
);

/**
 * A contact booked with the person ("next planned contact" on the caseload). It stays open until a
 * contact is recorded on or after its day (settledByContactId) or someone cancels it.
 */
export const plannedContacts = pgTable(
  'planned_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    plannedFor: timestamp('planned_for', { withTimezone: true }).notNull(),
    mode: text('mode', { enum: ['face_to_face', 'phone', 'video', 'home_visit', 'group'] }).notNull(),
    purpose: text('purpose'),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledByContactId: uuid('settled_by_contact_id').references(() => caseContacts.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledByUserId: uuid('cancelled_by_user_id').references(() => users.id),
  },
  (t) => [
    index('planned_contacts_open_idx')
      .on(t.referralId, t.plannedFor)
      .where(sql`${t.settledByContactId} IS NULL AND ${t.cancelledAt} IS NULL`),
    check('planned_contacts_purpose_length', sql`${t.purpose} IS NULL OR char_length(${t.purpose}) <= 500`),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_notes_referral_idx').on(t.referralId, t.createdAt),
    check('case_notes_body_length', sql`char_length(${t.body}) BETWEEN 1 AND 4000`),
  ],
);

/** The message back to the GP, written once at discharge (one per referral). */
export const gpMessages = pgTable(
  'gp_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    /** The referring practice; null for self- and other professional referrals. */
    practiceId: uuid('practice_id').references(() => practices.id),
    dischargedAt: timestamp('discharged_at', { withTimezone: true }).notNull(),
    dischargeReason: text('discharge_reason').notNull(),
    summary: text('summary').notNull(),
    offered: jsonb('offered').$type<Record<string, unknown>>().notNull(),
    onwardReferrals: jsonb('onward_referrals').$type<unknown[]>().notNull().default([]),
    outcomeChange: jsonb('outcome_change').$type<Record<string, unknown> | null>(),
    codes: jsonb('codes').$type<unknown[]>().notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gp_messages_referral_uq').on(t.referralId),
    index('gp_messages_practice_idx').on(t.practiceId, t.createdAt),
    check('gp_messages_summary_length', sql`char_length(${t.summary}) <= 2000`),
  ],
);
