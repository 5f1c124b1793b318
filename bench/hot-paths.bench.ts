import { execSync } from 'node:child_process';
import type { BenchCase } from './lib/bench-case.js';
import { buildHotCases, type HotRow, hotTable, measure } from './lib/hot-cases.js';
import { findActors } from './lib/hot-paths.js';
import { icbSource, machine, startIcbApp } from './lib/icb-app.js';

// Every hot path over HTTP (issue 18, points 1 and 2): the production build (`npm run build`,
// `node dist/server/main.js`) serving the synthetic ICB of `npm run generate:icb`, loaded with
// autocannon at one client and at 32, each path beside the same answer from raw SQL (one prepared
// statement, one round-trip, one client): p50/p95/p99, throughput, errors and app ÷ raw.
//
//   DATA_DIR=/tmp/bench-icb npm run bench -- hot-paths      (or DATABASE_URL=… for a managed one)
//
// BENCH_SECONDS (default 5) is how long each case runs at one client; at 32 clients it runs 1.6
// times as long. Writes are real (referrals, care plan versions): the dataset grows a little per run.

const bench: BenchCase = {
  name: 'Hot paths over HTTP on the synthetic ICB (production build, autocannon)',
  async run({ log }) {
    const source = icbSource(process.env.BENCH_ICB_DATA_DIR);
    if (!source) {
      return {
        tables: [],
        notes: ['No synthetic ICB: run `npm run generate:icb` (DATA_DIR=… or DATABASE_URL=…) first.'],
      };
    }
    const startedMachine = machine();
    const app = await startIcbApp(source, log);
    try {
      const actors = await findActors(app.pool, { teams: 16, referrers: 14 });
      log(
        `dataset: ${Object.entries(actors.sizes)
          .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
          .join(', ')}`,
      );
      const seconds = Number(process.env.BENCH_SECONDS ?? 5);
      const cases = await buildHotCases(app, actors, log);
      const rows: HotRow[] = [];
      const notes: string[] = [];
      for (const c of cases) {
        const only = process.env.BENCH_CASES;
        if (only && !only.split(',').some((name) => c.name.includes(name))) continue;
        rows.push(await measure(app.baseUrl, app.pool, c, seconds, log));
        if (c.after) notes.push(...(await c.after()));
      }
      const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
      return {
        tables: [],
        notes: [
          `Machine at the start: ${startedMachine}. Commit ${commit}. Node ${process.version}.`,
          `Dataset: ${Object.entries(actors.sizes)
            .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
            .join(', ')}.`,
          '',
          hotTable(rows),
          '',
          ...notes,
          `Latency in ms. "1" = one client, one request at a time, ${seconds} s; "32" = 32 concurrent clients ` +
            `(keep-alive connections), ${Math.round(seconds * 1.6)} s. err = answers that were not 2xx plus ` +
            'requests with no answer, over both runs. raw = the same answer from one prepared SQL statement ' +
            '(bench/lib/raw-sql.ts), one client; app÷raw compares the p50s at one client.',
          'Targets (issue 18): p95 < 50 ms at 32 clients for reads; app ÷ raw ≤ 1.5 at one client; intake ≥ 500/s ' +
            'with no errors and no duplicates; dashboards (issue 13) p95 < 300 ms cold, < 50 ms warm.',
          `Machine at the end: ${machine()}.`,
        ],
      };
    } finally {
      await app.stop();
    }
  },
};

export default bench;
