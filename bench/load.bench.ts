import { type ClientContext, type LoadResult, pct, runLoad, statusText } from './lib/autocannon-load.js';
import type { BenchCase } from './lib/bench-case.js';
import { buildHotCases, type HotCase } from './lib/hot-cases.js';
import { findActors } from './lib/hot-paths.js';
import { icbSource, machine, startIcbApp } from './lib/icb-app.js';
import { type PacedResult, runPaced } from './lib/paced-load.js';

// Load held (issue 19, point 7): 300 requests/s of mixed staff traffic for 2 minutes against the
// production build on the synthetic ICB; p99 and the error rate. Targets: p99 < 1 s, errors < 0.1 %.
//
//   DATA_DIR=/tmp/bench-icb npm run bench -- load
//
// BENCH_LOAD_RATE (300), BENCH_LOAD_SECONDS (120) and BENCH_LOAD_WARMUP_SECONDS (30, the rate
// rising from nothing, reported apart) change the load. The requests arrive at a constant rate
// (open loop, lib/paced-load.ts) over at most 64 keep-alive connections, each request's latency
// counted from the instant it was due: an app that cannot keep up shows as a growing latency (and
// p99), and as a rate answered below the rate asked.
// BENCH_LOAD_RATE=0 measures the most it answers instead: 64 connections, each sending its next
// request as soon as it has its answer (autocannon, closed loop). BENCH_LOAD_ONLY=caseload keeps
// the cases whose name contains it (one path's cost at a rate, e.g. beside a CPU sampler).

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

/** "0.2 0.3 1.1 s": a second's slowest answers, in seconds. */
const inSeconds = (ms: number[]) => `${ms.map((x) => (x / 1000).toFixed(1)).join(' ')} s`;

const bench: BenchCase = {
  name: 'Load held: mixed staff traffic at a steady rate',
  async run({ log }) {
    const source = icbSource(process.env.BENCH_ICB_DATA_DIR);
    if (!source) return { tables: [], notes: ['No synthetic ICB: run `npm run generate:icb` first.'] };
    const rate = Number(process.env.BENCH_LOAD_RATE ?? 300);
    const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
    const paced = rate > 0;
    const warmUpSeconds = Number(process.env.BENCH_LOAD_WARMUP_SECONDS ?? 30);
    const startedMachine = machine();
    const app = await startIcbApp(source, log);
    try {
      const actors = await findActors(app.pool, { teams: 16, referrers: 14 });
      const all = await buildHotCases(app, actors, log);
      const only = process.env.BENCH_LOAD_ONLY;
      const mix = MIX.filter(([name]) => !only || name.includes(only)).flatMap(([name, weight]) => {
        const c = all.find((x) => x.name === name);
        return c ? [{ c, weight }] : [];
      });
      const wheel: HotCase[] = mix.flatMap(({ c, weight }) => Array.from({ length: weight }, () => c));
      // A fixed interleaving (every 7th slot of the wheel), so the mix is even over time.
      const caseAt = (i: number) => wheel[(i * 7) % wheel.length] as HotCase;
      for (const { c } of mix) await c.beforeRun?.();
      const byCase = new Map<string, Record<number, number>>();
      log(
        `${paced ? `${rate} requests/s` : 'unpaced'} for ${seconds} s: ${mix.map(({ c, weight }) => `${c.name} ${weight}`).join(', ')}`,
      );
      const latencies = new Map<string, number[]>();
      const answered = (status: number, c: HotCase, ms?: number) => {
        const counts = byCase.get(c.name) ?? {};
        counts[status] = (counts[status] ?? 0) + 1;
        byCase.set(c.name, counts);
        if (ms === undefined) return;
        const list = latencies.get(c.name) ?? [];
        list.push(ms);
        latencies.set(c.name, list);
      };
      const request = (i: number, context: ClientContext) => {
        const c = caseAt(i);
        context.case = c;
        return c.request(i, context);
      };
      const result: LoadResult & Partial<PacedResult> = paced
        ? await runPaced({
            baseUrl: app.baseUrl,
            rate,
            seconds,
            warmUpSeconds,
            connections: 64,
            request,
            onResponse: (status, body, context, headers, ms, measured) => {
              const c = context.case as HotCase;
              if (measured) answered(status, c, ms);
              c.onResponse?.(status, body, context, headers);
            },
          })
        : await runLoad({
            baseUrl: app.baseUrl,
            connections: 64,
            duration: seconds,
            request,
            onResponse: (status, body, context, headers) => {
              const c = context.case as HotCase;
              answered(status, c);
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
        paced
          ? `Asked ${rate}/s for ${seconds} s after ${warmUpSeconds} s of warm-up rising evenly to that rate ` +
            `(${result.offered} requests due at even intervals, at most 64 connections); ` +
            `answered ${result.requests} in ${result.seconds.toFixed(1)} s = ${(result.requests / result.seconds).toFixed(0)}/s.`
          : `Unpaced (the most it answers): 64 connections, each sending its next request on its answer, for ${seconds} s; ` +
            `answered ${result.requests} in ${result.seconds.toFixed(0)} s = ${(result.requests / result.seconds).toFixed(0)}/s.`,
        `Latency ms: p50 ${pct(result.samples, 50).toFixed(0)}, p95 ${pct(result.samples, 95).toFixed(0)}, ` +
          `p99 ${pct(result.samples, 99).toFixed(0)}, max ${pct(result.samples, 100).toFixed(0)}.`,
        `Errors: ${bad} of ${result.requests + result.errors} = ${((100 * bad) / Math.max(1, result.requests + result.errors)).toFixed(2)} % ` +
          `(${statusText(result.statuses)}; ${result.errors} with no answer).`,
        ...(result.warmUp
          ? [
              `Warm-up (not in the figures above): p99 ${pct(result.warmUp.samples, 99).toFixed(0)} ms, ` +
                `${result.warmUp.errors} with no answer (${statusText(result.warmUp.statuses)}); slowest answer ` +
                `of each second: ${inSeconds(result.warmUp.worstBySecond)}.`,
              `Most requests outstanding at once: ${result.mostOutstanding} (over at most 64 connections; the rest wait their turn, and that wait is in their latency).`,
              `Slowest answer of the requests due in each second: ${inSeconds(result.worstBySecond ?? [])}.`,
            ]
          : []),
        ...[...byCase.entries()].map(([name, counts]) => {
          const ms = latencies.get(name);
          const times = ms
            ? ` — p50 ${pct(ms, 50).toFixed(0)}, p95 ${pct(ms, 95).toFixed(0)}, p99 ${pct(ms, 99).toFixed(0)} ms`
            : '';
          return `  ${name}: ${statusText(counts)}${times}`;
        }),
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
