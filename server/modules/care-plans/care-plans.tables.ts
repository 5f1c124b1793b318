import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { CarePlanContent } from '../../../common/care-plan.js';
import { pcns } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { users } from '../users/users.tables.js';

// ONE plan per person for each PCN team that works with them (a unique constraint, never
// search-then-insert), shared by the whole team. The plan is the team's record: a referral to
// another PCN gives that team a plan of its own, never this one.
// `current_version` is the concurrency guard: a save succeeds only for the version it was based on.
export const carePlans = pgTable(
  'care_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    currentVersion: integer('current_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('care_plans_person_pcn_unique').on(t.personId, t.pcnId),
    check('care_plans_version_positive', sql`${t.currentVersion} >= 1`),
    // The dashboards' refresh finds the plans saved since a PCN's last rebuild (analytics/refresh).
    index('care_plans_pcn_updated_idx').on(t.pcnId, t.updatedAt),
  ],
);

/** Every save is a new row: the history (who, when, what) from which versions are compared. */
export const carePlanVersions = pgTable(
  'care_plan_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => carePlans.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<CarePlanContent>().notNull(),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('care_plan_versions_plan_version_unique').on(t.planId, t.version)],
);
