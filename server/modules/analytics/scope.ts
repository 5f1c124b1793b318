import { sql } from 'drizzle-orm';
import type { AnalyticsFilters, AnalyticsQuery } from '../../../common/analytics.js';
import { ANALYTICS_MAX_MONTHS } from '../../../common/analytics.js';
import type { Principal } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound, validationError } from '../../platform/errors.js';
import { londonDate } from '../../platform/working-days.js';
import type { AnalyticsScope, ResolvedFilters } from './figures.js';
import { uuidArray } from './sections/rollup-filters.js';

// Whose figures a viewer may see (issue 13): a commissioner the whole of their ICB, a team lead
// their own PCN only. An id outside the scope is answered exactly like an id that does not exist
// (404, same body), so that the answer never confirms another PCN's or ICB's records exist.

export function analyticsScopeOf(actor: Principal): AnalyticsScope {
  const { scope } = actor;
  if (scope.kind === 'icb') return { icbId: scope.icbId, ownPcnId: null };
  if (scope.kind === 'pcn') return { icbId: scope.icbId, ownPcnId: scope.pcnId };
  // analytics.read is only a commissioner's and a team lead's: anyone else sees nothing.
  throw notFound('PCN');
}

export interface PcnInScope {
  id: string;
  name: string;
  practices: { id: string; name: string }[];
}

/**
 * What a request needs to know about the viewer's scope: the PCNs (with their practices) the
 * viewer may filter by, alphabetical, and when each PCN's rollups were last rebuilt (absent:
 * never). Retired practices stay: their referrals are still in the figures of the months they
 * worked.
 */
export interface ScopeSnapshot {
  pcns: PcnInScope[];
  refreshedAt: Map<string, string>;
}

// The organisations change seldom and the answer is read on every dashboard request, so it is
// kept for a few seconds per scope: a PCN or practice added, renamed or moved shows in the
// figures' filters at most this late.
const ORGANISATIONS_KEPT_MS = 10_000;
const organisations = new Map<string, { at: number; rows: Promise<PcnInScope[]> }>();
// When the rollups were rebuilt is kept for one second: every dashboard request needs it (the
// answer cache is keyed on it, cache.ts), and under load one read a second per scope replaces
// one per request. A rebuild in this process forgets it at once (forgetRefreshes); one by another
// instance shows here at most a second late.
const REFRESHES_KEPT_MS = 1_000;
const refreshes = new Map<string, { at: number; rows: Promise<Map<string, string>> }>();

/** After a rebuild (refresh/rebuild.ts) or a test's own rollup rows: "as of" moves at once. */
export const forgetRefreshes = () => refreshes.clear();

/** For tests that change organisations and read figures at once. */
export const forgetOrganisations = () => {
  organisations.clear();
  refreshes.clear();
};

async function readOrganisations(db: Db, scope: AnalyticsScope): Promise<PcnInScope[]> {
  const { rows } = await db.execute<{
    id: string;
    name: string;
    practiceId: string | null;
    practiceName: string | null;
  }>(sql`
    SELECT c.id, c.name, p.id AS "practiceId", p.name AS "practiceName"
    FROM pcns c LEFT JOIN practices p ON p.pcn_id = c.id
    WHERE c.icb_id = ${scope.icbId} AND (${scope.ownPcnId}::uuid IS NULL OR c.id = ${scope.ownPcnId}::uuid)
    ORDER BY c.name, c.id, p.name`);
  const byId = new Map<string, PcnInScope>();
  for (const r of rows) {
    const pcn = byId.get(r.id) ?? { id: r.id, name: r.name, practices: [] };
    byId.set(r.id, pcn);
    if (r.practiceId) pcn.practices.push({ id: r.practiceId, name: r.practiceName ?? '' });
  }
  return [...byId.values()];
}

/** Where keptRead keeps its reads: a Map, or a bounded LruCache (cache.ts). */
export interface KeptReads<T> {
  get(key: string): { at: number; rows: Promise<T> } | undefined;
  set(key: string, value: { at: number; rows: Promise<T> }): void;
  delete(key: string): void;
}

/** A read kept for `keptMs` under `key`, shared by the requests that ask meanwhile; a failed read is not kept. */
export function keptRead<T>(
  kept: KeptReads<T>,
  key: string,
  keptMs: number,
  read: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const entry = kept.get(key);
  if (entry && now - entry.at < keptMs) return entry.rows;
  const rows = read();
  kept.set(key, { at: now, rows });
  rows.catch(() => {
    if (kept.get(key)?.rows === rows) kept.delete(key);
  });
  return rows;
}

async function readRefreshes(db: Db, pcnIds: string[]): Promise<Map<string, string>> {
  const { rows } = await db.execute<{ pcnId: string; at: string }>(sql`
    SELECT pcn_id AS "pcnId", to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
    FROM analytics_refreshes WHERE pcn_id = ANY(${uuidArray(pcnIds)})`);
  return new Map(rows.map((r) => [r.pcnId, r.at]));
}

export async function scopeSnapshot(db: Db, scope: AnalyticsScope): Promise<ScopeSnapshot> {
  const key = `${scope.icbId}:${scope.ownPcnId}`;
  const pcns = await keptRead(organisations, key, ORGANISATIONS_KEPT_MS, () => readOrganisations(db, scope));
  if (pcns.length === 0) return { pcns, refreshedAt: new Map() };
  const refreshedAt = await keptRead(refreshes, key, REFRESHES_KEPT_MS, () =>
    readRefreshes(
      db,
      pcns.map((p) => p.id),
    ),
  );
  return { pcns, refreshedAt };
}

/** 'YYYY-MM' of the month `offset` months from `month` ('YYYY-MM'). */
export function addMonths(month: string, offset: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The default period: the last 12 complete months in Europe/London. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const to = addMonths(londonDate(now).slice(0, 7), -1);
  return { from: addMonths(to, -11), to };
}

/** The months of a period, oldest first ('YYYY-MM'). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

function periodOf(query: AnalyticsQuery, now: Date): { from: string; to: string } {
  const fallback = defaultPeriod(now);
  const to = query.to ?? (query.from && query.from > fallback.to ? query.from : fallback.to);
  const from = query.from ?? addMonths(to, -11);
  // The schema checks the pair when both are given; here one of them may be a default.
  if (from > to) throw validationError([{ field: 'from', message: 'must be the same month as "to" or earlier' }]);
  if (monthsOf(from, to).length > ANALYTICS_MAX_MONTHS) {
    throw validationError([{ field: 'from', message: `must be less than ${ANALYTICS_MAX_MONTHS} months before "to"` }]);
  }
  return { from, to };
}

export interface Resolved {
  filters: ResolvedFilters;
  /** The filters as the report echoes them (names for the page and the CSV header). */
  shown: AnalyticsFilters;
}

/** The query checked against the viewer's scope: ids resolved, the period filled in. */
export function resolveFilters(
  inScope: readonly PcnInScope[],
  scope: AnalyticsScope,
  query: AnalyticsQuery,
  now = new Date(),
): Resolved {
  const period = periodOf(query, now);
  const pcnId = query.pcnId ?? scope.ownPcnId;
  const pcn = pcnId ? inScope.find((p) => p.id === pcnId) : null;
  if (pcnId && !pcn) throw notFound('PCN');
  let practice: { id: string; name: string; pcn: PcnInScope } | null = null;
  if (query.practiceId) {
    const owner = inScope.find((p) => p.practices.some((pr) => pr.id === query.practiceId));
    if (!owner) throw notFound('practice');
    if (pcn && owner.id !== pcn.id) {
      throw validationError([{ field: 'practiceId', message: 'must be a practice of the PCN chosen' }]);
    }
    const found = owner.practices.find((pr) => pr.id === query.practiceId) as { id: string; name: string };
    practice = { ...found, pcn: owner };
  }
  const coveredPcn = pcn ?? practice?.pcn ?? null;
  const pcnIds = coveredPcn ? [coveredPcn.id] : inScope.map((p) => p.id);
  return {
    filters: {
      icbId: scope.icbId,
      pcnIds,
      practiceId: practice?.id ?? null,
      fromMonth: `${period.from}-01`,
      toMonth: `${period.to}-01`,
      role: query.role ?? null,
      ownTeam: scope.ownPcnId !== null && pcnIds.length === 1 && pcnIds[0] === scope.ownPcnId,
      wholeIcb: scope.ownPcnId === null && coveredPcn === null,
    },
    shown: {
      pcn: coveredPcn ? { id: coveredPcn.id, name: coveredPcn.name } : null,
      practice: practice ? { id: practice.id, name: practice.name } : null,
      from: period.from,
      to: period.to,
      role: query.role ?? null,
    },
  };
}
