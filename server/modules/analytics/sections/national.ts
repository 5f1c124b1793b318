import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { listSnomedCodes } from '../../codes/codes.service.js';
import { count, type ExactCell, type ExactRow, type ExactTable, type SectionBuilder } from '../figures.js';
import { monthLabel, monthsInPeriod } from './months.js';
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
// The rollup rows are read as they are and added up here (the cells below): a GROUP BY would
// sort some ten thousand rows of an ICB to save adding them, and the measures are named as
// lists (each has its one dimension) so that only the covering index is read.

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
      SELECT month::text AS month, practice_id AS "practiceId", measure, value, n
      FROM ${from.table}
      WHERE measure IN ('snomed', 'flow') AND dimension IN ('code', 'stage')
        AND (measure = 'snomed' OR value IN ('received', 'first_contact', 'plan_agreed'))
        AND ${from.where}`),
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

  // One cell per (place, month, column) in a flat array: an ICB has some 150 practices × 12
  // months × a dozen columns, and string-keyed maps of that size cost more than the query.
  const months = monthsInPeriod(f);
  const places = [...practiceRows];
  if (rows.some((r) => r.practiceId === null)) places.push({ id: NOT_FROM_PRACTICE, name: 'Not from a practice' });
  const placeIndex = new Map(places.map((p, i) => [p.id, i]));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  const width = columns.length;
  const add = (array: Float64Array, at: number, n: number) => {
    array[at] = (array[at] ?? 0) + n;
  };
  const cells = new Float64Array(places.length * months.length * width);
  const monthTotals = new Float64Array(months.length * width);
  const totals = new Float64Array(width);
  for (const r of rows) {
    const place = placeIndex.get(r.practiceId ?? NOT_FROM_PRACTICE);
    const month = monthIndex.get(r.month.slice(0, 7));
    const column = columnIndex.get(keyOf(r));
    if (place === undefined || month === undefined || column === undefined) continue;
    add(cells, (place * months.length + month) * width + column, r.n);
    add(monthTotals, month * width + column, r.n);
    add(totals, column, r.n);
  }
  const valuesAt = (array: Float64Array, offset: number) => {
    const values: Record<string, ExactCell> = {};
    columns.forEach((c, i) => {
      values[c.key] = count(array[offset + i] ?? 0);
    });
    return values;
  };

  const perPracticeMonth: ExactRow[] = places.flatMap((p, place) =>
    months.map((m, month) => ({
      key: `${p.id}:${m}`,
      label: `${p.name}, ${monthLabel(m)}`,
      values: valuesAt(cells, (place * months.length + month) * width),
    })),
  );
  const perPractice: ExactRow[] = places.map((p, place) => {
    const sums = new Float64Array(width);
    for (let month = 0; month < months.length; month++) {
      for (let column = 0; column < width; column++) {
        add(sums, column, cells[(place * months.length + month) * width + column] ?? 0);
      }
    }
    return { key: p.id, label: p.name, values: valuesAt(sums, 0) };
  });
  const total: ExactRow = { key: 'total', label: 'Total', values: valuesAt(totals, 0) };
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
    rows: months.map((m, month) => ({ key: m, label: monthLabel(m), values: valuesAt(monthTotals, month * width) })),
    total,
    notes,
  };
  // A PCN reports per practice per month; over several PCNs (a commissioner's ICB-wide view) that
  // table would run to thousands of rows, so each practice's figures for the period are shown
  // instead, and choosing a PCN gives its monthly return.
  if (f.pcnIds.length > 1) {
    const byPractice: ExactTable = {
      id: 'national-by-practice',
      title: 'National figures per practice',
      description: 'The same figures for each practice over the whole period. Choose a PCN for its figures per month.',
      chart: 'none',
      rowHeader: 'Practice',
      columns,
      rows: perPractice,
      total,
      notes,
    };
    return [byMonth, byPractice];
  }
  const byPracticeMonth: ExactTable = {
    id: 'national-by-practice-month',
    title: 'National figures per practice per month',
    description: 'The same figures for each practice and month, as PCNs report them.',
    chart: 'none',
    rowHeader: 'Practice and month',
    columns,
    rows: perPracticeMonth,
    total,
    notes,
  };
  return [byMonth, byPracticeMonth];
};
