import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlannerInputs } from '../../../common/workforce-planner.js';
import { icbs, pcns } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

/**
 * Pay points, employer on-cost rates and ARRS maximums (issue 16, point 6), each with its
 * financial year and source. Rows with no ICB are the figures Waymark ships (the migration writes
 * them from shared/reference/workforce.md: unverified ones empty); an ICB administrator's change
 * is a row of that ICB for the same code and year, which the ICB's planners read instead.
 */
export const workforceRates = pgTable(
  'workforce_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id').references(() => icbs.id),
    code: text('code').notNull(),
    year: text('year').notNull(),
    /** Null: not entered. £ a year, or a percentage for the *_rate codes. */
    amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }),
    verified: boolean('verified').notNull().default(false),
    source: text('source').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('workforce_rates_key').on(t.icbId, t.code, t.year).nullsNotDistinct(),
    check('workforce_rates_amount', sql`${t.amount} IS NULL OR ${t.amount} >= 0`),
    check('workforce_rates_verified_has_amount', sql`NOT ${t.verified} OR ${t.amount} IS NOT NULL`),
  ],
);

/**
 * A named workforce scenario: the planner's inputs, kept; its result is worked out again on
 * reading (today's rates and team). A team lead's scenarios are their PCN's (`audience` 'pcn');
 * a commissioner's are the ICB's commissioners' ('icb'), for the whole ICB or one PCN of it.
 */
export const workforceScenarios = pgTable(
  'workforce_scenarios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    audience: text('audience', { enum: ['pcn', 'icb'] }).notNull(),
    /** The PCN planned; null: the whole ICB. */
    pcnId: uuid('pcn_id').references(() => pcns.id),
    name: text('name').notNull(),
    inputs: jsonb('inputs').$type<PlannerInputs>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('workforce_scenarios_name').on(t.icbId, t.audience, t.pcnId, t.name).nullsNotDistinct(),
    index('workforce_scenarios_scope_idx').on(t.icbId, t.audience, t.pcnId),
    check('workforce_scenarios_pcn_audience', sql`${t.audience} = 'icb' OR ${t.pcnId} IS NOT NULL`),
  ],
);
