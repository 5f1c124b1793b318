import { describe, expect, it } from 'vitest';
import type { FigureColumn } from '../../../../common/analytics.js';
import { count, type ExactRow, type ExactTable, type ExactValue, statistic } from '../figures.js';
import { publish, publishReport } from './publish.js';

// Small hand-made tables, each with the exact published answer written out.

const col = (key: string, unit: FigureColumn['unit'] = 'count'): FigureColumn => ({ key, label: key, unit });
const row = (key: string, values: Record<string, ExactValue>): ExactRow => ({ key, label: key, values });

function table(parts: Pick<ExactTable, 'columns' | 'rows'> & Partial<ExactTable>): ExactTable {
  return {
    id: 't',
    title: 'T',
    description: 'd',
    chart: 'bar',
    rowHeader: 'Practice',
    notes: [],
    total: null,
    ...parts,
  };
}

const values = (published: ReturnType<typeof publish>) => published.rows.map((r) => r.values);

describe('publish: the primary small-number rule', () => {
  const mixed = table({
    columns: [col('name', 'text'), col('n'), col('rate', 'rate'), col('wait', 'days')],
    rows: [
      row('a', { name: 'Ash', n: count(0), rate: statistic(null, 0), wait: statistic(4, 0) }),
      row('b', { name: 'Birch', n: count(3), rate: statistic(1.2, 3), wait: statistic(6, 3) }),
      row('c', { name: 'Cedar', n: count(7), rate: statistic(2.9, 7), wait: statistic(5.5, 7) }),
      row('d', { name: 'Elm', n: count(8), rate: statistic(3.1, 8), wait: statistic(9, 8) }),
      row('e', { name: 'Fir', n: count(12), rate: statistic(4.4, 12), wait: statistic(10, 12) }),
      row('f', { name: 'Oak', n: count(13), rate: statistic(4.8, 13), wait: statistic(11.5, 13) }),
    ],
  });

  it('shows 0 as 0, 1–7 as "*", other counts to the nearest 5; statistics on 1–7 records as "*", on none as null', () => {
    expect(values(publish(mixed, { suppress: true }))).toEqual([
      { name: 'Ash', n: 0, rate: null, wait: null },
      { name: 'Birch', n: '*', rate: '*', wait: '*' },
      { name: 'Cedar', n: '*', rate: '*', wait: '*' },
      { name: 'Elm', n: 10, rate: 3.1, wait: 9 },
      { name: 'Fir', n: 10, rate: 4.4, wait: 10 },
      { name: 'Oak', n: 15, rate: 4.8, wait: 11.5 },
    ]);
  });

  it('shows exact figures when not suppressing, null where there are no records', () => {
    expect(values(publish(mixed, { suppress: false }))).toEqual([
      { name: 'Ash', n: 0, rate: null, wait: null },
      { name: 'Birch', n: 3, rate: 1.2, wait: 6 },
      { name: 'Cedar', n: 7, rate: 2.9, wait: 5.5 },
      { name: 'Elm', n: 8, rate: 3.1, wait: 9 },
      { name: 'Fir', n: 12, rate: 4.4, wait: 10 },
      { name: 'Oak', n: 13, rate: 4.8, wait: 11.5 },
    ]);
  });

  it('keeps the table’s description, drops its structure and any undeclared value', () => {
    const published = publish(
      table({
        columns: [col('n')],
        rows: [row('a', { n: count(20), secret: count(3) })],
        rowSums: [{ total: 'n', parts: [] }],
      }),
      { suppress: true },
    );
    expect(published).toEqual({
      id: 't',
      title: 'T',
      description: 'd',
      chart: 'bar',
      rowHeader: 'Practice',
      notes: [],
      columns: [col('n')],
      rows: [{ key: 'a', label: 'a', values: { n: 20 } }],
      total: null,
    });
  });

  it('publishes every table of a report', () => {
    const one = table({ columns: [col('n')], rows: [row('a', { n: count(4) })] });
    const two = table({ columns: [col('n')], rows: [row('a', { n: count(26) })] });
    expect(publishReport([one, two], { suppress: true }).map(values)).toEqual([[{ n: '*' }], [{ n: 25 }]]);
  });
});
