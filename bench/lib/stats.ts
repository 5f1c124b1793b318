// Latency summaries for the benchmark report: nearest-rank percentiles over measured samples.

export interface LatencySummary {
  label: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarise(label: string, samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    label,
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** A fixed-width table: label, count, p50, p95, p99, max (ms). */
export function formatTable(rows: readonly LatencySummary[]): string {
  const width = Math.max(12, ...rows.map((r) => r.label.length));
  const ms = (v: number) => v.toFixed(1).padStart(8);
  const header = `${'query type'.padEnd(width)}  ${'count'.padStart(5)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  ${'max ms'.padStart(8)}`;
  const lines = rows.map(
    (r) =>
      `${r.label.padEnd(width)}  ${String(r.count).padStart(5)}  ${ms(r.p50)}  ${ms(r.p95)}  ${ms(r.p99)}  ${ms(r.max)}`,
  );
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same data and queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
