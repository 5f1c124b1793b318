import { type ClientContext, pct, runLoad, statusText } from './lib/autocannon-load.js';
import type { BenchCase } from './lib/bench-case.js';
import { buildHotCases, type HotCase } from './lib/hot-cases.js';
import { findActors } from './lib/hot-paths.js';
import { icbSource, machine, startIcbApp } from './lib/icb-app.js';

// Load held (issue 19, point 7): 300 requests/s of mixed staff traffic for 2 minutes against the
// production build on the synthetic ICB; p99 and the error rate. Targets: p99 < 1 s, errors < 0.1 %.
//
//   DATA_DIR=/tmp/bench-icb npm run bench -- load
//
// BENCH_LOAD_RATE (300) and BENCH_LOAD_SECONDS (120) change the load; 64 keep-alive connections,
// paced to the rate in total (autocannon's overallRate: a slow answer holds its connection, so an
// overloaded app shows as a rate below the target, reported).

/** The mix, by weight: a working day's staff traffic (most of it reading cases). */
const MIX: [string, number][] = [
  ['caseload (link worker)', 14],
  ['case record + timeline', 22],
  ['care plan read', 12],
  ['care plan save', 5],
  ['triage queue (lead)', 6],
  ['person matching', 5],
  ['referral intake (idempotent)', 5],
  ['directory search: text', 8],
  ['directory search: postcode + distance', 6],
  ['directory search: category', 4],
  ['partner inbox', 4],
  ['dashboards: lead own PCN, warm', 5],
  ['dashboards: commissioner ICB-wide, warm', 4],
];

const bench: BenchCase = {
  name: 'Load held: mixed staff traffic at a steady rate',
  async run({ log }) {
    const source = icbSource(process.env.BENCH_ICB_DATA_DIR);
    if (!source) return { tables: [], notes: ['No synthetic ICB: run `npm run generate:icb` first.'] };
    const rate = Number(process.env.BENCH_LOAD_RATE ?? 300);
    const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
    const startedMachine = machine();
    const app = await startIcbApp(source, log);
    try {
      const actors = await findActors(app.pool, { teams: 16, referrers: 14 });
      const all = await buildHotCases(app, actors, log);
      const mix = MIX.flatMap(([name, weight]) => {
        const c = all.find((x) => x.name === name);
        return c ? [{ c, weight }] : [];
      });
      const wheel: HotCase[] = mix.flatMap(({ c, weight }) => Array.from({ length: weight }, () => c));
      // A fixed interleaving (every 7th slot of the wheel), so the mix is even over time.
      const caseAt = (i: number) => wheel[(i * 7) % wheel.length] as HotCase;
      for (const { c } of mix) await c.beforeRun?.();
      const byCase = new Map<string, Record<number, number>>();
      log(`${rate} requests/s for ${seconds} s: ${mix.map(({ c, weight }) => `${c.name} ${weight}`).join(', ')}`);
      const result = await runLoad({
        baseUrl: app.baseUrl,
        connections: 64,
        duration: seconds,
        overallRate: rate,
        request: (i, context: ClientContext) => {
          const c = caseAt(i);
          context.case = c;
          return c.request(i, context);
        },
        onResponse: (status, body, context, headers) => {
          const c = context.case as HotCase;
          const counts = byCase.get(c.name) ?? {};
          counts[status] = (counts[status] ?? 0) + 1;
          byCase.set(c.name, counts);
          c.onResponse?.(status, body, context, headers);
        },
      });
      const bad =
        result.errors +
        Object.entries(result.statuses)
          .filter(([code]) => Number(code) < 200 || Number(code) >= 300)
          .reduce((n, [, k]) => n + k, 0);
      const notes = [
        `Machine at the start: ${startedMachine}.`,
        `Server: the production build, ${process.env.WEB_CONCURRENCY ?? '1'} app process(es) (WEB_CONCURRENCY).`,
        `Asked ${rate}/s for ${seconds} s over 64 connections; answered ${result.requests} in ${result.seconds.toFixed(0)} s ` +
          `= ${(result.requests / result.seconds).toFixed(0)}/s.`,
        `Latency ms: p50 ${pct(result.samples, 50).toFixed(0)}, p95 ${pct(result.samples, 95).toFixed(0)}, ` +
          `p99 ${pct(result.samples, 99).toFixed(0)}, max ${pct(result.samples, 100).toFixed(0)}.`,
        `Errors: ${bad} of ${result.requests + result.errors} = ${((100 * bad) / Math.max(1, result.requests + result.errors)).toFixed(2)} % ` +
          `(${statusText(result.statuses)}; ${result.errors} with no answer).`,
        ...[...byCase.entries()].map(([name, counts]) => `  ${name}: ${statusText(counts)}`),
      ];
      for (const { c } of mix) if (c.after) notes.push(...(await c.after()));
      notes.push('Targets (issue 19): p99 < 1 s, errors < 0.1 %.', `Machine at the end: ${machine()}.`);
      return { tables: [], notes };
    } finally {
      await app.stop();
    }
  },
};

export default bench;
