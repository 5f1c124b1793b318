import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';

// Code tables kept as data, so the ICB's admins can extend them without a release.

/** Why someone is referred: the wider determinants of health (DESIGN.md §2). */
export const referralReasons = pgTable('referral_reasons', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull().default(true),
});

/** SNOMED CT concepts Waymark records (reference/nhs-data.md). */
export const snomedCodes = pgTable('snomed_codes', {
  code: text('code').primaryKey(),
  term: text('term').notNull(),
  /** 'verified' codes are used; 'unverified' ones must be confirmed before use. */
  status: text('status', { enum: ['verified', 'unverified'] }).notNull(),
  usage: text('usage').notNull(),
});
