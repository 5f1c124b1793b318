import type { FigureRow, FigureTable, FigureUnit, PublishedValue } from '../../../../common/analytics.js';
import { countFigure, statisticFigure } from '../../../../common/suppression.js';
import type { ExactRow, ExactTable, ExactValue } from '../figures.js';
import { relationsToProtect, rowsWithTotal, suppressDerivedStatistics, suppressSecondary } from './secondary.js';

// Turns a section's exact tables into what the viewer may see (issue 13, "Privacy of figures").
// Exact (`suppress: false`) for a team lead's own PCN on screen; otherwise under NHS Digital's
// small-number rule (common/suppression.ts) followed by secondary suppression (secondary.ts).

export interface PublishOptions {
  /** Apply the small-number rule with secondary suppression (everything outside the team's own PCN). */
  suppress: boolean;
}

type Published = PublishedValue | string;

const roundTo = (value: number, step: number) => Math.round(Math.round(value / step) * step * 10) / 10;

/**
 * How finely a statistic on `base` records may be shown under suppression. A percentage to 0.1 %
 * gives its count back: on a base n ≤ 99 nearly every k/n has a 0.1 % value no other pair near it
 * shares, so a count shown as 15 (13–17) beside 41.2 % can only be 7 of 17, and exact counts
 * subtracted from a total give back a "*". Whole percentages still pin about 300 of the pairs with
 * n of 8–99, nearest 5 points still pins 3/10, 7/10 and 10/12 (a step of 1/n is wider than 5 points
 * there), so: 10 points below 20 records, 5 below 100, whole numbers from 100 (measured by the
 * property test in publish-statistics.property.test.ts). A rate per 1,000 keeps its decimal only
 * from 100 records. Means, medians and scores are not ratios of counts: one decimal is plenty.
 */
function coarsenStatistic(value: number, unit: FigureUnit, base: number): number {
  if (unit === 'percent') return roundTo(value, base < 20 ? 10 : base < 100 ? 5 : 1);
  if (unit === 'rate') return roundTo(value, base < 100 ? 1 : 0.1);
  return roundTo(value, 0.1);
}

function publishCell(cell: ExactValue, unit: FigureUnit, exact: boolean): Published {
  if (typeof cell === 'string') return cell;
  if (unit === 'text') return cell.value;
  if (unit === 'count') return cell.value === null ? null : countFigure(cell.value, exact);
  const figure = statisticFigure(cell.value, cell.base, exact);
  return exact || typeof figure !== 'number' ? figure : coarsenStatistic(figure, unit, cell.base);
}

function publishRow(row: ExactRow, units: Map<string, FigureUnit>, exact: boolean): FigureRow {
  const values: Record<string, Published> = {};
  // Only declared columns are published: a value a builder left under another key is never shown,
  // and so it must not travel either (it has no unit to publish it under).
  for (const [key, unit] of units) {
    const cell = row.values[key];
    if (cell !== undefined) values[key] = publishCell(cell, unit, exact);
  }
  return { key: row.key, label: row.label, values };
}

/** One exact table as the viewer may see it. */
export function publish(table: ExactTable, { suppress }: PublishOptions): FigureTable {
  const units = new Map(table.columns.map((c) => [c.key, c.unit] as const));
  const { rowSums: _structure, ...shape } = table;
  const published = rowsWithTotal(table).map((row) => publishRow(row, units, !suppress));
  if (suppress) {
    suppressSecondary(relationsToProtect(table), published);
    suppressDerivedStatistics(table, published);
  }
  return {
    ...shape,
    rows: published.slice(0, table.rows.length),
    total: published[table.rows.length] ?? null,
  };
}

/** A section's exact tables as the viewer may see them. */
export const publishReport = (tables: readonly ExactTable[], options: PublishOptions): FigureTable[] =>
  tables.map((table) => publish(table, options));
