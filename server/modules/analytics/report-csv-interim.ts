import { type AnalyticsReport, SUPPRESSION_NOTE } from '../../../common/analytics.js';
import { toCsv } from '../../platform/csv.js';

// INTERIM: the disclosure helper owns the report CSV (disclosure/, `reportCsv(report)`); until it
// lands, this plain version keeps the download working: a header block (section, period,
// filters, as of, the suppression note), then each table under its title. Cells go through
// platform/csv.ts's formula-injection guard.
export function reportCsv(report: AnalyticsReport): string {
  const f = report.filters;
  const rows: (string | number | null)[][] = [
    ['Waymark figures', report.title],
    ['Period', `${f.from} to ${f.to}`],
    ['PCN', f.pcn?.name ?? 'All PCNs in the ICB'],
    ['Practice', f.practice?.name ?? 'All practices'],
    ['Role', f.role ?? 'All roles'],
    ['As of', report.asOf ?? 'not yet calculated'],
    ['Small numbers', report.suppressed ? SUPPRESSION_NOTE : 'Exact figures'],
  ];
  for (const table of report.tables) {
    rows.push([], [table.title], [table.rowHeader, ...table.columns.map((c) => c.label)]);
    for (const row of table.total ? [...table.rows, table.total] : table.rows) {
      rows.push([row.label, ...table.columns.map((c) => row.values[c.key] ?? null)]);
    }
  }
  return toCsv(rows);
}

export function reportCsvFilename(report: AnalyticsReport): string {
  return `waymark-${report.section}-${report.filters.from}-to-${report.filters.to}.csv`;
}
