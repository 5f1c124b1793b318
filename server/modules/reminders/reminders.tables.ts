import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { onwardReferrals } from '../onward-referrals/onward-referrals.tables.js';
import { pcns } from '../organisations/organisations.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { users } from '../users/users.tables.js';

export const TASK_KINDS = ['first_contact_overdue', 'plan_review_due', 'no_recent_contact', 'onward_no_reply'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

// Reminder tasks written by the daily job. The two unique indexes make the run idempotent:
// at most one open task per referral and kind (and onward referral, for chasing a reply), and a task the worker marked done is not
// created again for the same due date (a new due date — a new review date, a later last
// contact — is a new reminder).
export const reminderTasks = pgTable(
  'reminder_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The worker who should act: the covering colleague while a case is covered. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    /** For 'onward_no_reply': the onward referral the organisation has not answered (one task each). */
    onwardReferralId: uuid('onward_referral_id').references(() => onwardReferrals.id),
    /** The London date the thing fell due (first contact target, review date, last contact + N days). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reminder_tasks_open_uq')
      .on(t.referralId, t.kind, sql`coalesce(${t.onwardReferralId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.doneAt} IS NULL`),
    uniqueIndex('reminder_tasks_due_uq').on(
      t.referralId,
      t.kind,
      t.dueOn,
      sql`coalesce(${t.onwardReferralId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('reminder_tasks_user_idx').on(t.userId, t.doneAt),
  ],
);
