import { sql } from 'drizzle-orm';
import {
  ANALYTICS_SECTION_TITLES,
  type AnalyticsOptions,
  type AnalyticsQuery,
  type AnalyticsReport,
  type FigureTable,
} from '../../../common/analytics.js';
import { writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { freshnessOf } from './as-of.js';
import { LruCache } from './cache.js';
import { publish } from './disclosure/publish.js';
import type { SectionName } from './figures.js';
import { analyticsScopeOf, defaultPeriod, monthsOf, pcnsInScope, resolveFilters } from './scope.js';
import { SECTION_BUILDERS } from './sections/index.js';
import { uuidArray } from './sections/rollup-filters.js';

// The dashboards' answers (issue 13): a section's exact tables from its builder, published for
// the viewer — exact on screen for a team lead's own PCN, under the small-number rule (with
// secondary suppression) for everything a commissioner sees and for every CSV.

export type Format = 'json' | 'csv';

// Published tables per (section, resolved filters, suppression, as of): see cache.ts for why a
// hit can never be staler than the rollups. 500 entries of a few kB each stay well under 10 MB.
const published = new LruCache<FigureTable[]>(500);
const monthRanges = new LruCache<{ first: string | null; last: string | null }>(200);

/** For tests that rewrite rollup rows without moving "as of". */
export const clearAnalyticsCache = () => {
  published.clear();
  monthRanges.clear();
};

const isSection = (name: string): name is SectionName => Object.hasOwn(SECTION_BUILDERS, name);

export async function analyticsOptions(db: Db, ctx: SignedInContext, now = new Date()): Promise<AnalyticsOptions> {
  const scope = analyticsScopeOf(ctx.actor);
  const pcns = await pcnsInScope(db, scope);
  const pcnIds = pcns.map((p) => p.id);
  const { asOf, key: fresh } = await freshnessOf(db, pcnIds);
  const key = JSON.stringify([pcnIds, fresh]);
  let range = monthRanges.get(key);
  if (!range) {
    // Every referral is counted in 'flow' at its "received" stage, so its months are those with figures.
    const { rows } = pcnIds.length
      ? await db.execute<{ first: string | null; last: string | null }>(sql`
          SELECT to_char(min(month), 'YYYY-MM') AS first, to_char(max(month), 'YYYY-MM') AS last
          FROM analytics_counts WHERE measure = 'flow' AND pcn_id = ANY(${uuidArray(pcnIds)})`)
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

export async function analyticsReport(
  db: Db,
  ctx: SignedInContext,
  section: string,
  query: AnalyticsQuery,
  format: Format,
  now = new Date(),
): Promise<AnalyticsReport> {
  const builder = isSection(section) ? SECTION_BUILDERS[section] : undefined;
  if (!isSection(section) || !builder) throw notFound('section');
  const scope = analyticsScopeOf(ctx.actor);
  const { filters, shown } = await resolveFilters(db, scope, query, now);
  // On screen a team lead sees their own team's work exactly; a CSV leaves the screen, so it
  // always goes under the rule, as does anything a commissioner sees.
  const suppress = format === 'csv' || !filters.ownTeam;
  const { asOf, key: fresh } = await freshnessOf(db, filters.pcnIds);
  const key = JSON.stringify([section, filters, suppress, fresh]);
  let tables = published.get(key);
  if (!tables) {
    tables = (await builder(db, filters)).map((table) => publish(table, { suppress }));
    published.set(key, tables);
  }
  if (format === 'csv') {
    // Aggregates are not personal data, but a download leaves the platform: who took which
    // figures, and when, is kept (as impact CSVs are).
    await writeAuditAlone(db, ctx, {
      action: 'analytics.export',
      entityType: shown.pcn ? 'pcn' : 'icb',
      entityId: shown.pcn?.id ?? scope.icbId,
      details: {
        section,
        from: shown.from,
        to: shown.to,
        practiceId: shown.practice?.id ?? null,
        role: shown.role,
      },
    });
  }
  return {
    section,
    title: ANALYTICS_SECTION_TITLES[section],
    asOf,
    filters: shown,
    suppressed: suppress,
    tables,
  };
}
