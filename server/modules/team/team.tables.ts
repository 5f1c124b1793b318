import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
// Foreign keys only: other modules' tables are referenced for integrity, never queried here.
import { FUNDING_KINDS, SUPERVISION_KINDS } from '../../../common/team.js';
import { icbs } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

// Issue 16, points 1–3: the team member's profile, required training, supervision. The lists an
// administrator edits (skills, training required per role, supervision frequency per role) are
// kept per ICB; a new ICB is given the starting content by a trigger (see the migration).

/** Skills and specialisms a team member may have; `reasonCodes` are the referral reasons each one suits. */
export const teamSkills = pgTable(
  'team_skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    label: text('label').notNull(),
    reasonCodes: text('reason_codes').array().notNull().default(sql`'{}'::text[]`),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [unique('team_skills_label_uq').on(t.icbId, t.label)],
);

/** What the user row does not hold of a team member's profile (role, band, FTE and languages live there). */
export const teamProfiles = pgTable('team_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  workingDays: text('working_days').array().notNull().default(sql`'{}'::text[]`),
  startDate: date('start_date', { mode: 'string' }),
  funding: text('funding', { enum: FUNDING_KINDS }),
  fundingNote: text('funding_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamMemberSkills = pgTable(
  'team_member_skills',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => teamSkills.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillId] })],
);

/** Training a role must have, with where the requirement comes from, and how long it stays valid. */
export const trainingRequirements = pgTable(
  'training_requirements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    role: text('role').notNull(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    sourceUrl: text('source_url'),
    /** Months a completion stays valid; null: once is enough. */
    validityMonths: integer('validity_months'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    index('training_requirements_icb_idx').on(t.icbId, t.role),
    check('training_requirements_validity', sql`${t.validityMonths} IS NULL OR ${t.validityMonths} BETWEEN 1 AND 120`),
  ],
);

export const trainingRecords = pgTable(
  'training_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Null for training that meets no requirement (recorded all the same). */
    requirementId: uuid('requirement_id').references(() => trainingRequirements.id),
    title: text('title').notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    evidenceNote: text('evidence_note').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_records_user_idx').on(t.userId, t.completedOn)],
);

/** How often each role should have supervision (any kind counts). */
export const supervisionTargets = pgTable(
  'supervision_targets',
  {
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    role: text('role').notNull(),
    intervalDays: integer('interval_days').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.icbId, t.role] }),
    check('supervision_targets_interval', sql`${t.intervalDays} BETWEEN 1 AND 366`),
  ],
);

export const supervisionSessions = pgTable(
  'supervision_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: SUPERVISION_KINDS }).notNull(),
    /** Seen by the supervisee and the supervisor only; never in audit details or the team view. */
    privateNotes: text('private_notes'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supervision_sessions_user_idx').on(t.userId, t.heldOn),
    check('supervision_sessions_not_self', sql`${t.userId} <> ${t.supervisorId}`),
  ],
);
