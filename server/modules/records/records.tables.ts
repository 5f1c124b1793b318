import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Foreign keys only: other modules' tables are referenced for integrity, never queried here.
import { icbs } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { users } from '../users/users.tables.js';

// Records management (issue 19, point 5): retention under the NHS Records Management Code of
// Practice, and people's rights (subject access, restriction of processing).

/** Per ICB: whether the retention job destroys unattended (off until an admin switches it on). */
export const retentionSettings = pgTable('retention_settings', {
  icbId: uuid('icb_id')
    .primaryKey()
    .references(() => icbs.id),
  scheduledDestruction: boolean('scheduled_destruction').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The stub kept for every record destroyed: what kind of record, its internal id, when it closed,
 * when it was destroyed and under which rule — never a name, NHS number, date of birth or any
 * other personal data. The person's id is no longer anyone's once the record is gone; the audit
 * log's rows about it hold the same ids, which is how the two are read together.
 */
export const destroyedRecords = pgTable(
  'destroyed_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    /** 'person' (one per person destroyed, with everything held about them). */
    kind: text('kind').notNull(),
    recordId: uuid('record_id').notNull(),
    /** How many referrals (cases) the record held, a count only. */
    referralCount: integer('referral_count').notNull(),
    closedOn: date('closed_on', { mode: 'string' }).notNull(),
    retainUntil: date('retain_until', { mode: 'string' }).notNull(),
    rule: text('rule', { enum: ['adult_8_years', 'child_25th_birthday', 'child_26th_birthday'] }).notNull(),
    destroyedAt: timestamp('destroyed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The admin who confirmed; null when the scheduled job destroyed it. */
    destroyedBy: uuid('destroyed_by').references(() => users.id),
    how: text('how', { enum: ['confirmed', 'scheduled'] }).notNull(),
  },
  (t) => [
    uniqueIndex('destroyed_records_record_uq').on(t.kind, t.recordId),
    index('destroyed_records_icb_idx').on(t.icbId, t.destroyedAt),
  ],
);

/**
 * Restriction of processing (UK GDPR Article 18). While a row has no `lifted_at`, the person's
 * record is read-only (a trigger refuses changes, see the migration), they are left out of new
 * allocation and outreach, and retention does not destroy it. Rows are kept when lifted: the
 * history of who restricted and lifted, when and why.
 */
export const processingRestrictions = pgTable(
  'processing_restrictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    reason: text('reason', {
      enum: ['accuracy_contested', 'unlawful_processing', 'legal_claims', 'objection_pending'],
    }).notNull(),
    note: text('note'),
    restrictedBy: uuid('restricted_by').references(() => users.id),
    restrictedAt: timestamp('restricted_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftNote: text('lift_note'),
  },
  (t) => [
    uniqueIndex('processing_restrictions_active_uq').on(t.personId).where(sql`${t.liftedAt} IS NULL`),
    check('processing_restrictions_note_length', sql`${t.note} IS NULL OR char_length(${t.note}) <= 1000`),
  ],
);
