import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { icbs, practices } from '../organisations/organisations.tables.js';

// The people referred. One row per person: the same NHS number is always the same person
// (a unique constraint, never search-then-insert).
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    nhsNumber: text('nhs_number').unique(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    postcode: text('postcode'),
    phone: text('phone'),
    email: text('email'),
    preferredContact: text('preferred_contact').notNull(),
    language: text('language').notNull().default('English'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    accessibilityNeeds: text('accessibility_needs'),
    /** The GP practice the person is registered with, when known. */
    practiceId: uuid('practice_id').references(() => practices.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Likely-match lookups when there is no NHS number: name + date of birth (+ postcode).
    index('people_match_idx').on(sql`lower(${t.familyName})`, t.dateOfBirth),
    index('people_practice_idx').on(t.practiceId),
    check('people_nhs_number_shape', sql`${t.nhsNumber} IS NULL OR ${t.nhsNumber} ~ '^[0-9]{10}$'`),
    check('people_preferred_contact_known', sql`${t.preferredContact} IN ('phone', 'email', 'text', 'letter')`),
  ],
);
