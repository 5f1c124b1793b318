import { sql } from 'drizzle-orm';
import type {
  DirectorySearchPage,
  DirectorySearchQuery,
  DirectorySearchResult,
  DirectorySort,
} from '../../../../common/directory.js';
import { describeOpening } from '../../../../common/directory-opening.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { validationError } from '../../../platform/errors.js';
import { lookupPostcode } from '../postcodes/postcodes.repository.js';
import {
  correctSpelling,
  findMatchingServices,
  loadServiceDetails,
  type ScheduleRow,
  type SearchAudience,
  type SearchFilters,
} from './search.repository.js';

export const DEFAULT_WITHIN_MILES = 5;
export const DEFAULT_PER_PAGE = 20;

export interface SearchOptions {
  /** Keep the search inside one ICB (staff search: the user's own). */
  icbId?: string;
}

/**
 * Directory search for the public pages and for staff. Free text is typo-tolerant (full-text
 * search plus trigram similarity); a postcode filters by distance but never drops online,
 * phone or area-wide services. The public sees only open listings and never a confidential
 * location; staff may include closed listings and see confidential places.
 */
export async function searchServices(
  db: DbOrTx,
  query: DirectorySearchQuery,
  audience: SearchAudience,
  options: SearchOptions = {},
): Promise<DirectorySearchPage> {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? DEFAULT_PER_PAGE;
  const text = query.text?.trim() || undefined;

  let origin: { latitude: number; longitude: number } | null = null;
  let postcodeUnknown = false;
  if (query.postcode) {
    const postcode = normalisePostcode(query.postcode);
    if (!postcode) throw validationError([{ field: 'postcode', message: 'must be a UK postcode, like LS1 4AP' }]);
    origin = await lookupPostcode(db, postcode);
    postcodeUnknown = origin === null;
  }

  const sort: DirectorySort = query.sort ?? (text ? 'relevance' : origin ? 'distance' : 'name');
  const filters: SearchFilters = {
    audience,
    icbId: options.icbId,
    text,
    textMode: 'exact',
    category: query.category,
    age: query.age,
    day: query.day,
    near: origin ? { ...origin, miles: query.within_miles ?? DEFAULT_WITHIN_MILES } : undefined,
    includeClosed: audience === 'staff' && query.include_closed === true,
    sort,
    limit: perPage,
    offset: (page - 1) * perPage,
  };
  let { total, matches } = await findMatchingServices(db, filters);
  let correctedText: string | null = null;
  if (text && total === 0) {
    // Typos: first correct each word against the directory's own words ("walkng" → "walking")
    // and search properly ranked; failing that, match names by trigram similarity.
    const corrected = await correctSpelling(db, text);
    if (corrected) {
      ({ total, matches } = await findMatchingServices(db, { ...filters, text: corrected }));
      if (total > 0) correctedText = corrected;
    }
    if (total === 0) ({ total, matches } = await findFuzzyMatches(db, filters));
  }

  const results = await describeResults(db, matches, audience, origin);
  return {
    total,
    page,
    per_page: perPage,
    ...(postcodeUnknown ? { postcode_unknown: true } : {}),
    ...(correctedText ? { corrected_text: correctedText } : {}),
    results,
  };
}

/** Minimum word similarity of a fuzzy match: "walkng grup" ~ "Walking Group" scores 0.47. */
const FUZZY_THRESHOLD = 0.45;

/**
 * Nothing matched the words as typed: try again by trigram similarity. The planner costs trigram
 * operators as cheap and would scan every row computing them, so for this one query it is told
 * to prefer the trigram index; both settings end with the transaction.
 */
function findFuzzyMatches(db: DbOrTx, filters: SearchFilters) {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true),
                 set_config('enable_seqscan', 'off', true)`,
    );
    return findMatchingServices(tx, { ...filters, textMode: 'fuzzy' });
  });
}

/** The page's details in one batched query, in the order of `matches`. */
async function describeResults(
  db: DbOrTx,
  matches: { id: string; miles: number | null }[],
  audience: SearchAudience,
  origin: { latitude: number; longitude: number } | null,
): Promise<DirectorySearchResult[]> {
  if (matches.length === 0) return [];
  const rows = await loadServiceDetails(
    db,
    matches.map((m) => m.id),
    audience,
    origin,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((match): DirectorySearchResult[] => {
    const s = byId.get(match.id);
    if (!s) return []; // deleted between the two queries
    return [
      {
        id: s.id,
        name: s.name,
        organization_name: s.organization_name,
        description: s.description,
        status: s.status,
        referral_capacity: s.referral_capacity,
        categories: s.categories,
        where:
          s.place_name !== null || s.place_postal_code !== null
            ? { name: s.place_name, city: s.place_city, postal_code: s.place_postal_code }
            : null,
        area_wide: s.area_wide,
        confidential_location: s.confidential_location,
        distance_miles: roundMiles(match.miles ?? s.place_miles),
        opening: describeOpening(s.schedules.map(asRule)),
        assured_date: s.assured_date,
        review_due: s.review_due,
        last_modified: s.last_modified,
      },
    ];
  });
}

/** A schedule without a frequency still has its description to say ("By appointment"). */
const asRule = (row: ScheduleRow) => ({ ...row, freq: row.freq ?? 'WEEKLY', byday: row.freq ? row.byday : null });

const roundMiles = (miles: number | null) => (miles === null ? null : Math.round(miles * 10) / 10);
