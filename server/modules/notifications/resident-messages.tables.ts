import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  RESIDENT_MESSAGE_CHANNELS,
  RESIDENT_MESSAGE_KINDS,
  RESIDENT_MESSAGE_STATUSES,
} from '../../../common/resident-messages.js';
import { icbs } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referrals } from '../referrals/referrals.tables.js';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Texts and emails to residents, sent through GOV.UK Notify: a transactional outbox like
 * `outbox` (written in the transaction of the change that causes the message, delivered by a
 * pg-boss job afterwards), whose rows then stay as the record of what was sent and what became
 * of it (Notify's delivery receipts update `status`).
 */
export const residentMessages = pgTable(
  'resident_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    personId: uuid('person_id').references(() => people.id),
    kind: text('kind', { enum: RESIDENT_MESSAGE_KINDS }).notNull(),
    channel: text('channel', { enum: RESIDENT_MESSAGE_CHANNELS }).notNull(),
    /** A phone number (sms) or an email address (email), as the person gave it. */
    recipient: text('recipient').notNull(),
    /** The template's placeholders; Notify composes the message, so no body is stored here. */
    personalisation: jsonb('personalisation').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: RESIDENT_MESSAGE_STATUSES }).notNull().default('queued'),
    /** Notify's notification id, known once Notify accepted the message; receipts name it. */
    notifyId: uuid('notify_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Not tried again before this time: retries back off while Notify refuses or is down. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set by callers that must queue a message at most once (the day-before reminder: one per
     * planned contact); a second insert with the same key does nothing.
     */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When `status` last changed (Notify's completed_at for a receipt that has one). */
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [
    // The delivery job's query: queued messages whose next attempt is due, oldest first.
    index('resident_messages_due_idx').on(t.nextAttemptAt, t.createdAt).where(sql`${t.status} = 'queued'`),
    // Receipts find their message by Notify's id.
    uniqueIndex('resident_messages_notify_id_uq').on(t.notifyId),
    uniqueIndex('resident_messages_dedupe_uq').on(t.dedupeKey),
    // The case timeline: a referral's messages.
    index('resident_messages_referral_idx').on(t.referralId, t.createdAt),
    check('resident_messages_kind_known', sql`${t.kind} IN (${inList(RESIDENT_MESSAGE_KINDS)})`),
    check('resident_messages_channel_known', sql`${t.channel} IN (${inList(RESIDENT_MESSAGE_CHANNELS)})`),
    check('resident_messages_status_known', sql`${t.status} IN (${inList(RESIDENT_MESSAGE_STATUSES)})`),
  ],
);
