import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

// What search needs besides the listings: postcode centroids (ONSPD) for distance, and the
// spelling dictionary of words the directory uses.

/** Postcode centroids from an ONS Postcode Directory-format CSV (`npm run import:postcodes`). */
export const postcodes = pgTable(
  'postcodes',
  {
    /** Normalised with one space before the inward code ("LS1 4AP"). */
    postcode: text('postcode').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postcode] })],
);

/**
 * Every word of the directory's names and search text (PostgreSQL's "words table" pattern for
 * spelling suggestions): a misspelt query word is replaced by its most similar word here before
 * full-text search, so "walkng grup" searches for "walking group". Words are only ever added.
 */
export const directorySearchWords = pgTable('directory_search_words', { word: text('word').primaryKey() }, (t) => [
  index('directory_search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);
