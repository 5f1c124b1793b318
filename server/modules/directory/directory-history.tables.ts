import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { icbs } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';
import { directoryServices } from './directory.tables.js';

// A listing's history (HSDS metadata: one row per changed field) and the edits partners propose
// for moderation.

/**
 * HSDS `metadata`: the field-level change log. One row per changed field; never updated or
 * deleted, so a listing's full history survives edits, merges and retirement.
 */
export const directoryMetadata = pgTable(
  'directory_metadata',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id').notNull(),
    resourceType: text('resource_type').notNull(),
    /** The service whose listing this change belongs to (for its history page), if any. */
    serviceId: uuid('service_id'),
    lastActionDate: timestamp('last_action_date', { withTimezone: true }).notNull().defaultNow(),
    lastActionType: text('last_action_type').notNull(),
    fieldName: text('field_name').notNull(),
    previousValue: text('previous_value').notNull().default(''),
    replacementValue: text('replacement_value').notNull().default(''),
    updatedBy: text('updated_by').notNull(),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  },
  (t) => [
    index('directory_metadata_resource_idx').on(t.resourceId, t.lastActionDate),
    index('directory_metadata_service_idx').on(t.serviceId, t.lastActionDate),
  ],
);

/** A VCS partner's proposed edit to a listing, waiting for moderation (field-by-field diff). */
export const directoryChangeRequests = pgTable(
  'directory_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    /** The service version the edit was made against (a later approval of an older base is a conflict). */
    baseVersion: integer('base_version').notNull(),
    /** The proposed values, in the shape of the listing edit form. */
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
  },
  (t) => [
    index('directory_change_requests_pending_idx').on(t.icbId, t.submittedAt).where(sql`${t.status} = 'pending'`),
    index('directory_change_requests_service_idx').on(t.serviceId),
  ],
);
