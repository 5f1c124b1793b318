import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practices_pcn_idx').on(t.pcnId), check('practices_code_shape', sql`${t.code} ~ '^[A-Z][0-9]{5}$'`)],
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('vcs_organisations_icb_name_key').on(t.icbId, t.name)],
);
