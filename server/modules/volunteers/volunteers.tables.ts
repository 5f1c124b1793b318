import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  BEFRIENDING_END_REASONS,
  VOLUNTEER_CHECK_KINDS,
  VOLUNTEER_END_REASONS,
  VOLUNTEER_ROLES,
} from '../../../common/volunteers.js';
import { pcns } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

// Volunteers and community champions of a PCN's team (issue 16, point 4). They are not users:
// they never sign in. Every row carries the PCN, so scope is a where-clause on the row itself.

export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    postcode: text('postcode'),
    role: text('role', { enum: VOLUNTEER_ROLES }).notNull(),
    availability: text('availability'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason', { enum: VOLUNTEER_END_REASONS }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteers_pcn_idx').on(t.pcnId, t.name),
    check('volunteers_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 120`),
    check('volunteers_ending', sql`(${t.endedOn} IS NULL) = (${t.endReason} IS NULL)`),
  ],
);

/** Checks and training with their dates: a DBS check, references, a course. */
export const volunteerChecks = pgTable(
  'volunteer_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    kind: text('kind', { enum: VOLUNTEER_CHECK_KINDS }).notNull(),
    detail: text('detail'),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_checks_volunteer_idx').on(t.volunteerId, t.completedOn),
    check('volunteer_checks_dates', sql`${t.expiresOn} IS NULL OR ${t.expiresOn} > ${t.completedOn}`),
  ],
);

/** A volunteer befriending a person: assigned to one of the team's cases, until it ends. */
export const befriendingAssignments = pgTable(
  'befriending_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    startedBy: uuid('started_by').references(() => users.id),
    endedOn: date('ended_on', { mode: 'string' }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id),
    endReason: text('end_reason', { enum: BEFRIENDING_END_REASONS }),
  },
  (t) => [
    index('befriending_volunteer_idx').on(t.volunteerId),
    index('befriending_referral_idx').on(t.referralId),
    // One open befriending of a case by the same volunteer (a constraint, never search-then-insert).
    uniqueIndex('befriending_open_unique').on(t.volunteerId, t.referralId).where(sql`${t.endedOn} IS NULL`),
    check('befriending_ending', sql`(${t.endedOn} IS NULL) = (${t.endReason} IS NULL)`),
  ],
);

/** Hours a volunteer gave, as the team logs them. */
export const volunteerHours = pgTable(
  'volunteer_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    workedOn: date('worked_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    activity: text('activity').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_hours_volunteer_idx').on(t.volunteerId, t.workedOn),
    check('volunteer_hours_minutes', sql`${t.minutes} BETWEEN 1 AND 720`),
  ],
);
