import type { BenchCase } from './lib/bench-case.js';
import { buildHotCases, type HotRow, measure } from './lib/hot-cases.js';
import { findActors } from './lib/hot-paths.js';
import { icbSource, machine, startIcbApp } from './lib/icb-app.js';

// Cost as data grows (issue 18, point 5): the triage queue and every directory search type over
// HTTP on synthetic ICBs of growing size, printing how p95 grows with the data. The datasets are
// generated beforehand (`npm run generate:icb -- --scale F` into a DATA_DIR each) and named by
//
//   BENCH_SCALE_DIRS="1=/tmp/bench-icb-x1,4=/tmp/bench-icb-x4,16=/tmp/bench-icb" npm run bench -- scale
//
// where 1, 4 and 16 are the relative volumes (--scale 0.0625, 0.25 and 1: 312, 1,250 and 5,000
// services; 15,625, 62,500 and 250,000 referrals over the same 30 PCNs). Without it: not measured.

const CASES = ['triage queue', 'directory search'];

const bench: BenchCase = {
  name: 'Cost as data grows: queue and search at 1×, 4×, 16×',
  async run({ log }) {
    const spec = process.env.BENCH_SCALE_DIRS;
    if (!spec) {
      return {
        tables: [],
        notes: [
          'BENCH_SCALE_DIRS not set (e.g. "1=/tmp/bench-icb-x1,4=/tmp/bench-icb-x4,16=/tmp/bench-icb"): not measured.',
        ],
      };
    }
    const scales = spec.split(',').map((part) => {
      const [label, dir] = part.split('=') as [string, string];
      return { label: `${label}×`, dir };
    });
    const seconds = Number(process.env.BENCH_SECONDS ?? 5);
    const results = new Map<string, Map<string, HotRow>>();
    const sizes: string[] = [];
    for (const scale of scales) {
      const source = icbSource(scale.dir);
      if (!source) throw new Error(`no synthetic ICB under ${scale.dir}`);
      const app = await startIcbApp(source, log);
      try {
        const actors = await findActors(app.pool, { teams: 16, referrers: 14 });
        const { rows } = await app.pool.query<{ queued: string }>(
          `SELECT round(avg(n)) AS queued FROM (SELECT count(*) AS n FROM referrals
             WHERE status IN ('received', 'triaged') AND pcn_id = ANY($1::uuid[]) GROUP BY pcn_id) q`,
          [actors.teams.map((t) => t.pcnId)],
        );
        sizes.push(
          `${scale.label}: ${actors.sizes.services} services, ${actors.sizes.referrals} referrals, ` +
            `${rows[0]?.queued ?? 0} queued per PCN on average (${scale.dir})`,
        );
        log(sizes.at(-1) as string);
        const cases = (await buildHotCases(app, actors, log)).filter((c) => CASES.some((n) => c.name.startsWith(n)));
        const byCase = new Map<string, HotRow>();
        for (const c of cases) byCase.set(c.name, await measure(app.baseUrl, app.pool, c, seconds, log));
        results.set(scale.label, byCase);
      } finally {
        await app.stop();
      }
    }
    const names = [...(results.values().next().value?.keys() ?? [])];
    const width = Math.max(...names.map((n) => n.length), 10);
    const cell = (row: HotRow | undefined) =>
      row
        ? `${row.one.p95.toFixed(0).padStart(6)} ${row.many.p95.toFixed(0).padStart(7)}`
        : `${'—'.padStart(6)} ${'—'.padStart(7)}`;
    const header =
      `${'case'.padEnd(width)} | ${scales.map((s) => `${s.label} p95@1 p95@32`.padStart(14)).join(' | ')} | ` +
      `p95@32 ${scales.at(-1)?.label} ÷ ${scales[0]?.label}`;
    const lines = names.map((name) => {
      const cells = scales.map((s) => cell(results.get(s.label)?.get(name)));
      const first = results.get(scales[0]?.label as string)?.get(name)?.many.p95 ?? Number.NaN;
      const last = results.get(scales.at(-1)?.label as string)?.get(name)?.many.p95 ?? Number.NaN;
      return `${name.padEnd(width)} | ${cells.join(' | ')} | ${(last / first).toFixed(1)}×`;
    });
    return {
      tables: [],
      notes: [
        `Machine: ${machine()}.`,
        ...sizes,
        '',
        [header, '-'.repeat(header.length), ...lines].join('\n'),
        '',
        `p95 in ms at one client (${seconds} s) and at 32 clients (${Math.round(seconds * 1.6)} s), over HTTP against the production build; ` +
          'raw p50 = the same answer from one prepared SQL statement at one client (the cost of the data alone).',
        'Near flat is the goal (indexes, bounded pages); linear growth means a scan.',
      ],
    };
  },
};

export default bench;
