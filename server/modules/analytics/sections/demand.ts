import { sql } from 'drizzle-orm';
import { REFERRAL_SOURCES } from '../../../../common/referrals.js';
import type { Db } from '../../../platform/db/client.js';
import {
  count,
  type ExactRow,
  type ExactTable,
  type ResolvedFilters,
  type SectionBuilder,
  statistic,
} from '../figures.js';
import { monthLabel, monthsInPeriod, tally } from './months.js';
import { practicesOf, reasonLabelsOf } from './reference.js';
import { forReferrals, percent, rollupSource, round1 } from './rollup-filters.js';

// Demand (issue 13): referrals received, from the analytics_counts rollup, measure 'referrals'
// (month = month received):
// - dimension 'source': one row per referral (practice | professional | self), so its sum is
//   the number of referrals;
// - dimension 'reason': one row per reason given, so a referral with two reasons counts twice.
// Rates per 1,000 registered patients use practices.list_size. Self-referrals and referrals by
// other professionals come from no practice (practice_id null): they are in every count, but not
// in a rate, since no practice's list is their population. Practices without a list size are
// left out of the rates too, numerator and denominator alike.

const SOURCE_LABELS: Record<(typeof REFERRAL_SOURCES)[number], string> = {
  practice: 'GP practice',
  professional: 'Another professional',
  self: 'Self-referral',
};
const NOT_FROM_PRACTICE = 'not-from-practice';

/**
 * Referrals by source summed three ways by PostgreSQL (GROUPING SETS): per month (split by
 * whether the practice has a list size, for the rate), per source, and per practice. Over a
 * whole ICB that is some two hundred rows instead of every practice's every month and source.
 */
interface SourceRow {
  by: 'month' | 'source' | 'practice';
  month: string | null;
  listed: boolean | null;
  value: string | null;
  practiceId: string | null;
  n: number;
}

async function readRollups(db: Db, f: ResolvedFilters) {
  // Sources by practice (for the rates and the practice table); reasons need no practice.
  const bySource = rollupSource('counts', forReferrals(f), { byPractice: true });
  const byReason = rollupSource('counts', forReferrals(f));
  const [sourceRows, reasonRows, practices, labels] = await Promise.all([
    db.execute<SourceRow & Record<string, unknown>>(sql`
      SELECT CASE WHEN grouping(s.month) = 0 THEN 'month' WHEN grouping(s.value) = 0 THEN 'source' ELSE 'practice' END AS by,
             to_char(s.month, 'YYYY-MM') AS month, p.list_size IS NOT NULL AS listed, s.value,
             s.practice_id AS "practiceId", sum(s.n)::int AS n
      FROM (SELECT month, practice_id, value, n FROM ${bySource.table}
             WHERE measure = 'referrals' AND dimension = 'source' AND ${bySource.where}) s
      LEFT JOIN practices p ON p.id = s.practice_id
      GROUP BY GROUPING SETS ((s.month, p.list_size IS NOT NULL), (s.value), (s.practice_id))`),
    db.execute<{ value: string; n: number }>(sql`
      SELECT value, sum(n)::int AS n FROM ${byReason.table}
      WHERE measure = 'referrals' AND dimension = 'reason' AND ${byReason.where}
      GROUP BY 1`),
    practicesOf(db, f),
    reasonLabelsOf(db),
  ]);
  return { sources: sourceRows.rows, reasons: reasonRows.rows, practices, labels };
}

const per1000 = (n: number, people: number) => (people === 0 ? null : round1((1000 * n) / people));

export const demandSection: SectionBuilder = async (db, f) => {
  const { sources, reasons, practices, labels } = await readRollups(db, f);
  const listed = new Map(practices.filter((p) => p.listSize !== null).map((p) => [p.id, p.listSize as number]));
  const population = [...listed.values()].reduce((s, n) => s + n, 0);
  const byMonth = new Map<string, number>();
  const listedByMonth = new Map<string, number>();
  const bySource = new Map<string, number>();
  const byPractice = new Map<string, number>();
  for (const r of sources) {
    if (r.by === 'month' && r.month) {
      tally(byMonth, r.month, r.n);
      if (r.listed) tally(listedByMonth, r.month, r.n);
    } else if (r.by === 'source' && r.value) tally(bySource, r.value, r.n);
    else if (r.by === 'practice') tally(byPractice, r.practiceId ?? NOT_FROM_PRACTICE, r.n);
  }
  const total = [...byMonth.values()].reduce((s, n) => s + n, 0);
  const listedTotal = [...listedByMonth.values()].reduce((s, n) => s + n, 0);
  const months = monthsInPeriod(f);
  const listNote = `Registered patients: ${population.toLocaleString('en-GB')} at ${listed.size} of ${practices.length} practices with a list size recorded.`;

  const perMonth: ExactTable = {
    id: 'demand-referrals-by-month',
    title: 'Referrals received per month',
    description: 'Referrals received in each month, from every source.',
    chart: 'line',
    rowHeader: 'Month',
    columns: [{ key: 'referrals', label: 'Referrals', unit: 'count' }],
    rows: months.map((m) => ({ key: m, label: monthLabel(m), values: { referrals: count(byMonth.get(m) ?? 0) } })),
    total: { key: 'total', label: 'Total', values: { referrals: count(total) } },
    notes: [],
  };

  const ratePerMonth: ExactTable = {
    id: 'demand-rate-by-month',
    title: 'Referrals per 1,000 registered patients per month',
    description:
      'Referrals from practices with a list size recorded, per 1,000 of their registered patients, in each month.',
    chart: 'line',
    rowHeader: 'Month',
    columns: [{ key: 'rate', label: 'Referrals per 1,000 patients', unit: 'rate' }],
    rows: months.map((m) => {
      const n = listedByMonth.get(m) ?? 0;
      return { key: m, label: monthLabel(m), values: { rate: statistic(per1000(n, population), n) } };
    }),
    total: {
      key: 'total',
      label: 'Whole period',
      values: { rate: statistic(per1000(listedTotal, population), listedTotal) },
    },
    notes: [
      listNote,
      'Self-referrals and referrals by other professionals come from no practice, so they are not in these rates (they are in the counts).',
    ],
  };

  const bySourceTable: ExactTable = {
    id: 'demand-by-source',
    title: 'Referrals by source',
    description: 'Who made the referral.',
    chart: 'bar',
    rowHeader: 'Source',
    columns: [{ key: 'referrals', label: 'Referrals', unit: 'count' }],
    rows: REFERRAL_SOURCES.map((s) => ({
      key: s,
      label: SOURCE_LABELS[s],
      values: { referrals: count(bySource.get(s) ?? 0) },
    })),
    total: { key: 'total', label: 'Total', values: { referrals: count(total) } },
    notes: [],
  };

  const byReason = new Map<string, number>();
  for (const r of reasons) tally(byReason, r.value, r.n);
  const reasonRows: ExactRow[] = [...byReason.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({
      key: code,
      label: labels.get(code) ?? code,
      values: { referrals: count(n), share: statistic(percent(n, total), total) },
    }));
  const byReasonTable: ExactTable = {
    id: 'demand-by-reason',
    title: 'Referrals by reason',
    description:
      'Why people were referred. A referral may give more than one reason, so the rows add up to more than the referrals.',
    chart: 'bar',
    rowHeader: 'Reason',
    columns: [
      { key: 'referrals', label: 'Referrals giving this reason', unit: 'count' },
      { key: 'share', label: '% of referrals', unit: 'percent' },
    ],
    rows: reasonRows,
    total: null,
    notes: [],
  };

  const practiceRows: ExactRow[] = practices.map((p) => {
    const n = byPractice.get(p.id) ?? 0;
    const rate = p.listSize === null ? null : per1000(n, p.listSize);
    return { key: p.id, label: p.name, values: { referrals: count(n), rate: statistic(rate, rate === null ? 0 : n) } };
  });
  const elsewhere = byPractice.get(NOT_FROM_PRACTICE) ?? 0;
  if (elsewhere > 0) {
    practiceRows.push({
      key: NOT_FROM_PRACTICE,
      label: 'Not from a practice (self-referrals, other professionals)',
      values: { referrals: count(elsewhere), rate: statistic(null, 0) },
    });
  }
  const byPracticeTable: ExactTable = {
    id: 'demand-by-practice',
    title: 'Referrals by practice',
    description:
      'Referrals in the period from each practice, and per 1,000 of its registered patients over the period.',
    chart: 'bar',
    rowHeader: 'Practice',
    columns: [
      { key: 'referrals', label: 'Referrals', unit: 'count' },
      { key: 'rate', label: 'Per 1,000 patients', unit: 'rate' },
    ],
    rows: practiceRows,
    total: {
      key: 'total',
      label: 'Total',
      values: { referrals: count(total), rate: statistic(per1000(listedTotal, population), listedTotal) },
    },
    notes: [listNote],
  };

  return [perMonth, ratePerMonth, bySourceTable, byReasonTable, byPracticeTable];
};
