import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { listSnomedCodes } from '../../codes/codes.service.js';
import { count, type ExactCell, type ExactRow, type ExactTable, type SectionBuilder } from '../figures.js';
import { monthLabel, monthsInPeriod, tally } from './months.js';
import { rollupSource, uuidArray } from './rollup-filters.js';

// The national figures (issue 13) per practice per month, for a PCN's returns:
// - the SNOMED CT coded social prescribing events (analytics_counts measure 'snomed', dimension
//   'code', in the month of the event), labelled from the code table (server/modules/codes);
// - three of the personalised care figures PCNs report, from the flow rollup (measure 'flow',
//   dimension 'stage'): referrals received ('received'), referrals with a first contact
//   ('first_contact'), and personalised care and support plans agreed ('plan_agreed').
//   These are counted in the rollup's month (the month the referral was received), so a later
//   month's plans may still grow as work goes on.
// Referrals that came from no practice are a row of their own.

const CARE_FIGURES = [
  ['received', 'Referrals received'],
  ['first_contact', 'Referrals with a first contact'],
  ['plan_agreed', 'Personalised care plans agreed'],
] as const;
const NOT_FROM_PRACTICE = 'not-from-practice';

export const nationalSection: SectionBuilder = async (db, f) => {
  const from = rollupSource('counts', f, { byPractice: true });
  const [{ rows }, { rows: practiceRows }, codes] = await Promise.all([
    db.execute<{ month: string; practiceId: string | null; measure: string; value: string; n: number }>(sql`
      SELECT to_char(month, 'YYYY-MM') AS month, practice_id AS "practiceId", measure, value, sum(n)::int AS n
      FROM ${from.table}
      WHERE ((measure = 'snomed' AND dimension = 'code')
          OR (measure = 'flow' AND dimension = 'stage' AND value IN ('received', 'first_contact', 'plan_agreed')))
        AND ${from.where}
      GROUP BY 1, 2, 3, 4`),
    db.execute<{ id: string; name: string }>(sql`
      SELECT id, name FROM practices
      WHERE pcn_id = ANY(${uuidArray(f.pcnIds)}) AND (${f.practiceId}::uuid IS NULL OR id = ${f.practiceId}::uuid)
      ORDER BY name`),
    listSnomedCodes(db),
  ]);
  const seen = new Set(rows.filter((r) => r.measure === 'snomed').map((r) => r.value));
  const coded = codes.filter((c) => c.status === 'verified' || seen.has(c.code));
  for (const code of seen) {
    if (!coded.some((c) => c.code === code))
      coded.push({ code, term: 'Code not in the code table', status: 'unverified', usage: '' });
  }
  const columns: FigureColumn[] = [
    ...coded.map((c) => ({
      key: `snomed:${c.code}`,
      label: `${c.term} (SNOMED CT ${c.code})`,
      unit: 'count' as const,
    })),
    ...CARE_FIGURES.map(([key, label]) => ({ key, label, unit: 'count' as const })),
  ];
  const keyOf = (r: { measure: string; value: string }) => (r.measure === 'snomed' ? `snomed:${r.value}` : r.value);

  const cells = new Map<string, number>(); // `${practice}|${month}|${column}`
  const monthTotals = new Map<string, number>(); // `${month}|${column}`
  const totals = new Map<string, number>();
  for (const r of rows) {
    tally(cells, `${r.practiceId ?? NOT_FROM_PRACTICE}|${r.month}|${keyOf(r)}`, r.n);
    tally(monthTotals, `${r.month}|${keyOf(r)}`, r.n);
    tally(totals, keyOf(r), r.n);
  }
  const valuesOf = (get: (column: string) => number) =>
    Object.fromEntries(columns.map((c) => [c.key, count(get(c.key))])) as Record<string, ExactCell>;
  const months = monthsInPeriod(f);
  const places = [...practiceRows];
  if (rows.some((r) => r.practiceId === null)) places.push({ id: NOT_FROM_PRACTICE, name: 'Not from a practice' });

  const perPractice: ExactRow[] = places.flatMap((p) =>
    months.map((m) => ({
      key: `${p.id}:${m}`,
      label: `${p.name}, ${monthLabel(m)}`,
      values: valuesOf((c) => cells.get(`${p.id}|${m}|${c}`) ?? 0),
    })),
  );
  const total: ExactRow = { key: 'total', label: 'Total', values: valuesOf((c) => totals.get(c) ?? 0) };
  const notes = [
    'Coded events are counted in the month they happened; referrals, first contacts and plans in the month the referral was received.',
    'SNOMED CT codes are those Waymark records on referral events (see the code table).',
  ];

  const byMonth: ExactTable = {
    id: 'national-by-month',
    title: 'National figures per month',
    description:
      'Coded social prescribing events and personalised care figures in each month, for all practices in the filter.',
    chart: 'line',
    rowHeader: 'Month',
    columns,
    rows: months.map((m) => ({
      key: m,
      label: monthLabel(m),
      values: valuesOf((c) => monthTotals.get(`${m}|${c}`) ?? 0),
    })),
    total,
    notes,
  };
  const byPracticeMonth: ExactTable = {
    id: 'national-by-practice-month',
    title: 'National figures per practice per month',
    description: 'The same figures for each practice and month, as PCNs report them.',
    chart: 'none',
    rowHeader: 'Practice and month',
    columns,
    rows: perPractice,
    total,
    notes,
  };
  return [byMonth, byPracticeMonth];
};
