import type { FigureRow, FigureUnit } from '../../../../common/analytics.js';
import { SUPPRESSED } from '../../../../common/suppression.js';
import type { ExactCell, ExactRow, ExactTable } from '../figures.js';

// Secondary suppression (issue 13: "no suppressed cell can be recovered from row/column totals").
//
// NHS Digital's rule already rounds every shown count to the nearest 5, and on its own that keeps
// a lone "*" from being worked out exactly: a row's total shown as 20 is 18–22, a neighbour shown
// as 10 is 8–12, so the "*" is 6 or 7 — which is the trouble: rounding narrows a "*" from
// 1–7 to two values there, and a total published exactly anywhere else (a list size, a national
// return, the lead's own exact view passed on) turns the subtraction exact again. So we do both:
// round, and never let a sum relation of a table (its totals row, its row-sum columns, and two row
// sums of one row taken together: see relationsToProtect) hold exactly one "*". Where one would,
// the smallest other non-zero cell of that relation is hidden too, and we repeat until no
// relation has a lone "*" (a newly hidden cell can leave a lone "*" in the relation crossing it).
// Two filters' difference (an ICB and one of its PCNs) is left to rounding: each side's cell is
// known only as a 5-value rounding interval (or as "*", 1 or more), so whole − part keeps the
// spread of two such intervals (9 values) cut only at 0, and a true difference of 1–7 is never
// left alone in it. The property tests (publish.property.test.ts) check both attacks against
// every cell.

/** A count cell of a table: its row (the totals row is `rows.length`) and column. */
export interface CellRef {
  row: number;
  column: string;
}

/** One declared sum: `total` equals the sum of `parts` (missing parts count as 0). */
export interface SumRelation {
  total: CellRef;
  parts: CellRef[];
}

/** The table's rows, then its totals row (when it has one). */
export const rowsWithTotal = <R>(table: { rows: R[]; total: R | null }): R[] =>
  table.total ? [...table.rows, table.total] : table.rows;

const asCell = (value: ExactRow['values'][string] | undefined): ExactCell | null =>
  typeof value === 'object' && value.value !== null ? value : null;

/** The exact count in a cell, or null when the cell is not a count. */
export function exactCount(table: ExactTable, ref: CellRef): number | null {
  return countReader(table)(ref);
}

/**
 * A reader of exact counts over one table: its rows (with the totals row) and count columns
 * looked up once, since a table of practices by month has thousands of cells.
 */
function countReader(table: ExactTable): (ref: CellRef) => number | null {
  const rows = rowsWithTotal(table);
  const counts = new Set(table.columns.filter((c) => c.unit === 'count').map((c) => c.key));
  return (ref) => (counts.has(ref.column) ? (asCell(rows[ref.row]?.values[ref.column])?.value ?? null) : null);
}

/** The sums of a table's totals row down each count column. */
function columnSums(table: ExactTable, isCount: (ref: CellRef) => boolean): SumRelation[] {
  if (!table.total) return [];
  const totalRow = table.rows.length;
  return table.columns
    .map(({ key }) => ({ row: totalRow, column: key }))
    .filter(isCount)
    .map((total) => ({ total, parts: table.rows.map((_, row) => ({ row, column: total.column })).filter(isCount) }));
}

/** The row sums of each row (the totals row included), row by row. */
function rowSumsByRow(table: ExactTable, isCount: (ref: CellRef) => boolean): SumRelation[][] {
  return rowsWithTotal(table).map((_, row) =>
    (table.rowSums ?? [])
      .filter((sum) => isCount({ row, column: sum.total }))
      .map((sum) => ({
        total: { row, column: sum.total },
        parts: sum.parts.map((column) => ({ row, column })).filter(isCount),
      })),
  );
}

const countTest = (table: ExactTable) => {
  const read = countReader(table);
  return (ref: CellRef) => read(ref) !== null;
};

/** Every sum the table declares, between cells that hold counts. */
export function sumRelations(table: ExactTable): SumRelation[] {
  const isCount = countTest(table);
  return [...columnSums(table, isCount), ...rowSumsByRow(table, isCount).flat()];
}

/**
 * The relations secondary suppression keeps free of a lone "*": the declared sums, and for each row
 * every pair of its row sums taken together. Two sums of one row give a third relation between
 * their totals and the parts only one of them holds (sum0 − sum1 = c1 + c3 when sum1 adds up c0
 * and c2 of sum0's c0–c3), and rounding can pin a lone "*" in it: a row with c0–c3 of 3, 1, 15, 8
 * shown as *, *, *, 10 under sums of 25 and 20 leaves c1 = sum0 − sum1 − c3 ≤ 27 − 18 − 8 = 1.
 * (Found by the property test, seed 1511578089.) The signs do not matter here, only which cells
 * a relation ties together, so the pair is listed as one more relation of those cells.
 */
export function relationsToProtect(table: ExactTable): SumRelation[] {
  const pairs = rowSumsByRow(table, countTest(table)).flatMap((sums) =>
    sums.flatMap((a, i) =>
      sums.slice(i + 1).map((b) => {
        const inA = new Set(a.parts.map((p) => p.column));
        const inB = new Set(b.parts.map((p) => p.column));
        const inOne = [...a.parts.filter((p) => !inB.has(p.column)), ...b.parts.filter((p) => !inA.has(p.column))];
        return { total: a.total, parts: [b.total, ...inOne] };
      }),
    ),
  );
  return [...sumRelations(table), ...pairs];
}

type Shown = FigureRow['values'][string];

/** The shown cell with the smallest positive figure (the first of equals), if any. */
function smallestShown(refs: CellRef[], shown: (ref: CellRef) => Shown | undefined): CellRef | null {
  let best: CellRef | null = null;
  let bestFigure = Number.POSITIVE_INFINITY;
  for (const ref of refs) {
    const figure = shown(ref);
    if (typeof figure === 'number' && figure > 0 && figure < bestFigure) {
      best = ref;
      bestFigure = figure;
    }
  }
  return best;
}

/**
 * Hides further cells of `published` (the table's rows then its totals row, already under the
 * primary rule) until no sum relation holds a lone "*"; returns the cells it hid.
 */
export function suppressSecondary(relations: SumRelation[], published: FigureRow[]): CellRef[] {
  const shown = (ref: CellRef) => published[ref.row]?.values[ref.column];
  const hidden: CellRef[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const cells = [relation.total, ...relation.parts];
      const lone = cells.filter((ref) => shown(ref) === SUPPRESSED);
      if (lone.length !== 1) continue;
      // A part rather than the total where one is left: the total is the figure readers want most.
      // The choice goes by the shown (rounded) figure, so it tells nothing finer than the table does.
      const next = smallestShown(relation.parts, shown) ?? smallestShown([relation.total], shown);
      if (!next) continue;
      const row = published[next.row];
      if (row) row.values[next.column] = SUPPRESSED;
      hidden.push(next);
      changed = true;
    }
  }
  return hidden;
}

const NUMERATOR_SCALE: Partial<Record<FigureUnit, number>> = { percent: 100, rate: 1000 };

/**
 * Whether a statistic could give back a hidden count of its row: it is built on that many
 * records, or it is a percentage (or rate per 1,000) whose numerator is that count. The table does
 * not say which count a statistic is built on, so this reads it from the figures; a coincidence
 * only hides one figure more than needed.
 */
function builtOn(cell: ExactCell, unit: FigureUnit, hiddenCount: number): boolean {
  if (cell.base === hiddenCount) return true;
  const scale = NUMERATOR_SCALE[unit];
  if (!scale || cell.value === null) return false;
  // Allow for the statistic having been rounded to a whole number before it reached us.
  const tolerance = 0.5 + (0.5 * cell.base) / scale;
  return Math.abs((cell.value * cell.base) / scale - hiddenCount) <= tolerance;
}

/** Hides each statistic of a row that is built on one of the row's hidden counts. */
export function suppressDerivedStatistics(table: ExactTable, published: FigureRow[]): void {
  const exactRows = rowsWithTotal(table);
  const read = countReader(table);
  published.forEach((row, index) => {
    const hiddenCounts = table.columns
      .filter((c) => c.unit === 'count' && row.values[c.key] === SUPPRESSED)
      .map((c) => read({ row: index, column: c.key }))
      .filter((n): n is number => n !== null);
    if (hiddenCounts.length === 0) return;
    for (const { key, unit } of table.columns) {
      if (unit === 'count' || unit === 'text' || typeof row.values[key] !== 'number') continue;
      const cell = asCell(exactRows[index]?.values[key]);
      if (cell && hiddenCounts.some((n) => builtOn(cell, unit, n))) row.values[key] = SUPPRESSED;
    }
  });
}
