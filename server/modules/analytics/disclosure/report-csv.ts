import { type AnalyticsReport, type FigureTable, SUPPRESSION_NOTE } from '../../../../common/analytics.js';
import { ROLE_LABELS } from '../../../../common/roles.js';
import { toCsv } from '../../../platform/csv.js';

// A dashboard section as one CSV: a header block saying what the figures are (period, filters,
// "as of", the small-number note when it applies), then each table as the page shows it. Labels
// come from typed names (practices, PCNs), so every cell goes through platform/csv.ts, which
// neutralises a cell beginning =, +, -, @, tab or CR. That includes a negative number (a change of
// −1.5 reads '-1.5): csv.ts prefers a figure that reads as text to a cell a spreadsheet might run.

type Cell = string | number | null;

function headerBlock(report: AnalyticsReport): Cell[][] {
  const { filters } = report;
  const block: Cell[][] = [
    ['Report', report.title],
    ['Period', `${filters.from} to ${filters.to}`],
    ['PCN', filters.pcn?.name ?? 'All PCNs'],
    ['Practice', filters.practice?.name ?? 'All practices'],
    ['Role', filters.role ? ROLE_LABELS[filters.role] : 'All roles'],
    ['As of', report.asOf ?? 'Not yet brought up to date'],
  ];
  if (report.suppressed) block.push(['Small numbers', SUPPRESSION_NOTE]);
  return block;
}

function tableBlock(table: FigureTable): Cell[][] {
  const cells = (row: FigureTable['rows'][number]): Cell[] => [
    row.label,
    ...table.columns.map((c) => row.values[c.key] ?? null),
  ];
  return [
    [table.title],
    [table.rowHeader, ...table.columns.map((c) => c.label)],
    ...table.rows.map(cells),
    ...(table.total ? [cells(table.total)] : []),
    ...table.notes.map((note) => [note]),
  ];
}

export function reportCsv(report: AnalyticsReport): string {
  const rows: Cell[][] = headerBlock(report);
  for (const table of report.tables) rows.push([], ...tableBlock(table));
  return toCsv(rows);
}

export function reportCsvFilename(report: AnalyticsReport): string {
  const { filters } = report;
  const scope = [filters.pcn?.name, filters.practice?.name]
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ['analytics', report.section, scope || 'icb', filters.from, 'to', filters.to].join('-').concat('.csv');
}
