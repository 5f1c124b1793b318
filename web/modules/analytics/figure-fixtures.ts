import type { AnalyticsOptions, FigureTable } from '../../../common/analytics';

// Hand-made figure tables and options, shaped as the API answers them, for the unit tests.

export const waitsByMonth: FigureTable = {
  id: 'waits-by-month',
  title: 'Working days to first contact, by month',
  description: 'Median and 90th centile of working days from referral to first contact.',
  chart: 'line',
  rowHeader: 'Month',
  columns: [
    { key: 'median', label: 'Median', unit: 'days' },
    { key: 'p90', label: '90th centile', unit: 'days' },
    { key: 'metPercent', label: 'Within target', unit: 'percent' },
    { key: 'referrals', label: 'Referrals', unit: 'count' },
  ],
  rows: [
    { key: '2026-04', label: '2026-04', values: { median: 4, p90: 11, metPercent: 81.25, referrals: 120 } },
    { key: '2026-05', label: '2026-05', values: { median: '*', p90: '*', metPercent: '*', referrals: '*' } },
    { key: '2026-06', label: '2026-06', values: { median: 5.5, p90: 14, metPercent: 70, referrals: 1235 } },
    { key: '2026-07', label: '2026-07', values: { median: null, p90: null, metPercent: null, referrals: 0 } },
  ],
  total: { key: 'total', label: 'All months', values: { median: 5, p90: 12, metPercent: 75, referrals: 1360 } },
  notes: ['Working days leave out weekends and bank holidays in England.'],
};

export const sourcesStacked: FigureTable = {
  id: 'sources',
  title: 'Referrals by source',
  description: 'Where referrals came from.',
  chart: 'stacked-bar',
  rowHeader: 'Practice',
  columns: [
    { key: 'gp', label: 'GP practice', unit: 'count' },
    { key: 'self', label: 'Self-referral', unit: 'count' },
    { key: 'note', label: 'Note', unit: 'text' },
  ],
  rows: [
    { key: 'a', label: 'Riverside Surgery', values: { gp: 40, self: 15, note: 'new' } },
    { key: 'b', label: 'Hillview Medical Centre', values: { gp: 20, self: '*', note: '' } },
  ],
  total: null,
  notes: [],
};

export const options = (ownPcnOnly: boolean): AnalyticsOptions => ({
  pcns: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      name: 'Riverside PCN',
      practices: [{ id: '21111111-1111-4111-8111-111111111111', name: 'Riverside Surgery' }],
    },
    ...(ownPcnOnly
      ? []
      : [
          {
            id: '31111111-1111-4111-8111-111111111111',
            name: 'Hillview PCN',
            practices: [{ id: '41111111-1111-4111-8111-111111111111', name: 'Hillview Medical Centre' }],
          },
        ]),
  ],
  months: ['2026-04', '2026-05', '2026-06'],
  defaultFrom: '2026-04',
  defaultTo: '2026-06',
  ownPcnOnly,
  asOf: '2026-12-06T01:00:00.000Z',
});
