import type { FigureRow, FigureTable, FigureUnit, PublishedValue } from '../../../../common/analytics.js';
import { countFigure, statisticFigure } from '../../../../common/suppression.js';
import type { ExactRow, ExactTable, ExactValue } from '../figures.js';
import { rowsWithTotal, sumRelations, suppressDerivedStatistics, suppressSecondary } from './secondary.js';

// Turns a section's exact tables into what the viewer may see (issue 13, "Privacy of figures").
// Exact (`suppress: false`) for a team lead's own PCN on screen; otherwise under NHS Digital's
// small-number rule (common/suppression.ts) followed by secondary suppression (secondary.ts).

export interface PublishOptions {
  /** Apply the small-number rule with secondary suppression (everything outside the team's own PCN). */
  suppress: boolean;
}

type Published = PublishedValue | string;

function publishCell(cell: ExactValue, unit: FigureUnit, exact: boolean): Published {
  if (typeof cell === 'string') return cell;
  if (unit === 'text') return cell.value;
  if (unit === 'count') return cell.value === null ? null : countFigure(cell.value, exact);
  return statisticFigure(cell.value, cell.base, exact);
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
    suppressSecondary(sumRelations(table), published);
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
