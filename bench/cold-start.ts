import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ANALYTICS_SECTIONS } from '../common/analytics.js';
import { filterCombinations } from './analytics.bench.js';
import { pct, runLoad } from './lib/autocannon-load.js';
import { icbSource, signIn, startIcbApp } from './lib/icb-app.js';

// `npx tsx bench/cold-start.ts` (DATA_DIR of the synthetic ICB, the production build in dist/):
// the commissioner's cold dashboards at 32 clients, each request a section and filter never asked
// before, after WARM (100) requests of other filters at one client (WARM=0: none, the server's
// first analytics requests since it started), with the CPU each process used per request, read
// from /proc. N (800) requests are timed. How much of a cold answer is the process starting
// (bench/RESULTS.md, "Hot paths").

type Group = 'app' | 'postgres' | 'generator' | 'other';

/** CPU ticks (user + system, 1/100 s) of every process on the machine, by group. */
function cpuTicks(): Record<Group, number> {
  const out: Record<Group, number> = { app: 0, postgres: 0, generator: 0, other: 0 };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const group: Group = name.startsWith('postgres')
        ? 'postgres'
        : command.includes('dist/server/main.js')
          ? 'app'
          : Number(pid) === process.pid
            ? 'generator'
            : 'other';
      out[group] += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return out;
}

const source = icbSource(process.env.BENCH_ICB_DATA_DIR);
if (!source) throw new Error('No synthetic ICB: run `npm run generate:icb` first.');
const app = await startIcbApp(source, (line) => console.log(line));
try {
  const { rows } = await app.pool.query<{ email: string }>(
    `SELECT email FROM users WHERE role = 'commissioner' AND active ORDER BY created_at LIMIT 1`,
  );
  const email = rows[0]?.email;
  if (!email) throw new Error('No commissioner: run `npm run generate:icb` first.');
  const session = await signIn(app.baseUrl, email, app.password);
  const sections = [...ANALYTICS_SECTIONS, 'national'];
  const paths = filterCombinations([null]).flatMap((f) => sections.map((s) => `/api/analytics/${s}?${f}`));
  const warm = Number(process.env.WARM ?? 100);
  const n = Number(process.env.N ?? 800);
  if (warm + n > paths.length) throw new Error(`Only ${paths.length} distinct requests: WARM + N must not exceed it.`);
  const ask = (offset: number) => (i: number) => ({
    path: paths[offset + i] as string,
    headers: { cookie: session.cookie },
  });
  if (warm > 0) await runLoad({ baseUrl: app.baseUrl, connections: 1, amount: warm, request: ask(0) });
  const before = cpuTicks();
  const started = performance.now();
  const run = await runLoad({ baseUrl: app.baseUrl, connections: 32, amount: n, request: ask(warm) });
  const seconds = (performance.now() - started) / 1000;
  const after = cpuTicks();
  console.log(
    `${n} cold requests at 32 clients after ${warm} others: ${(n / seconds).toFixed(0)}/s, ` +
      `p50 ${pct(run.samples, 50).toFixed(0)} ms, p95 ${pct(run.samples, 95).toFixed(0)} ms, statuses ${JSON.stringify(run.statuses)}`,
  );
  for (const group of Object.keys(after) as Group[]) {
    console.log(`  ${group}: ${(((after[group] - before[group]) * 10) / n).toFixed(2)} ms of CPU a request`);
  }
} finally {
  await app.stop();
}
