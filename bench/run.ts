import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './lib/bench-case.js';
import { type BenchCluster, startBenchCluster } from './lib/database.js';
import { formatTable } from './lib/stats.js';

// `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those whose file name contains one
// of the NAMEs), each against a fresh database, and prints latency percentiles. A benchmark, not
// a test: it never fails on time; it exits non-zero only when a case crashes.

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = (await readdir(here))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (files.length === 0) {
    console.error(`No bench files match ${filters.join(', ') || '*.bench.ts'}.`);
    return 2;
  }

  let cluster: BenchCluster | null = null;
  // Ctrl-C must not leave the embedded PostgreSQL running.
  const interrupt = () => {
    void (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let failed = 0;
  try {
    cluster = await startBenchCluster();
    console.log(`Waymark benchmarks on ${cluster.description}; Node ${process.version}\n`);
    for (const file of files) {
      const bench = (await import(pathToFileURL(path.join(here, file)).href)).default as BenchCase;
      const started = Date.now();
      console.log(`== ${bench.name} (${file})`);
      const database = await cluster.createDatabase();
      try {
        const report = await bench.run({ url: database.url, log: (line) => console.log(`   ${line}`) });
        for (const table of report.tables) console.log(`\n${table.heading}\n${formatTable(table.rows)}`);
        if (report.notes.length) console.log(`\n${report.notes.join('\n')}`);
      } catch (err) {
        failed++;
        console.error(`   FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        await database.drop().catch(() => {});
      }
      console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    await cluster?.stop();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
