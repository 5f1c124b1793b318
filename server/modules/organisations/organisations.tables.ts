import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ORGANISATION_TYPES } from '../../../common/admin-lists.js';

// Tenancy: ICB → PCNs → GP practices, identified by ODS codes. VCS organisations belong to
// an ICB's network and may serve several PCNs.

export const icbs = pgTable(
  'icbs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('icbs_code_shape', sql`${t.code} ~ '^[A-Z0-9]{3}$'`)],
);

export const pcns = pgTable(
  'pcns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** How residents reach the team (issue 14: shown with a self-referral's status). */
    publicPhone: text('public_phone'),
    publicEmail: text('public_email'),
    /** Retired organisations stay for their history; they leave pickers and take nothing new. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pcns_icb_idx').on(t.icbId), check('pcns_code_shape', sql`${t.code} ~ '^U[0-9]{5}$'`)],
);

export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** The practice's shared mailbox: where referral decisions are emailed. */
    email: text('email'),
    /**
     * Where the practice is (normalised, "NE1 4XX"): residents find their practice by postcode,
     * and one who does not know it is sent to the PCN of the nearest practice (issue 14).
     */
    postcode: text('postcode'),
    /** Registered patients (NHS Digital's monthly list size): the denominator of rates per 1,000. */
    listSize: integer('list_size'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('practices_pcn_idx').on(t.pcnId),
    check('practices_code_shape', sql`${t.code} ~ '^[A-Z][0-9]{5}$'`),
    check('practices_list_size_range', sql`${t.listSize} IS NULL OR ${t.listSize} BETWEEN 0 AND 200000`),
  ],
);

export const vcsOrganisations = pgTable(
  'vcs_organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    name: text('name').notNull(),
    charityNumber: text('charity_number').unique(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('vcs_organisations_icb_name_key').on(t.icbId, t.name)],
);

export const ORGANISATION_CHANGES = ['created', 'edited', 'retired', 'reinstated'] as const;

/**
 * What happened to each PCN, practice and VCS organisation, by whom, and what changed from what:
 * kept for good (organisations are retired, never deleted). `changes` maps a field to its
 * before and after; the reason is kept for retiring and reinstating.
 */
export const organisationHistory = pgTable(
  'organisation_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    organisationType: text('organisation_type', { enum: ORGANISATION_TYPES }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
    change: text('change', { enum: ORGANISATION_CHANGES }).notNull(),
    changes: jsonb('changes').$type<Record<string, { from: string | null; to: string | null }>>().notNull().default({}),
    reason: text('reason'),
    /** Null for rows written by set-up (demo data, the history of organisations older than this table). */
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_history_org_idx').on(t.organisationId, t.at)],
);
