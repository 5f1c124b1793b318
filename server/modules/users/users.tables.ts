import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../common/roles.js';
// Foreign keys only: other modules' tables are referenced for integrity, never queried here.
import { icbs, pcns, practices, vcsOrganisations } from '../organisations/organisations.tables.js';

const roleList = sql.raw(ROLES.map((r) => `'${r}'`).join(', '));

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case; unique. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    // Every user belongs to one ICB; the narrower link depends on the role.
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    pcnId: uuid('pcn_id').references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    vcsOrganisationId: uuid('vcs_organisation_id').references(() => vcsOrganisations.id),
    band: text('band'),
    fte: numeric('fte', { precision: 3, scale: 2 }),
    caseloadCapacity: integer('caseload_capacity'),
    /** Languages the person can work in besides English (allocation prefers a match). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The last TOTP time-step accepted: a code is good once, never replayed. */
    totpLastStep: integer('totp_last_step'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    /** Sessions started before this moment are void (set when the account is deactivated). */
    sessionsValidAfter: timestamp('sessions_valid_after', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_pcn_idx').on(t.pcnId),
    index('users_practice_idx').on(t.practiceId),
    check('users_role_known', sql`${t.role} IN (${roleList})`),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_fte_range', sql`${t.fte} IS NULL OR (${t.fte} > 0 AND ${t.fte} <= 1)`),
    check('users_capacity_range', sql`${t.caseloadCapacity} IS NULL OR ${t.caseloadCapacity} >= 0`),
    // The organisation a role needs must be present, so scope can never be ambiguous.
    check(
      'users_role_organisation',
      sql`CASE ${t.role}
        WHEN 'referrer' THEN ${t.practiceId} IS NOT NULL AND ${t.pcnId} IS NOT NULL
        WHEN 'vcs_partner' THEN ${t.vcsOrganisationId} IS NOT NULL
        WHEN 'commissioner' THEN true
        WHEN 'admin' THEN true
        ELSE ${t.pcnId} IS NOT NULL END`,
    ),
  ],
);
