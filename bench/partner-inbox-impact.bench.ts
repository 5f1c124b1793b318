import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../server/platform/db/client.js';
import type { BenchCase } from './lib/bench-case.js';
import { signInOverHttp, startBenchApp, statusSummary, timedGets } from './lib/http-load.js';
import { type LatencySummary, seededRandom, summarise } from './lib/stats.js';
import { BENCH_PASSWORD, insertSyntheticCaseWork } from './lib/synthetic-cases.js';
import { insertSyntheticDirectory } from './lib/synthetic-directory.js';
import { insertSyntheticOnward, insertSyntheticPartners } from './lib/synthetic-onward.js';

// The loop with the voluntary sector at ICB scale (issue 12): 5,000 services and 100,000 onward
// referrals over three years, from 40,000 cases of 12 PCN teams; five organisations have
// partner users, one of them large (120 services, a sixth of all referrals). Over HTTP, as the
// pages ask: the large organisation's inbox (new, active), one of its referrals, its own impact
// page, and a commissioner's impact page of it — first from one client, then from 32.

const SERVICES = 5000;
const POSTCODES = 2000;
const ONWARD = 100_000;
const CASES = 40_000;
const SEQUENTIAL = 40;
const WARM_UP = 5;
const CLIENTS = 32;
const CONCURRENT = 192;

const bench: BenchCase = {
  name: 'Partner inbox and impact',
  async run({ url, log }) {
    const rand = seededRandom(20_261_205);
    const database = connectDatabase(url, CLIENTS + 4);
    const app = await startBenchApp(database.db);
    try {
      let t0 = performance.now();
      const directory = await insertSyntheticDirectory(database.db, database.pool, rand, {
        services: SERVICES,
        postcodes: POSTCODES,
      });
      const work = await insertSyntheticCaseWork(database.pool, rand, directory.icbId, {
        pcns: 12,
        workersPerPcn: 5,
        cases: CASES,
        years: 3,
      });
      const partners = await insertSyntheticPartners(database.pool, directory.icbId, work.passwordHash, {
        count: 5,
        largeServices: 120,
      });
      const onward = await insertSyntheticOnward(database.pool, rand, directory.icbId, work.cases, {
        referrals: ONWARD,
        largeShare: 1 / 6,
        partnerShare: 0.15,
        largeVcsId: partners.large.vcsOrganisationId,
      });
      log(
        `synthetic data: ${directory.services} services, ${work.cases.length} cases, ${work.measures} outcome measures, ` +
          `${onward.referrals} onward referrals (${onward.largeTotal} to the large organisation), ` +
          `${onward.attendances} attendances, ${onward.events} events (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );

      const partner = await signInOverHttp(app, partners.large.partnerEmail, BENCH_PASSWORD);
      const commissioner = await signInOverHttp(app, partners.commissionerEmail, BENCH_PASSWORD);
      const ids = onward.largeOpenIds;
      const endpoints: { label: string; cookie: string; urlAt: (i: number) => string }[] = [
        { label: 'inbox ?tab=new', cookie: partner, urlAt: () => '/api/partner/referrals?tab=new' },
        { label: 'inbox ?tab=active', cookie: partner, urlAt: () => '/api/partner/referrals?tab=active' },
        {
          label: 'one referral',
          cookie: partner,
          urlAt: (i) => `/api/partner/referrals/${ids[(i * 7919) % ids.length]}`,
        },
        { label: 'partner impact', cookie: partner, urlAt: () => '/api/partner/impact' },
        {
          label: 'organisation impact',
          cookie: commissioner,
          urlAt: () => `/api/directory/organisations/${partners.large.organizationId}/impact`,
        },
      ];

      const one: LatencySummary[] = [];
      const many: LatencySummary[] = [];
      const notes: string[] = [];
      for (const e of endpoints) {
        await timedGets(app, e.cookie, e.urlAt, WARM_UP, 1);
        t0 = performance.now();
        const sequential = await timedGets(app, e.cookie, (i) => e.urlAt(i + WARM_UP), SEQUENTIAL, 1);
        const concurrent = await timedGets(app, e.cookie, (i) => e.urlAt(i + 1000), CONCURRENT, CLIENTS);
        one.push(summarise(e.label, sequential.samples));
        many.push(summarise(e.label, concurrent.samples));
        notes.push(
          `${e.label}: HTTP ${statusSummary(sequential, concurrent)}; ${(CONCURRENT / concurrent.seconds).toFixed(0)} requests/s at ${CLIENTS} clients`,
        );
      }
      return {
        tables: [
          { heading: `One client, ${SEQUENTIAL} requests each (after ${WARM_UP} warm-up)`, rows: one },
          { heading: `${CLIENTS} concurrent clients, ${CONCURRENT} requests each`, rows: many },
        ],
        notes: [...notes, 'Only 2xx answers measure the routes: a 404 means the route is not on this branch yet.'],
      };
    } finally {
      await app.close();
      await database.close();
    }
  },
};

export default bench;
