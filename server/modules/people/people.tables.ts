import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { icbs, pcns, practices } from '../organisations/organisations.tables.js';

// The people referred. A person record belongs to ONE ICB: the same NHS number in two ICBs is two
// records that never meet (a unique constraint on (icb, NHS number), never search-then-insert).
// Within an ICB there is one record per NHS number, shared by the teams that work with the person
// — who may see it is `person_links` below, not the record itself.
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    nhsNumber: text('nhs_number'),
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
    // Equality answers (common/equality.ts): null = not asked; 'not_stated' / 'Z' = prefer not to say.
    sex: text('sex'),
    genderIdentity: text('gender_identity'),
    genderIdentityDescription: text('gender_identity_description'),
    ethnicity: text('ethnicity'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('people_icb_nhs_number_unique').on(t.icbId, t.nhsNumber),
    // Likely-match lookups when there is no NHS number: name + date of birth (+ postcode).
    index('people_match_idx').on(sql`lower(${t.familyName})`, t.dateOfBirth),
    index('people_practice_idx').on(t.practiceId),
    check('people_nhs_number_shape', sql`${t.nhsNumber} IS NULL OR ${t.nhsNumber} ~ '^[0-9]{10}$'`),
    check('people_sex_known', sql`${t.sex} IS NULL OR ${t.sex} IN ('female', 'male', 'not_stated')`),
    check(
      'people_gender_identity_known',
      sql`${t.genderIdentity} IS NULL OR ${t.genderIdentity} IN ('woman', 'man', 'non_binary', 'self_described', 'not_stated')`,
    ),
    check(
      'people_gender_description',
      sql`${t.genderIdentityDescription} IS NULL OR (${t.genderIdentity} = 'self_described' AND char_length(${t.genderIdentityDescription}) BETWEEN 1 AND 100)`,
    ),
    check('people_ethnicity_code', sql`${t.ethnicity} IS NULL OR ${t.ethnicity} ~ '^[A-HJ-NPRSZ]$'`),
    index('people_updated_idx').on(t.updatedAt),
    check('people_preferred_contact_known', sql`${t.preferredContact} IN ('phone', 'email', 'text', 'letter')`),
  ],
);

/**
 * Which teams know a person: one row per (person, PCN, practice) that referred them or works with
 * them, written by intake in the same transaction as the referral. Matching and every other
 * person lookup is filtered through these rows, so a user is only ever offered people their own
 * practice or PCN already knows — never a person of another team, however they search.
 */
export const personLinks = pgTable(
  'person_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    pcnId: uuid('pcn_id').references(() => pcns.id),
    practiceId: uuid('practice_id').references(() => practices.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('person_links_unique').on(t.personId, t.pcnId, t.practiceId).nullsNotDistinct(),
    index('person_links_pcn_idx').on(t.pcnId, t.personId),
    index('person_links_practice_idx').on(t.practiceId, t.personId),
  ],
);
