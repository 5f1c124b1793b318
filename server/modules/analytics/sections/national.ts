import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { count, type ExactCell, type ExactRow, type ExactTable, type SectionBuilder } from '../figures.js';
import { monthLabel, monthsInPeriod } from './months.js';
import { practicesOf, snomedCodesOf } from './reference.js';
import { rollupSource } from './rollup-filters.js';

// The national figures (issue 13) per practice per month, for a PCN's returns:
// - the SNOMED CT coded social prescribing events (analytics_counts measure 'snomed', dimension
//   'code', in the month of the event), labelled from the code table (server/modules/codes);
// - three of the personalised care figures PCNs report, from the flow rollup (measure 'flow',
//   dimension 'stage'): referrals received ('received'), referrals with a first contact
//   ('first_contact'), and personalised care and support plans agreed ('plan_agreed').
//   These are counted in the rollup's month (the month the referral was received), so a later
//   month's plans may still grow as work goes on.
// Referrals that came from no practice are a row of their own.
// The measures are named as lists (each has its one dimension), so only the covering index is
// read. Over one PCN the rows per practice and month are read as they are; over several (a
// commissioner's ICB) PostgreSQL adds them up per practice over the period and per month, so
// some three thousand rows come back instead of ten thousand.

const CARE_FIGURES = [
  ['received', 'Referrals received'],
  ['first_contact', 'Referrals with a first contact'],
  ['plan_agreed', 'Personalised care plans agreed'],
] as const;
const NOT_FROM_PRACTICE = 'not-from-practice';

export const nationalSection: SectionBuilder = async (db, f) => {
  const from = rollupSource('counts', f, { byPractice: true });
  // Over several PCNs the table is per practice for the whole period (see byPractice below).
  const perPracticeMonth = f.pcnIds.length === 1;
  const [{ rows }, practiceRows, codes] = await Promise.all([
    db.execute<{
      month: string | null;
      practiceId: string | null;
      place: boolean;
      measure: string;
      value: string;
      n: number;
    }>(sql`
      SELECT month::text AS month, practice_id AS "practiceId", grouping(practice_id) = 0 AS place,
             measure, value, sum(n)::int AS n
      FROM ${from.table}
      WHERE measure IN ('snomed', 'flow') AND dimension IN ('code', 'stage')
        AND (measure = 'snomed' OR value IN ('received', 'first_contact', 'plan_agreed'))
        AND ${from.where}
      GROUP BY ${
        perPracticeMonth
          ? sql`month, practice_id, measure, value`
          : sql`GROUPING SETS ((practice_id, measure, value), (month, measure, value))`
      }`),
    practicesOf(db, f),
    snomedCodesOf(db),
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

  // Cells in flat arrays indexed by (place, month, column): string-keyed maps of an ICB's
  // practices × months × a dozen columns cost more than the query.
  const months = monthsInPeriod(f);
  const places: { id: string; name: string }[] = [...practiceRows];
  if (rows.some((r) => r.place && r.practiceId === null))
    places.push({ id: NOT_FROM_PRACTICE, name: 'Not from a practice' });
  const placeIndex = new Map(places.map((p, i) => [p.id, i]));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  const width = columns.length;
  const add = (array: Float64Array, at: number, n: number) => {
    array[at] = (array[at] ?? 0) + n;
  };
  const cells = new Float64Array(perPracticeMonth ? places.length * months.length * width : 0);
  const placeTotals = new Float64Array(places.length * width);
  const monthTotals = new Float64Array(months.length * width);
  const totals = new Float64Array(width);
  for (const r of rows) {
    const column = columnIndex.get(keyOf(r));
    if (column === undefined) continue;
    // A row is of one place (and one month, over one PCN), or of one month over every place.
    const place = r.place ? placeIndex.get(r.practiceId ?? NOT_FROM_PRACTICE) : undefined;
    const month = r.month === null ? undefined : monthIndex.get(r.month.slice(0, 7));
    if (place !== undefined) {
      add(placeTotals, place * width + column, r.n);
      add(totals, column, r.n);
    }
    if (month !== undefined) add(monthTotals, month * width + column, r.n);
    if (perPracticeMonth && place !== undefined && month !== undefined)
      add(cells, (place * months.length + month) * width + column, r.n);
  }
  const valuesAt = (array: Float64Array, offset: number) => {
    const values: Record<string, ExactCell> = {};
    columns.forEach((c, i) => {
      values[c.key] = count(array[offset + i] ?? 0);
    });
    return values;
  };

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
  if (!perPracticeMonth) {
    const byPractice: ExactTable = {
      id: 'national-by-practice',
      title: 'National figures per practice',
      description: 'The same figures for each practice over the whole period. Choose a PCN for its figures per month.',
      chart: 'none',
      rowHeader: 'Practice',
      columns,
      rows: places.map((p, place) => ({ key: p.id, label: p.name, values: valuesAt(placeTotals, place * width) })),
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
    rows: places.flatMap((p, place) =>
      months.map((m, month) => ({
        key: `${p.id}:${m}`,
        label: `${p.name}, ${monthLabel(m)}`,
        values: valuesAt(cells, (place * months.length + month) * width),
      })),
    ),
    total,
    notes,
  };
  return [byMonth, byPracticeMonth];
};
