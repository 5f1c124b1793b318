import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';
import { LruCache } from '../../../platform/lru-cache.js';
import { listSnomedCodes, reasonLabels } from '../../codes/codes.service.js';
import type { ResolvedFilters } from '../figures.js';
import { keptRead } from '../scope.js';
import { uuidArray } from './rollup-filters.js';

// What the sections label and divide by, beside the rollups: practices with their list sizes,
// PCN names, practice populations, reason labels and SNOMED CT terms. It changes seldom, yet read
// on every cold answer it was a third of a dashboard request's round trips (two to four of its
// six or seven; bench/analytics.bench.ts). So each read is kept for a few seconds, as the
// organisations of scope.ts are: a renamed practice or a new list size shows in the figures at
// most this late. A read is shared by requests that ask for it meanwhile; callers must not
// change what they get.

const KEPT_MS = 10_000;
// Keys are a filter's PCNs and practice: an ICB's 30 PCNs and 150 practices, a handful of each
// kind of read, stay well inside the bound.
const kept = new LruCache<{ at: number; rows: Promise<unknown> }>(1_000);

/** For tests that change organisations or codes and read figures at once (clearAnalyticsCache). */
export const forgetReference = () => kept.clear();

function keptFor<T>(key: string, read: () => Promise<T>): Promise<T> {
  return keptRead(kept as unknown as LruCache<{ at: number; rows: Promise<T> }>, key, KEPT_MS, read);
}

const placeKey = (f: ResolvedFilters) => `${f.pcnIds.join(',')}:${f.practiceId ?? ''}`;

export interface PracticeRef {
  id: string;
  name: string;
  listSize: number | null;
}

/** The practices of the filter's PCNs (or its one practice), by name. */
export function practicesOf(db: Db, f: ResolvedFilters): Promise<PracticeRef[]> {
  return keptFor(`practices:${placeKey(f)}`, async () => {
    const { rows } = await db.execute<PracticeRef & Record<string, unknown>>(sql`
      SELECT id, name, list_size AS "listSize" FROM practices
      WHERE pcn_id = ANY(${uuidArray(f.pcnIds)}) AND (${f.practiceId}::uuid IS NULL OR id = ${f.practiceId}::uuid)
      ORDER BY name`);
    return rows;
  });
}

/** The filter's PCNs with their names, by name. */
export function pcnsOf(db: Db, f: ResolvedFilters): Promise<{ id: string; name: string }[]> {
  return keptFor(`pcns:${f.pcnIds.join(',')}`, async () => {
    const { rows } = await db.execute<{ id: string; name: string }>(
      sql`SELECT id, name FROM pcns WHERE id = ANY(${uuidArray(f.pcnIds)}) ORDER BY name`,
    );
    return rows;
  });
}

export interface PopulationRow {
  practiceId: string;
  dimension: string;
  value: string;
  people: number;
}

/** The registered population by age band, sex and so on of the filter's practices (equality). */
export function populationOf(db: Db, f: ResolvedFilters): Promise<PopulationRow[]> {
  return keptFor(`population:${placeKey(f)}`, async () => {
    const { rows } = await db.execute<PopulationRow & Record<string, unknown>>(sql`
      SELECT pp.practice_id AS "practiceId", pp.dimension, pp.value, pp.people
      FROM practice_population pp JOIN practices p ON p.id = pp.practice_id
      WHERE p.pcn_id = ANY(${uuidArray(f.pcnIds)})
        AND ${f.practiceId ? sql`p.id = ${f.practiceId}::uuid` : sql`true`}`);
    return rows;
  });
}

/** Every referral reason's label by code, retired ones too (old referrals still give them). */
export const reasonLabelsOf = (db: Db) => keptFor('reason-labels', () => reasonLabels(db));

/** The SNOMED CT code table, by code. */
export const snomedCodesOf = (db: Db) => keptFor('snomed-codes', () => listSnomedCodes(db));
