import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ANALYTICS_SECTIONS } from '../common/analytics.js';
import { loadConfig } from '../server/config.js';
import { rebuildAll } from '../server/modules/analytics/refresh/rebuild.js';
import { connectDatabase } from '../server/platform/db/client.js';
import { waymarkDatabase } from '../server/scripts/waymark-database.js';
import type { BenchCase } from './lib/bench-case.js';
import { signInOverHttp, startBenchApp, statusSummary, timedGets } from './lib/http-load.js';
import { type LatencySummary, summarise } from './lib/stats.js';

// The dashboards on the synthetic ICB of `npm run generate:icb` (issue 13, point 5): every
// section over HTTP for a commissioner (ICB-wide and one PCN) and a team lead, at one client and
// at 32, cold and warm. Cold: every request asks for filters not asked before (another PCN,
// period or role), so the app's answer cache cannot help and the rollups are read. Warm: the same
// filters again, as a dashboard reloaded or shared. Targets: p95 < 300 ms cold, < 50 ms warm.
// Cold is about the answers, not the process: an untimed warm-up first (see WARM_UP).
//
// Unlike the other benches it does not fill its own database: it reads the generated one
// (DATABASE_URL when set, else the embedded PostgreSQL under ./data-icb).

const SECTIONS = [...ANALYTICS_SECTIONS, 'national'] as const;
const SEQUENTIAL = 20;
const CLIENTS = 32;
const CONCURRENT = 128;

interface Viewer {
  label: string;
  cookie: string;
  /** Distinct filter strings this viewer may ask for: a fresh one per cold request. */
  filters: string[];
}

/** Months YYYY-MM counted back from last month. */
function recentMonths(count: number): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Every combination of period and role (and PCN when given): hundreds of distinct queries. */
export function filterCombinations(pcnIds: (string | null)[]): string[] {
  const months = recentMonths(24);
  const roles = [null, 'link_worker', 'health_coach', 'care_coordinator'];
  const out: string[] = [];
  for (let span = 3; span <= 12; span += 3) {
    for (let end = 0; end + span <= months.length; end++) {
      for (const role of roles) {
        for (const pcnId of pcnIds) {
          const q = new URLSearchParams({ from: months[end + span - 1] as string, to: months[end] as string });
          if (role) q.set('role', role);
          if (pcnId) q.set('pcnId', pcnId);
          out.push(q.toString());
        }
      }
    }
  }
  // A fixed shuffle, so that consecutive requests differ in every filter.
  return out
    .map((f, i) => [f, (i * 7919) % out.length] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([f]) => f);
}

const bench: BenchCase = {
  name: 'Dashboards on the synthetic ICB',
  async run({ log }) {
    const config = loadConfig(undefined, { DATA_DIR: 'data-icb' });
    if (!config.DATABASE_URL && !existsSync(config.DATA_DIR)) {
      return { tables: [], notes: [`No synthetic ICB under ${config.DATA_DIR}: run \`npm run generate:icb\` first.`] };
    }
    const source = await waymarkDatabase(config);
    const database = connectDatabase(source.url, CLIENTS + 4);
    const app = await startBenchApp(database.db);
    try {
      const { rows: sizes } = await database.pool.query<{ referrals: string; contacts: string; people: string }>(
        `SELECT (SELECT count(*) FROM referrals) AS referrals, (SELECT count(*) FROM case_contacts) AS contacts,
                (SELECT count(*) FROM people) AS people`,
      );
      const { rows: users } = await database.pool.query<{ email: string; role: string; pcn_id: string | null }>(
        `SELECT DISTINCT ON (role) email, role, pcn_id FROM users
          WHERE role IN ('commissioner', 'team_lead') AND active ORDER BY role, email`,
      );
      const { rows: pcns } = await database.pool.query<{ id: string }>('SELECT id FROM pcns ORDER BY code');
      const commissioner = users.find((u) => u.role === 'commissioner');
      const lead = users.find((u) => u.role === 'team_lead');
      if (!commissioner || !lead) throw new Error('the generated ICB has no commissioner or team lead');
      log(`dataset: ${sizes[0]?.people} people, ${sizes[0]?.referrals} referrals, ${sizes[0]?.contacts} contacts`);
      // The rollups as the refresh job keeps them: rebuilt in full here only when some PCN never was
      // (a dataset generated before the rollups existed), and the time it took reported.
      const notes: string[] = [];
      const { rows: unbuilt } = await database.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pcns WHERE id NOT IN (SELECT pcn_id FROM analytics_refreshes)',
      );
      if (Number(unbuilt[0]?.n) > 0) {
        const started = performance.now();
        const reports = await rebuildAll(database.db);
        const slowest = Math.max(...reports.map((r) => r.ms));
        notes.push(
          `rollups rebuilt for ${reports.length} PCNs in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
            `(slowest PCN ${slowest} ms): what the refresh job does for a changed PCN`,
        );
      }

      const commissionerCookie = await signInOverHttp(app, commissioner.email, config.DEMO_PASSWORD);
      const viewers: Viewer[] = [
        { label: 'commissioner, ICB-wide', cookie: commissionerCookie, filters: filterCombinations([null]) },
        {
          label: 'commissioner, one PCN',
          cookie: commissionerCookie,
          filters: filterCombinations(pcns.map((p) => p.id)),
        },
        {
          label: 'team lead, own PCN',
          cookie: await signInOverHttp(app, lead.email, config.DEMO_PASSWORD),
          filters: filterCombinations([null]),
        },
      ];

      const tables: { heading: string; rows: LatencySummary[] }[] = [];
      // The floor under every figure below, on the same machine and harness: a route that does
      // nothing (no session, no database). No answer can be faster.
      const floor: LatencySummary[] = [];
      for (const [label, url, cookie] of [['GET /healthz (no session)', '/healthz', '']] as const) {
        await timedGets(app, cookie, () => url, SEQUENTIAL, 1);
        const one = await timedGets(app, cookie, () => url, SEQUENTIAL, 1);
        const many = await timedGets(app, cookie, () => url, CONCURRENT * 4, CLIENTS);
        floor.push(
          summarise(`${label}, 1 client`, one.samples),
          summarise(`${label}, ${CLIENTS} clients`, many.samples),
        );
        notes.push(`${label}: ${((CONCURRENT * 4) / many.seconds).toFixed(0)} requests/s at ${CLIENTS} clients`);
      }
      tables.push({ heading: 'floor: the harness alone', rows: floor });
      // A running server has compiled its code and PostgreSQL has the rollups' indexes in memory:
      // before the clock starts, each viewer asks each section a few times, with filters from the
      // end of its list, which the timed requests below never reach.
      const WARM_UP = 8;
      for (const viewer of viewers) {
        for (const section of SECTIONS) {
          const at = (i: number) => viewer.filters[viewer.filters.length - 1 - (i % WARM_UP)];
          await timedGets(app, viewer.cookie, (i) => `/api/analytics/${section}?${at(i)}`, WARM_UP, 4);
        }
      }
      for (const viewer of viewers) {
        const rows: LatencySummary[] = [];
        for (const section of SECTIONS) {
          // Each viewer and section starts its cold requests at a different place in the list,
          // and never reuses one: a cold request is a cache miss by construction.
          let next = 0;
          const cold = (i: number) => `/api/analytics/${section}?${viewer.filters[(next + i) % viewer.filters.length]}`;
          const coldOne = await timedGets(app, viewer.cookie, cold, SEQUENTIAL, 1);
          next += SEQUENTIAL;
          const coldMany = await timedGets(app, viewer.cookie, cold, CONCURRENT, CLIENTS);
          next += CONCURRENT;
          const same = `/api/analytics/${section}?${viewer.filters[0]}`;
          await timedGets(app, viewer.cookie, () => same, 1, 1);
          const warmOne = await timedGets(app, viewer.cookie, () => same, SEQUENTIAL, 1);
          const warmMany = await timedGets(app, viewer.cookie, () => same, CONCURRENT, CLIENTS);
          rows.push(
            summarise(`${section} cold, 1 client`, coldOne.samples),
            summarise(`${section} cold, ${CLIENTS} clients`, coldMany.samples),
            summarise(`${section} warm, 1 client`, warmOne.samples),
            summarise(`${section} warm, ${CLIENTS} clients`, warmMany.samples),
          );
          const statuses = statusSummary(coldOne, coldMany, warmOne, warmMany);
          if (statuses !== `200 ×${2 * (SEQUENTIAL + CONCURRENT)}`)
            notes.push(`${viewer.label}, ${section}: HTTP ${statuses}`);
        }
        tables.push({ heading: viewer.label, rows });
        if (viewer.filters.length < SEQUENTIAL + CONCURRENT + WARM_UP) {
          notes.push(`${viewer.label}: only ${viewer.filters.length} distinct filters, some cold requests repeat`);
        }
      }
      notes.push(
        `Cold = filters never asked before (rollups read); warm = the same filters again (answer cache). ` +
          `${SEQUENTIAL} sequential requests at one client, ${CONCURRENT} at ${CLIENTS} concurrent clients. ` +
          'Targets (issue 13): p95 < 300 ms cold and < 50 ms warm at 32 clients.',
      );
      return { tables, notes };
    } finally {
      await app.close();
      await database.close();
      await source.stop();
    }
  },
};

export default bench;
