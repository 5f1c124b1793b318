import type { LatencySummary } from './stats.js';

// What a bench file (bench/*.bench.ts) exports as default: a named case that fills a fresh,
// migrated database, measures, and reports latency tables. Benchmarks report; they never assert.

export interface BenchContext {
  /** A fresh, migrated database of its own. */
  url: string;
  log(line: string): void;
}

export interface BenchReport {
  tables: { heading: string; rows: LatencySummary[] }[];
  /** Free-text lines after the tables (data sizes, targets, sanity counts). */
  notes: string[];
}

export interface BenchCase {
  name: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}
