import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { ONS4_ITEMS, PAM_LEVEL_LABELS, PAM_LEVELS } from '../../../../common/outcome-measures.js';
import { count, type ExactRow, type ExactTable, type SectionBuilder, statistic } from '../figures.js';
import { percent, rollupSource, round1 } from './rollup-filters.js';

// Outcomes (issue 13): each referral's baseline against its latest later measure, summed in the
// analytics_outcomes rollup ('all'/'all': not broken down by an equality dimension), and the
// PAM level moves from the analytics_counts rollup (measure 'pam_move', value 'from→to').

/** The rows of the paired-change table, in the order the dashboard shows them. */
const ITEMS: { measure: string; item: string; label: string }[] = [
  { measure: 'swemwbs', item: 'metric', label: 'SWEMWBS (metric score)' },
  ...ONS4_ITEMS.map((i) => ({ measure: 'ons4', item: i.key, label: `ONS4: ${i.short}` })),
  { measure: 'ucla3', item: 'total', label: 'UCLA-3 loneliness (total)' },
  { measure: 'pam', item: 'level', label: 'PAM level' },
];

interface Paired {
  measure: string;
  item: string;
  pairs: number;
  baselineSum: number;
  latestSum: number;
  improved: number;
}

const PAIRED_COLUMNS: FigureColumn[] = [
  { key: 'pairs', label: 'People with a baseline and a later measure', unit: 'count' },
  { key: 'baseline', label: 'Mean at baseline', unit: 'score' },
  { key: 'latest', label: 'Mean at latest', unit: 'score' },
  { key: 'change', label: 'Mean change', unit: 'score' },
  { key: 'improving', label: 'Improving (%)', unit: 'percent' },
];

function pairedRow(key: string, label: string, p: Paired | undefined): ExactRow {
  const pairs = p?.pairs ?? 0;
  const mean = (s: number) => (pairs === 0 ? null : round1(s / pairs));
  return {
    key,
    label,
    values: {
      pairs: count(pairs),
      baseline: statistic(mean(p?.baselineSum ?? 0), pairs),
      latest: statistic(mean(p?.latestSum ?? 0), pairs),
      change: statistic(pairs === 0 ? null : round1(((p?.latestSum ?? 0) - (p?.baselineSum ?? 0)) / pairs), pairs),
      improving: statistic(percent(p?.improved ?? 0, pairs), pairs),
    },
  };
}

async function pairedTable(db: Parameters<SectionBuilder>[0], f: Parameters<SectionBuilder>[1]): Promise<ExactTable> {
  const from = rollupSource('outcomes', f);
  const { rows } = await db.execute<Paired & Record<string, unknown>>(sql`
    SELECT measure, item, sum(pairs)::int AS pairs, sum(baseline_sum)::float8 AS "baselineSum",
      sum(latest_sum)::float8 AS "latestSum", sum(improved)::int AS improved
    FROM ${from.table}
    WHERE dimension = 'all' AND value = 'all' AND ${from.where}
    GROUP BY measure, item`);
  const found = new Map(rows.map((r) => [`${r.measure}:${r.item}`, r]));
  return {
    id: 'outcomes-paired',
    title: 'Change from baseline to latest measure',
    description:
      'People with a baseline measure and a later one (review or discharge): the mean of each, the mean change, ' +
      'and the share whose latest is better than their baseline. Periods count the month of the latest measure.',
    chart: 'bar',
    rowHeader: 'Measure',
    columns: PAIRED_COLUMNS,
    rows: ITEMS.map((i) => pairedRow(`${i.measure}:${i.item}`, i.label, found.get(`${i.measure}:${i.item}`))),
    total: null,
    notes: [
      'Higher is better for SWEMWBS, life satisfaction, worthwhile, happiness and PAM; lower is better for anxiety and UCLA-3 loneliness. "Improving" follows each direction.',
      'People without a baseline, or discharged without a later measure, are not counted.',
    ],
  };
}

const LEVEL_COLUMNS: FigureColumn[] = [
  ...PAM_LEVELS.map((l) => ({ key: `to${l}`, label: `Now level ${l}`, unit: 'count' as const })),
  { key: 'total', label: 'Total', unit: 'count' },
];

async function pamMovesTable(db: Parameters<SectionBuilder>[0], f: Parameters<SectionBuilder>[1]): Promise<ExactTable> {
  const from = rollupSource('counts', f);
  const { rows } = await db.execute<{ value: string; n: number }>(sql`
    SELECT value, sum(n)::int AS n FROM ${from.table}
    WHERE measure = 'pam_move' AND ${from.where}
    GROUP BY value`);
  const moves = new Map<string, number>();
  for (const r of rows) {
    const [from, to] = r.value.split('→');
    if (from && to) moves.set(`${from}→${to}`, (moves.get(`${from}→${to}`) ?? 0) + r.n);
  }
  const row = (key: string, label: string, n: (to: number) => number): ExactRow => {
    const cells = PAM_LEVELS.map((to) => n(to));
    return {
      key,
      label,
      values: {
        ...Object.fromEntries(PAM_LEVELS.map((to, i) => [`to${to}`, count(cells[i] ?? 0)])),
        total: count(cells.reduce((a, b) => a + b, 0)),
      },
    };
  };
  const at = (from: number, to: number) => moves.get(`${from}→${to}`) ?? 0;
  return {
    id: 'outcomes-pam-moves',
    title: 'PAM level at baseline and now',
    description:
      'People with a PAM level at baseline and a later one: each row is the baseline level, each column the latest.',
    chart: 'stacked-bar',
    rowHeader: 'Level at baseline',
    columns: LEVEL_COLUMNS,
    rows: PAM_LEVELS.map((from) => row(`from${from}`, PAM_LEVEL_LABELS[from], (to) => at(from, to))),
    total: row('total', 'Total', (to) => PAM_LEVELS.reduce((s, from) => s + at(from, to), 0)),
    rowSums: [{ total: 'total', parts: PAM_LEVELS.map((l) => `to${l}`) }],
    notes: ['Above the diagonal: moved up a level or more (better activation); below it: moved down.'],
  };
}

export const buildOutcomes: SectionBuilder = async (db, f) => Promise.all([pairedTable(db, f), pamMovesTable(db, f)]);
