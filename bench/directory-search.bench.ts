import { performance } from 'node:perf_hooks';
import {
  type CategoryCode,
  type DirectorySearchQuery,
  SOCIAL_PRESCRIBING_CATEGORIES,
  WEEKDAYS,
} from '../common/directory.js';
import { categoryTermId } from '../server/modules/directory/listings/listings.service.js';
import { searchServices } from '../server/modules/directory/search/search.service.js';
import { connectDatabase } from '../server/platform/db/client.js';
import type { BenchCase } from './lib/bench-case.js';
import { type LatencySummary, seededRandom, summarise } from './lib/stats.js';
import { insertSyntheticDirectory, type SyntheticPostcode } from './lib/synthetic-directory.js';

// Directory search (DESIGN.md: p95 under 50 ms with 5,000 services and 32 concurrent clients).
// 5,000 synthetic services and 2,000 postcodes; ~300 mixed public searches through
// searchServices, first one at a time (latency per query type), then from 32 concurrent clients.

const SERVICES = 5000;
const POSTCODES = 2000;
const PER_TYPE = 50;
const WARM_UP = 30;
const CONCURRENT_CLIENTS = 32;

const WELL_SPELT = [
  'walking group',
  'debt advice',
  'befriending',
  'food bank',
  'mindfulness',
  'carers',
  'choir',
  'allotment',
  'benefits',
  'bereavement support',
  'digital',
  'yoga',
  'diabetes',
  'tai chi',
  'lunch club',
  'job club',
  'housing',
  'dementia',
  'football',
  'swimming',
];
const MISSPELT = [
  'walkng grup',
  'befriendng',
  'det advise',
  'fod bank',
  'mindfullness',
  'carers suport',
  'choire',
  'alotment',
  'benifits advice',
  'bereavment',
  'digtal drop in',
  'yogo',
  'diabetis',
  'tai chee',
  'lunch clubb',
  'job clubb',
  'housng advice',
  'dementa cafe',
  'walking footbal',
  'swiming',
];

export type QueryType = 'text' | 'misspelt text' | 'category' | 'day' | 'postcode + distance' | 'combined';

export function buildQueries(
  rand: () => number,
  postcodes: SyntheticPostcode[],
): { type: QueryType; query: DirectorySearchQuery }[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const category = () => categoryTermId(pick(SOCIAL_PRESCRIBING_CATEGORIES).code as CategoryCode);
  const postcode = () => pick(postcodes).postcode;
  const makers: Record<QueryType, () => DirectorySearchQuery> = {
    text: () => ({ text: pick(WELL_SPELT) }),
    'misspelt text': () => ({ text: pick(MISSPELT) }),
    category: () => ({ category: category() }),
    day: () => ({ day: pick(WEEKDAYS) }),
    'postcode + distance': () => ({ postcode: postcode(), within_miles: pick([1, 3, 5, 10]) }),
    combined: () =>
      pick<() => DirectorySearchQuery>([
        () => ({ text: pick(WELL_SPELT), postcode: postcode(), within_miles: 10 }),
        () => ({ text: pick(MISSPELT), day: pick(WEEKDAYS) }),
        () => ({ category: category(), age: pick([16, 40, 70]), postcode: postcode(), sort: 'distance' }),
        () => ({ category: category(), day: pick(WEEKDAYS), postcode: postcode(), within_miles: 5 }),
      ])(),
  };
  const queries = (Object.keys(makers) as QueryType[]).flatMap((type) =>
    Array.from({ length: PER_TYPE }, () => ({ type, query: makers[type]() })),
  );
  // Interleave the types, as real traffic would.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [queries[i], queries[j]] = [queries[j] as (typeof queries)[number], queries[i] as (typeof queries)[number]];
  }
  return queries;
}

const bench: BenchCase = {
  name: 'Directory search',
  async run({ url, log }) {
    const rand = seededRandom(20_260_305);
    const database = connectDatabase(url, CONCURRENT_CLIENTS);
    try {
      const started = performance.now();
      const data = await insertSyntheticDirectory(database.db, database.pool, rand, {
        services: SERVICES,
        postcodes: POSTCODES,
      });
      log(
        `synthetic directory: ${data.services} services, ${data.locations} locations, ${data.schedules} schedules, ` +
          `${data.postcodes.length} postcodes (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );

      const queries = buildQueries(rand, data.postcodes);
      for (const { query } of queries.slice(0, WARM_UP)) await searchServices(database.db, query, 'public');

      // One client: latency per query type.
      const byType = new Map<string, number[]>();
      const all: number[] = [];
      let misspeltFound = 0;
      let misspeltTotal = 0;
      for (const { type, query } of queries) {
        const t0 = performance.now();
        const page = await searchServices(database.db, query, 'public');
        const ms = performance.now() - t0;
        all.push(ms);
        byType.set(type, [...(byType.get(type) ?? []), ms]);
        if (type === 'misspelt text') {
          misspeltTotal++;
          if (page.total > 0) misspeltFound++;
        }
      }
      const sequential: LatencySummary[] = [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, samples]) => summarise(type, samples));
      sequential.push(summarise('all', all));

      // 32 concurrent clients sharing one pool, each taking the next query.
      const concurrent: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async () => {
          for (let i = next++; i < queries.length; i = next++) {
            const q = queries[i] as (typeof queries)[number];
            const s = performance.now();
            await searchServices(database.db, q.query, 'public');
            concurrent.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;

      return {
        tables: [
          { heading: `One client, ${queries.length} searches (after ${WARM_UP} warm-up)`, rows: sequential },
          {
            heading: `${CONCURRENT_CLIENTS} concurrent clients, ${queries.length} searches`,
            rows: [summarise('all', concurrent)],
          },
        ],
        notes: [
          `Throughput with ${CONCURRENT_CLIENTS} clients: ${(queries.length / seconds).toFixed(0)} searches/s.`,
          `Misspelt queries that found at least one service: ${misspeltFound} of ${misspeltTotal}.`,
          'Target (DESIGN.md): p95 under 50 ms.',
        ],
      };
    } finally {
      await database.close();
    }
  },
};

export default bench;
