import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pcns } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

/** Leave periods: nobody on leave is allocated new work; the care coordinator covers. */
export const staffLeave = pgTable(
  'staff_leave',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason', { enum: ['annual_leave', 'sickness', 'training', 'other'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('staff_leave_user_idx').on(t.userId, t.startsOn),
    index('staff_leave_pcn_idx').on(t.pcnId, t.endsOn),
    check('staff_leave_dates', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);
