import type { ScopeSnapshot } from './scope.js';

// When the figures of these PCNs were last brought up to date, and a key that moves whenever
// any of their rollups is rebuilt. "As of" is the oldest rebuild (as refresh/as-of.ts says it),
// and null while one of the PCNs was never built; neither moves when only some PCNs are rebuilt,
// so the cache (cache.ts) keys on the newest rebuild and the number of PCNs built instead.
export interface Freshness {
  asOf: string | null;
  key: string;
}

export function freshnessOf(snapshot: ScopeSnapshot, pcnIds: readonly string[]): Freshness {
  if (pcnIds.length === 0) return { asOf: null, key: 'none' };
  // ISO 8601 instants in UTC compare as text.
  const built = pcnIds.map((id) => snapshot.refreshedAt.get(id)).filter((at): at is string => at !== undefined);
  const sorted = built.sort();
  const newest = sorted.at(-1) ?? 'never';
  const asOf = built.length === new Set(pcnIds).size ? (sorted[0] ?? null) : null;
  return { asOf, key: `${built.length}@${newest}` };
}
