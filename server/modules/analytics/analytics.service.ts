import { sql } from 'drizzle-orm';
import pLimit, { type LimitFunction } from 'p-limit';
import {
  ANALYTICS_SECTION_TITLES,
  type AnalyticsFilters,
  type AnalyticsOptions,
  type AnalyticsQuery,
  type AnalyticsReport,
  type FigureTable,
  ZAnalyticsReport,
} from '../../../common/analytics.js';
import { writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { keptOrMade, LruCache } from '../../platform/lru-cache.js';
import { ALL_ROLES } from './analytics.tables.js';
import { freshnessOf } from './as-of.js';
import { publish } from './disclosure/publish.js';
import type { AnalyticsScope, ResolvedFilters, SectionName } from './figures.js';
import {
  analyticsScopeOf,
  defaultPeriod,
  forgetOrganisations,
  monthsOf,
  resolveFilters,
  scopeSnapshot,
} from './scope.js';
import { SECTION_BUILDERS } from './sections/index.js';
import { forgetReference } from './sections/reference.js';
import { uuidArray } from './sections/rollup-filters.js';

// The dashboards' answers (issue 13): a section's exact tables from its builder, published for
// the viewer — exact on screen for a team lead's own PCN, under the small-number rule (with
// secondary suppression) for everything a commissioner sees and for every CSV.

export type Format = 'json' | 'csv';

// Published tables per (section, resolved filters, suppression, as of): see cache.ts for why a
// hit can never be staler than the rollups. 500 entries of a few kB each stay well under 10 MB.
// Promises are kept, so requests for the same figures that arrive while they are being built
// (a dashboard shared with a room) wait for that one build rather than each starting its own.
const published = new LruCache<Promise<FigureTable[]>>(500);
// The whole answer as the JSON route sends it, so that a repeated request does no more than
// read the viewer's scope (kept a second, scope.ts) and look here: no rollups, no publishing,
// no serialising.
const answers = new LruCache<Promise<string>>(500);
const monthRanges = new LruCache<{ first: string | null; last: string | null }>(200);

/** For tests that rewrite rollup rows without moving "as of", or change organisations. */
export const clearAnalyticsCache = () => {
  forgetOrganisations();
  forgetReference();
  published.clear();
  answers.clear();
  monthRanges.clear();
};

const isSection = (name: string): name is SectionName => Object.hasOwn(SECTION_BUILDERS, name);

export async function analyticsOptions(db: Db, ctx: SignedInContext, now = new Date()): Promise<AnalyticsOptions> {
  const scope = analyticsScopeOf(ctx.actor);
  const snapshot = await scopeSnapshot(db, scope);
  const { pcns } = snapshot;
  const pcnIds = pcns.map((p) => p.id);
  const { asOf, key: fresh } = freshnessOf(snapshot, pcnIds);
  const key = JSON.stringify([pcnIds, fresh]);
  let range = monthRanges.get(key);
  if (!range) {
    // Every referral is counted in 'flow' at its "received" stage, so its months are those with figures.
    const { rows } = pcnIds.length
      ? await db.execute<{ first: string | null; last: string | null }>(sql`
          SELECT to_char(min(month), 'YYYY-MM') AS first, to_char(max(month), 'YYYY-MM') AS last
          FROM analytics_count_slices
          WHERE all_practices AND role = ${ALL_ROLES} AND measure = 'flow' AND pcn_id = ANY(${uuidArray(pcnIds)})`)
      : { rows: [] };
    range = { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null };
    monthRanges.set(key, range);
  }
  const period = defaultPeriod(now);
  return {
    pcns,
    months: range.first && range.last ? monthsOf(range.first, range.last) : [],
    defaultFrom: period.from,
    defaultTo: period.to,
    ownPcnOnly: scope.ownPcnId !== null,
    asOf,
  };
}

interface Request {
  section: SectionName;
  scope: AnalyticsScope;
  filters: ResolvedFilters;
  shown: AnalyticsFilters;
  suppress: boolean;
  asOf: string | null;
  /** Identifies the published tables: the same key, the same tables. */
  key: string;
}

async function understand(
  db: Db,
  ctx: SignedInContext,
  section: string,
  query: AnalyticsQuery,
  format: Format,
  now: Date,
): Promise<Request> {
  if (!isSection(section)) throw notFound('section');
  const scope = analyticsScopeOf(ctx.actor);
  const snapshot = await scopeSnapshot(db, scope);
  const { filters, shown } = resolveFilters(snapshot.pcns, scope, query, now);
  // On screen a team lead sees their own team's work exactly; a CSV leaves the screen, so it
  // always goes under the rule, as does anything a commissioner sees.
  const suppress = format === 'csv' || !filters.ownTeam;
  const { asOf, key: fresh } = freshnessOf(snapshot, filters.pcnIds);
  return { section, scope, filters, shown, suppress, asOf, key: JSON.stringify([section, filters, suppress, fresh]) };
}

/**
 * Turns at building a section's tables from the rollups: at most ANALYTICS_CONCURRENT_BUILDS at once
 * in this process, the rest waiting in order. A cold section costs from 1 to 25 ms of CPU; built all
 * at once, 32 dashboards' sections share the cores, and each takes as many times longer as there are
 * others beside it, the dearest the most. In turn, each waits for those before it and then runs
 * alone: on the synthetic ICB at 32 clients, the commissioner's cold p95 went from 234–378 ms to
 * 175–244 ms, and the answers per second rose (bench/RESULTS.md). Answers already made (the cache)
 * take no turn, and the staff's other requests never wait for one.
 */
export type SectionBuilds = LimitFunction;
export const sectionBuilds = (concurrency: number): SectionBuilds => pLimit(concurrency);

function publishedTables(db: Db, r: Request, builds: SectionBuilds): Promise<FigureTable[]> {
  return keptOrMade(published, r.key, () =>
    builds(async () =>
      (await SECTION_BUILDERS[r.section](db, r.filters)).map((table) => publish(table, { suppress: r.suppress })),
    ),
  );
}

const reportOf = (r: Request, tables: FigureTable[]): AnalyticsReport => ({
  section: r.section,
  title: ANALYTICS_SECTION_TITLES[r.section],
  asOf: r.asOf,
  filters: r.shown,
  suppressed: r.suppress,
  tables,
});

/**
 * A section's report as the JSON the route sends: encoded by the response schema exactly as the
 * route's serializer would, once per distinct answer (the names shown and "as of" are part of it).
 */
export async function analyticsReportJson(
  db: Db,
  ctx: SignedInContext,
  section: string,
  query: AnalyticsQuery,
  builds: SectionBuilds,
  now = new Date(),
): Promise<string> {
  const r = await understand(db, ctx, section, query, 'json', now);
  return keptOrMade(answers, JSON.stringify([r.key, r.shown, r.asOf]), async () =>
    JSON.stringify(ZAnalyticsReport.encode(reportOf(r, await publishedTables(db, r, builds)))),
  );
}

export async function analyticsReport(
  db: Db,
  ctx: SignedInContext,
  section: string,
  query: AnalyticsQuery,
  format: Format,
  builds: SectionBuilds,
  now = new Date(),
): Promise<AnalyticsReport> {
  const r = await understand(db, ctx, section, query, format, now);
  const tables = await publishedTables(db, r, builds);
  if (format === 'csv') {
    // Aggregates are not personal data, but a download leaves the platform: who took which
    // figures, and when, is kept (as impact CSVs are).
    await writeAuditAlone(db, ctx, {
      action: 'analytics.export',
      entityType: r.shown.pcn ? 'pcn' : 'icb',
      entityId: r.shown.pcn?.id ?? r.scope.icbId,
      details: {
        section,
        from: r.shown.from,
        to: r.shown.to,
        practiceId: r.shown.practice?.id ?? null,
        role: r.shown.role,
      },
    });
  }
  return reportOf(r, tables);
}
export { type PlanningArea, type PlanningDemand, planningArea, planningDemand } from './planning-demand.js';
