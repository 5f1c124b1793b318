import { type SQL, sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import {
  AGE_BANDS,
  ETHNIC_CATEGORY_CODES,
  ETHNIC_GROUP_LABELS,
  ETHNIC_GROUPS,
  type EthnicCategory,
  ethnicGroupOf,
  IMD_QUINTILE_LABELS,
  IMD_QUINTILES,
  imdQuintileOf,
  SEX_LABELS,
  SEXES,
} from '../../../../common/equality.js';
import {
  count,
  type ExactRow,
  type ExactTable,
  type ResolvedFilters,
  type SectionBuilder,
  statistic,
} from '../figures.js';
import { populationOf, practicesOf } from './reference.js';
import { addUp, forReferrals, percent, rollupSource, round1, uuidArray } from './rollup-filters.js';

// Equality (issue 13): referrals and outcomes by age band, sex, ethnic group and deprivation.
// Referrals: analytics_counts measure 'referrals' by dimension 'age_band' | 'sex' |
// 'ethnic_group' | 'imd_quintile' (an 'ethnicity' code or 'imd_decile' is folded into its group
// or quintile); outcomes: analytics_outcomes SWEMWBS metric by the same dimensions. Rates per
// 1,000 registered patients need practice_population, held by age band and sex only.

type Db = Parameters<SectionBuilder>[0];

interface Dimension {
  key: string;
  /** Rollup dimension names read for it, and how their values map to this table's rows. */
  sources: Record<string, (value: string) => string | null>;
  title: string;
  rowHeader: string;
  rows: readonly { key: string; label: string }[];
  /** The practice_population dimension holding the denominator, when one is held. */
  population: string | null;
}

const own = (keys: readonly string[]) => (v: string) => (keys.includes(v) ? v : null);
const NOT_RECORDED = { key: 'not_recorded', label: 'Not recorded' };

const DIMENSIONS: Dimension[] = [
  {
    key: 'age_band',
    sources: { age_band: own(AGE_BANDS) },
    title: 'By age band',
    rowHeader: 'Age band',
    rows: AGE_BANDS.map((b) => ({ key: b, label: b })),
    population: 'age_band',
  },
  {
    key: 'sex',
    sources: { sex: own(SEXES) },
    title: 'By sex',
    rowHeader: 'Sex',
    rows: SEXES.map((s) => ({ key: s, label: SEX_LABELS[s] })),
    population: 'sex',
  },
  {
    key: 'ethnic_group',
    sources: {
      ethnic_group: own(ETHNIC_GROUPS),
      ethnicity: (v) =>
        ETHNIC_CATEGORY_CODES.includes(v as EthnicCategory) ? ethnicGroupOf(v as EthnicCategory) : null,
    },
    title: 'By ethnic group',
    rowHeader: 'Ethnic group',
    rows: ETHNIC_GROUPS.map((g) => ({ key: g, label: ETHNIC_GROUP_LABELS[g] })),
    population: null,
  },
  {
    key: 'imd_quintile',
    sources: {
      imd_quintile: own(IMD_QUINTILES),
      imd_decile: (v) => (/^([1-9]|10)$/.test(v) ? imdQuintileOf(Number(v)) : null),
    },
    title: 'By deprivation (IMD quintile of the home postcode)',
    rowHeader: 'IMD quintile',
    rows: IMD_QUINTILES.map((q) => ({ key: q, label: IMD_QUINTILE_LABELS[q] })),
    population: null,
  },
];

const POPULATION_DIMENSIONS = [...new Set(DIMENSIONS.flatMap((d) => (d.population ? [d.population] : [])))];
const ALL_SOURCES = DIMENSIONS.flatMap((d) => Object.keys(d.sources));
const sourceList = sql`(${sql.join(
  ALL_SOURCES.map((s) => sql`${s}`),
  sql`, `,
)})`;

interface Tally {
  referrals: number;
  /** Referrals from practices whose registered population is held (the rate's numerator). */
  referralsWithPopulation: number;
  population: number;
  pairs: number;
  improved: number;
}
const empty = (): Tally => ({ referrals: 0, referralsWithPopulation: 0, population: 0, pairs: 0, improved: 0 });

function columns(withRates: boolean): FigureColumn[] {
  return [
    { key: 'referrals', label: 'Referrals', unit: 'count' },
    { key: 'share', label: 'Share of referrals (%)', unit: 'percent' },
    ...(withRates
      ? [
          { key: 'population', label: 'Registered patients', unit: 'count' as const },
          { key: 'rate', label: 'Referrals per 1,000 registered patients', unit: 'rate' as const },
        ]
      : []),
    { key: 'pairs', label: 'People with paired SWEMWBS measures', unit: 'count' },
    { key: 'improving', label: 'SWEMWBS improving (%)', unit: 'percent' },
  ];
}

function values(t: Tally, allReferrals: number, withRates: boolean): ExactRow['values'] {
  return {
    referrals: count(t.referrals),
    share: statistic(percent(t.referrals, allReferrals), t.referrals),
    ...(withRates
      ? {
          population: count(t.population),
          rate: statistic(
            t.population === 0 ? null : round1((1000 * t.referralsWithPopulation) / t.population),
            t.referralsWithPopulation,
          ),
        }
      : {}),
    pairs: count(t.pairs),
    improving: statistic(percent(t.improved, t.pairs), t.pairs),
  };
}

interface Counted {
  dimension: string;
  value: string;
  practiceId: string | null;
  n: number;
}

async function readRollups(db: Db, f: ResolvedFilters) {
  const [population, practices] = await Promise.all([populationOf(db, f), practicesOf(db, f)]);
  // A rate's numerator is the referrals from practices whose population is held: every
  // referral, less those from no practice or from a practice missing a population breakdown.
  // Only the latter are read practice by practice (usually just the "no practice" rows).
  const held = (dimension: string) =>
    new Set(population.filter((p) => p.dimension === dimension).map((p) => p.practiceId));
  const heldFor = POPULATION_DIMENSIONS.map(held);
  const heldByAll = (id: string) => heldFor.every((ids) => ids.has(id));
  const notHeld = practices.map((p) => p.id).filter((id) => !heldByAll(id));
  const all = rollupSource('counts', forReferrals(f));
  const byPractice = rollupSource('counts', forReferrals(f), { byPractice: true });
  const noPractice = rollupSource('counts', forReferrals(f), { byPractice: true, fromNoPracticeOnly: true });
  const outcomes = rollupSource('outcomes', f);
  // Two reads of the referrals outside the rates: from no practice (a partial index holds just
  // those rows; over a whole ICB, its ICB slices), and from practices missing a population
  // breakdown (usually none).
  const outsideOf = (from: typeof byPractice, practices: SQL) => sql`
      SELECT dimension, value, practice_id AS "practiceId", sum(n)::int AS n FROM ${from.table}
      WHERE measure = 'referrals' AND dimension IN ${sourceList} AND ${from.where} AND ${practices}
      GROUP BY dimension, value, practice_id`;
  const [referrals, fromNoPractice, fromNotHeld, paired] = await Promise.all([
    db.execute<{ dimension: string; value: string; n: number }>(sql`
      SELECT dimension, value, sum(n)::int AS n FROM ${all.table}
      WHERE measure = 'referrals' AND dimension IN ${sourceList} AND ${all.where}
      GROUP BY dimension, value`),
    db.execute<Counted & Record<string, unknown>>(outsideOf(noPractice, sql`practice_id IS NULL`)),
    notHeld.length > 0
      ? db.execute<Counted & Record<string, unknown>>(
          outsideOf(byPractice, sql`practice_id = ANY(${uuidArray(notHeld)})`),
        )
      : { rows: [] as Counted[] },
    db.execute<{ dimension: string; value: string; pairs: number; improved: number }>(sql`
      SELECT dimension, value, sum(pairs)::int AS pairs, sum(improved)::int AS improved FROM ${outcomes.table}
      WHERE measure = 'swemwbs' AND item = 'metric' AND dimension IN ${sourceList} AND ${outcomes.where}
      GROUP BY dimension, value`),
  ]);
  return {
    referrals: referrals.rows,
    outside: [...fromNoPractice.rows, ...fromNotHeld.rows],
    outcomes: paired.rows,
    population,
    held,
  };
}

function dimensionTable(d: Dimension, data: Awaited<ReturnType<typeof readRollups>>): ExactTable {
  const tallies = new Map<string, Tally>();
  const at = (key: string) => tallies.get(key) ?? (tallies.set(key, empty()).get(key) as Tally);
  const rowOf = (dimension: string, value: string) => d.sources[dimension]?.(value) ?? NOT_RECORDED.key;
  const withRates = d.population !== null;
  // Practices whose population is held for this dimension: only their referrals enter the rate.
  const populated = d.population ? data.held(d.population) : new Set<string>();
  for (const p of data.population) {
    if (p.dimension === d.population) at(rowOf(p.dimension, p.value)).population += p.people;
  }
  for (const r of data.referrals) {
    if (!(r.dimension in d.sources)) continue;
    const t = at(rowOf(r.dimension, r.value));
    t.referrals += r.n;
    t.referralsWithPopulation += r.n;
  }
  for (const r of data.outside) {
    if (!(r.dimension in d.sources) || (r.practiceId && populated.has(r.practiceId))) continue;
    at(rowOf(r.dimension, r.value)).referralsWithPopulation -= r.n;
  }
  for (const o of data.outcomes) {
    if (!(o.dimension in d.sources)) continue;
    const t = at(rowOf(o.dimension, o.value));
    t.pairs += o.pairs;
    t.improved += o.improved;
  }
  const rows = [...d.rows, NOT_RECORDED].filter((r) => tallies.has(r.key));
  const total = addUp(tallies.values(), empty);
  const notes = withRates
    ? [
        'Rates count the period’s referrals from practices whose registered patients are held by this breakdown, per 1,000 of those patients (not per year).',
      ]
    : [
        'No registered-population figures are held by this breakdown, so no rate per 1,000 patients is given: the share of referrals is shown instead.',
      ];
  notes.push('"Improving": people whose latest SWEMWBS metric score is higher than at baseline, of those with both.');
  return {
    id: `equality-${d.key}`,
    title: d.title,
    description: `Referrals received in the period and SWEMWBS outcomes, by ${d.rowHeader.toLowerCase()}.`,
    chart: 'bar',
    rowHeader: d.rowHeader,
    columns: columns(withRates),
    rows: rows.map((r) => ({
      key: r.key,
      label: r.label,
      values: values(tallies.get(r.key) as Tally, total.referrals, withRates),
    })),
    total: rows.length ? { key: 'total', label: 'Total', values: values(total, total.referrals, withRates) } : null,
    notes,
  };
}

export const buildEquality: SectionBuilder = async (db, f) => {
  const data = await readRollups(db, f);
  return DIMENSIONS.map((d) => dimensionTable(d, data));
};
