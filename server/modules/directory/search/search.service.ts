import type {
  DirectorySearchPage,
  DirectorySearchQuery,
  DirectorySearchResult,
  DirectorySort,
} from '../../../../common/directory.js';
import { describeOpening } from '../../../../common/directory-opening.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import { POSTCODE_MESSAGE } from '../../../../common/schemas/fields.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { validationError } from '../../../platform/errors.js';
import { lookupPostcode } from '../postcodes/postcodes.repository.js';
import { type GeoPoint, metresToMiles, milesToMetres } from './distance.js';
import { loadServiceDetails, type ScheduleRow } from './result-details.repository.js';
import {
  type DirectoryMatch,
  type DirectorySearch,
  findDirectoryMatches,
  interpretedText,
  interpretWords,
  type SearchAudience,
} from './search.repository.js';

export const DEFAULT_WITHIN_MILES = 5;
export const DEFAULT_PER_PAGE = 20;

export interface SearchOptions {
  /** Keep the search inside one ICB (staff search: the user's own). */
  icbId?: string;
}

/**
 * Directory search for the public pages and for staff (the one search, `findInDirectory`). Free
 * text is stemmed full-text search that tolerates misspelt words; a postcode filters by distance
 * (metres inside, miles on the page) but never drops online, phone or area-wide services. The public sees only open listings and never a confidential
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

  let origin: GeoPoint | null = null;
  let postcodeUnknown = false;
  if (query.postcode) {
    const postcode = normalisePostcode(query.postcode);
    if (!postcode) throw validationError([{ field: 'postcode', message: POSTCODE_MESSAGE }]);
    origin = await lookupPostcode(db, postcode);
    postcodeUnknown = origin === null;
  }

  const sort: DirectorySort = query.sort ?? (text ? 'relevance' : origin ? 'distance' : 'name');
  const { total, matches, correctedText } = await findInDirectory(db, {
    audience,
    listed: audience === 'staff' && query.include_closed === true ? 'any' : 'open',
    icbId: options.icbId,
    text,
    taxonomyTermId: query.category,
    age: query.age,
    day: query.day,
    near: origin ? { ...origin, radiusMetres: milesToMetres(query.within_miles ?? DEFAULT_WITHIN_MILES) } : undefined,
    rows: 'services',
    sort,
    limit: perPage,
    offset: (page - 1) * perPage,
  });

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

export type DirectoryQuery = Omit<DirectorySearch, 'words'> & { text?: string };

/**
 * The one directory search, for the search pages and the /oruk lists alike. Misspelt words are
 * matched as their nearest directory word too; `correctedText` says what was searched when only
 * those corrections found anything ("walkng grup" → "walking group").
 */
export async function findInDirectory(
  db: DbOrTx,
  { text, ...query }: DirectoryQuery,
): Promise<{ total: number; matches: DirectoryMatch[]; correctedText: string | null }> {
  const words = text ? await interpretWords(db, text) : undefined;
  const found = await findDirectoryMatches(db, { ...query, words });
  const corrected = words?.some((w) => w.nearest) && found.total > 0 && !found.matchedAsTyped;
  return { ...found, correctedText: words && corrected ? interpretedText(words) : null };
}

/** The page's details in one batched query, in the order of `matches`. */
async function describeResults(
  db: DbOrTx,
  matches: DirectoryMatch[],
  audience: SearchAudience,
  origin: GeoPoint | null,
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
        distance_miles: roundMiles(match.metres ?? s.place_metres),
        opening: describeOpening(s.schedules.map(asRule)),
        assured_date: s.assured_date,
        review_due: s.review_due,
        last_modified: s.last_modified,
        next_event: s.next_event,
      },
    ];
  });
}

/** A schedule without a frequency still has its description to say ("By appointment"). */
const asRule = (row: ScheduleRow) => ({ ...row, freq: row.freq ?? 'WEEKLY', byday: row.freq ? row.byday : null });

/** Miles to one decimal place, as the search pages show them. */
const roundMiles = (metres: number | null) => (metres === null ? null : Math.round(metresToMiles(metres) * 10) / 10);
