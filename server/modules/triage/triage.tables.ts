import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pcns } from '../organisations/organisations.tables.js';

/** Each PCN sets its own first-contact targets per priority (days from triage). */
export const pcnTriageSettings = pgTable(
  'pcn_triage_settings',
  {
    pcnId: uuid('pcn_id')
      .primaryKey()
      .references(() => pcns.id),
    routineDays: integer('routine_days').notNull().default(14),
    soonDays: integer('soon_days').notNull().default(7),
    urgentDays: integer('urgent_days').notNull().default(2),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'pcn_triage_settings_order',
      sql`${t.urgentDays} >= 0 AND ${t.urgentDays} <= ${t.soonDays} AND ${t.soonDays} <= ${t.routineDays} AND ${t.routineDays} <= 90`,
    ),
  ],
);
