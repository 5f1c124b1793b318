import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { icbs } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';
import { directoryOrganizations, directoryServices } from './directory.tables.js';

// Waymark's own data about a listing that is not part of the ORUK document: how the service takes
// referrals through Waymark, and the sessions or events its organisation publishes.

/**
 * How a service takes referrals through Waymark (Waymark's own data, beside the ORUK listing):
 * whether it takes them at all, where the secure link goes when the organisation has no
 * accounts (else the listing's email), and how many working days it has to reply before the
 * worker is asked to chase. No row: takes referrals, the listing's email, 5 working days.
 */
export const serviceReferralSettings = pgTable(
  'service_referral_settings',
  {
    serviceId: uuid('service_id')
      .primaryKey()
      .references(() => directoryServices.id, { onDelete: 'cascade' }),
    takesReferrals: boolean('takes_referrals').notNull().default(true),
    takesSelfReferrals: boolean('takes_self_referrals').notNull().default(false),
    referralEmail: text('referral_email'),
    /** A mobile number for secure links by text (issue 14), used when the listing has no email for referrals. */
    referralMobile: text('referral_mobile'),
    replyWorkingDays: integer('reply_working_days').notNull().default(5),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  },
  (t) => [check('service_referral_settings_reply_days', sql`${t.replyWorkingDays} BETWEEN 1 AND 30`)],
);

/** Upcoming sessions or events a partner publishes for one of its services (the showcase). */
export const serviceEvents = pgTable(
  'service_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    place: text('place'),
    spacesLeft: integer('spaces_left'),
    bookingNeeded: boolean('booking_needed').notNull().default(false),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('service_events_service_idx').on(t.serviceId, t.startsAt),
    index('service_events_upcoming_idx').on(t.icbId, t.startsAt).where(sql`${t.cancelledAt} IS NULL`),
    check('service_events_title_length', sql`char_length(${t.title}) BETWEEN 1 AND 200`),
    check('service_events_spaces', sql`${t.spacesLeft} IS NULL OR ${t.spacesLeft} BETWEEN 0 AND 10000`),
    check('service_events_ends_after_start', sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A brand-new listing a partner proposes for its own organisation, moderated like an edit: on
 * approval the directory writer creates the service (`created_service_id`).
 */
export const directoryListingProposals = pgTable(
  'directory_listing_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganizations.id),
    /** The proposed listing, in the shape of the listing edit form. */
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    submittedByUserId: uuid('submitted_by_user_id')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    createdServiceId: uuid('created_service_id').references(() => directoryServices.id),
  },
  (t) => [
    index('directory_listing_proposals_pending_idx').on(t.icbId, t.submittedAt).where(sql`${t.status} = 'pending'`),
    index('directory_listing_proposals_org_idx').on(t.organizationId),
  ],
);
