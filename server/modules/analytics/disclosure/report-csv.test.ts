import { describe, expect, it } from 'vitest';
import { type AnalyticsReport, SUPPRESSION_NOTE } from '../../../../common/analytics.js';
import { reportCsv, reportCsvFilename } from './report-csv.js';

const report = (overrides: Partial<AnalyticsReport> = {}): AnalyticsReport => ({
  section: 'outcomes',
  title: 'Outcomes',
  asOf: '2026-12-06T01:00:00.000Z',
  filters: {
    pcn: { id: 'p1', name: 'Northshire Central PCN' },
    practice: null,
    from: '2026-01',
    to: '2026-03',
    role: 'link_worker',
  },
  suppressed: true,
  tables: [
    {
      id: 'change',
      title: 'Change in SWEMWBS',
      description: 'Paired baseline to latest.',
      chart: 'bar',
      rowHeader: 'Practice',
      columns: [
        { key: 'pairs', label: 'People, paired', unit: 'count' },
        { key: 'change', label: 'Mean change', unit: 'score' },
      ],
      rows: [
        { key: 'a', label: '=HYPERLINK("http://evil.example","x")', values: { pairs: '*', change: '*' } },
        { key: 'b', label: 'Harbour Surgery', values: { pairs: 15, change: -1.5 } },
        { key: 'c', label: 'Quay Practice', values: { pairs: 0, change: null } },
      ],
      total: { key: 'total', label: 'All practices', values: { pairs: 20, change: 2.25 } },
      notes: ['Higher is better.'],
    },
  ],
  ...overrides,
});

const lines = (csv: string) => csv.split('\r\n');

describe('report CSV', () => {
  it('starts with a header block: title, period, filters by name, as of, the suppression note', () => {
    expect(lines(reportCsv(report())).slice(0, 8)).toEqual([
      'Report,Outcomes',
      'Period,2026-01 to 2026-03',
      'PCN,Northshire Central PCN',
      'Practice,All practices',
      'Role,Social prescribing link worker',
      'As of,2026-12-06T01:00:00.000Z',
      `Small numbers,"${SUPPRESSION_NOTE.replace(/"/g, '""')}"`,
      '',
    ]);
  });

  it('leaves the suppression note out of exact figures', () => {
    expect(reportCsv(report({ suppressed: false }))).not.toContain('Small numbers');
  });

  it('writes each table: title, header row, rows (with "*"), total, notes', () => {
    expect(lines(reportCsv(report())).slice(8)).toEqual([
      'Change in SWEMWBS',
      'Practice,"People, paired",Mean change',
      '"\'=HYPERLINK(""http://evil.example"",""x"")",*,*',
      "Harbour Surgery,15,'-1.5",
      'Quay Practice,0,',
      'All practices,20,2.25',
      'Higher is better.',
      '',
    ]);
  });

  it('names the file by section, filters and period', () => {
    expect(reportCsvFilename(report())).toBe('analytics-outcomes-northshire-central-pcn-2026-01-to-2026-03.csv');
    expect(reportCsvFilename(report({ filters: { ...report().filters, pcn: null } }))).toBe(
      'analytics-outcomes-icb-2026-01-to-2026-03.csv',
    );
  });
});
