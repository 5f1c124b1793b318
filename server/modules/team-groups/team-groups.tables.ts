import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { directoryServices } from '../directory/directory.tables.js';
import { pcns } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';
import { volunteers } from '../volunteers/volunteers.tables.js';

// Groups and activities the PCN's team runs itself (issue 16, point 5). Every row carries the
// PCN, so scope is a where-clause on the row itself.

export const teamGroups = pgTable(
  'team_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** How often it meets, as the team says it ("Wednesdays, 10am to 11am"). */
    schedule: text('schedule').notNull(),
    venue: text('venue').notNull(),
    capacity: integer('capacity').notNull(),
    /** The Directory of Services listing the public finds it by (in the PCN's ICB). */
    directoryServiceId: uuid('directory_service_id').references(() => directoryServices.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('team_groups_pcn_idx').on(t.pcnId, t.name),
    check('team_groups_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 120`),
    check('team_groups_capacity', sql`${t.capacity} BETWEEN 1 AND 500`),
  ],
);

/** Who runs a group: staff of the team, or its volunteers (exactly one of the two per row). */
export const teamGroupFacilitators = pgTable(
  'team_group_facilitators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => teamGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    volunteerId: uuid('volunteer_id').references(() => volunteers.id),
  },
  (t) => [
    index('team_group_facilitators_group_idx').on(t.groupId),
    index('team_group_facilitators_volunteer_idx').on(t.volunteerId),
    unique('team_group_facilitators_user_unique').on(t.groupId, t.userId),
    unique('team_group_facilitators_volunteer_unique').on(t.groupId, t.volunteerId),
    check('team_group_facilitators_one', sql`(${t.userId} IS NULL) <> (${t.volunteerId} IS NULL)`),
  ],
);

export const teamGroupSessions = pgTable(
  'team_group_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => teamGroups.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** People who came without a case with the team: a count, never names. */
    othersCount: integer('others_count').notNull().default(0),
    registerTakenAt: timestamp('register_taken_at', { withTimezone: true }),
    registerTakenBy: uuid('register_taken_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('team_group_sessions_group_idx').on(t.groupId, t.startsAt),
    index('team_group_sessions_pcn_idx').on(t.pcnId, t.startsAt),
    unique('team_group_sessions_once').on(t.groupId, t.startsAt),
    check('team_group_sessions_duration', sql`${t.durationMinutes} BETWEEN 1 AND 480`),
    check('team_group_sessions_others', sql`${t.othersCount} BETWEEN 0 AND 500`),
  ],
);

/** A person with a case with the team who attended a session (the register). */
export const teamGroupAttendance = pgTable(
  'team_group_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => teamGroupSessions.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.referralId] }),
    index('team_group_attendance_referral_idx').on(t.referralId),
  ],
);
