import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config.js';
import { publish } from '../server/modules/analytics/disclosure/publish.js';
import { analyticsScopeOf, resolveFilters, scopeSnapshot } from '../server/modules/analytics/scope.js';
import { SECTION_BUILDERS } from '../server/modules/analytics/sections/index.js';
import type { Principal } from '../server/platform/context.js';
import { connectDatabase } from '../server/platform/db/client.js';
import { waymarkDatabase } from '../server/scripts/waymark-database.js';
import { filterCombinations } from './analytics.bench.js';

// `npx tsx bench/section-costs.ts` (DATA_DIR / DATABASE_URL of the synthetic ICB; N filters, 40 by
// default): what each dashboard section costs cold, built one at a time on one connection over the
// commissioner's filters of the dashboards bench, and its three dearest queries. Where the cold
// dashboards' time goes when 32 clients are not sharing the machine (bench/RESULTS.md).

type Query = { text: string; ms: number };

async function main() {
  const config = loadConfig(undefined, { DATA_DIR: 'data-icb' });
  const database = await waymarkDatabase(config);
  const { db, pool, close } = connectDatabase(database.url, 4);
  const queries: Query[] = [];
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  // Every query the builders send, timed.
  (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args) => {
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      const q = args[0] as string | { text: string };
      const text = (typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').trim().slice(0, 90);
      queries.push({ text, ms: performance.now() - started });
    }
  };
  try {
    const { rows } = await pool.query<{ icb: string; id: string; name: string }>(
      `SELECT icb_id AS icb, id, name FROM users WHERE role = 'commissioner' ORDER BY created_at LIMIT 1`,
    );
    const commissioner = rows[0];
    if (!commissioner) throw new Error('No commissioner: run `npm run generate:icb` first.');
    const actor: Principal = {
      userId: commissioner.id,
      name: commissioner.name,
      role: 'commissioner',
      permissions: [],
      scope: { kind: 'icb', icbId: commissioner.icb },
    };
    const scope = analyticsScopeOf(actor);
    const snapshot = await scopeSnapshot(db, scope);
    const combos = filterCombinations([null]).slice(0, Number(process.env.N ?? 40));
    const costs = new Map<string, { ms: number[]; byQuery: Map<string, number> }>();
    for (const [round, q] of combos.entries()) {
      const { filters } = resolveFilters(snapshot.pcns, scope, Object.fromEntries(new URLSearchParams(q)), new Date());
      for (const [name, build] of Object.entries(SECTION_BUILDERS)) {
        queries.length = 0;
        const started = performance.now();
        for (const table of await build(db, filters)) publish(table, { suppress: true });
        const ms = performance.now() - started;
        if (round < 3) continue; // the first rounds warm the plans and the reference data
        const cost = costs.get(name) ?? { ms: [] as number[], byQuery: new Map<string, number>() };
        cost.ms.push(ms);
        for (const x of queries) cost.byQuery.set(x.text, (cost.byQuery.get(x.text) ?? 0) + x.ms);
        costs.set(name, cost);
      }
    }
    let total = 0;
    console.log(`Each section built cold over ${combos.length - 3} filters (ms):`);
    for (const [name, cost] of costs) {
      const sorted = [...cost.ms].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
      total += mean;
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
      console.log(`${name.padEnd(10)} mean ${mean.toFixed(1)}  p95 ${p95.toFixed(1)}`);
      for (const [text, ms] of [...cost.byQuery].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
        console.log(`    ${(ms / sorted.length).toFixed(1).padStart(5)}  ${text}`);
      }
    }
    console.log(`All sections: ${total.toFixed(1)} ms`);
  } finally {
    await close();
    await database.stop();
  }
}

await main();
