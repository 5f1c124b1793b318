import { describe, expect, it } from 'vitest';
import type { FigureColumn } from '../../../../common/analytics.js';
import { count, type ExactRow, type ExactTable, type ExactValue, statistic } from '../figures.js';
import { publish, publishReport } from './publish.js';

// Small hand-made tables, each with the exact published answer written out.

const col = (key: string, unit: FigureColumn['unit'] = 'count'): FigureColumn => ({ key, label: key, unit });
const row = (key: string, values: Record<string, ExactValue>): ExactRow => ({ key, label: key, values });

const about = { id: 't', title: 'T', description: 'd', chart: 'bar', rowHeader: 'Practice', notes: [] } as const;

function table(parts: Pick<ExactTable, 'columns' | 'rows'> & Partial<ExactTable>): ExactTable {
  return { ...about, notes: [], total: null, ...parts };
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
      { name: 'Elm', n: 10, rate: 3, wait: 9 },
      { name: 'Fir', n: 10, rate: 4, wait: 10 },
      { name: 'Oak', n: 15, rate: 5, wait: 11.5 },
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

  it('coarsens statistics so they cannot give a count back: by unit and base; exact figures stay exact', () => {
    const coarse = table({
      columns: [col('share', 'percent'), col('rate', 'rate'), col('wait', 'days'), col('score', 'score')],
      rows: [
        row('small', {
          share: statistic(43.7, 17),
          rate: statistic(12.34, 17),
          wait: statistic(6.25, 17),
          score: statistic(3.456, 17),
        }),
        row('middling', {
          share: statistic(43.7, 50),
          rate: statistic(12.34, 50),
          wait: statistic(6.25, 50),
          score: statistic(3.456, 50),
        }),
        row('large', {
          share: statistic(43.7, 150),
          rate: statistic(12.34, 150),
          wait: statistic(6.25, 150),
          score: statistic(3.456, 150),
        }),
      ],
    });
    expect(values(publish(coarse, { suppress: true }))).toEqual([
      { share: 40, rate: 12, wait: 6.3, score: 3.5 },
      { share: 45, rate: 12, wait: 6.3, score: 3.5 },
      { share: 44, rate: 12.3, wait: 6.3, score: 3.5 },
    ]);
    expect(values(publish(coarse, { suppress: false }))[0]).toEqual({
      share: 43.7,
      rate: 12.34,
      wait: 6.25,
      score: 3.456,
    });
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
      ...about,
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

describe('publish: secondary suppression', () => {
  it('a row with one small cell and a shown row total hides the next smallest cell of the row', () => {
    const published = publish(
      table({
        columns: [col('a'), col('b'), col('c'), col('all')],
        rows: [row('r', { a: count(3), b: count(20), c: count(9), all: count(32) })],
        rowSums: [{ total: 'all', parts: ['a', 'b', 'c'] }],
      }),
      { suppress: true },
    );
    expect(values(published)).toEqual([{ a: '*', b: 20, c: '*', all: 30 }]);
  });

  it('a column with one small cell and a totals row hides the next smallest cell of the column', () => {
    const published = publish(
      table({
        columns: [col('n')],
        rows: [row('x', { n: count(4) }), row('y', { n: count(30) }), row('z', { n: count(12) })],
        total: row('total', { n: count(46) }),
      }),
      { suppress: true },
    );
    expect(values(published)).toEqual([{ n: '*' }, { n: 30 }, { n: '*' }]);
    expect(published.total?.values).toEqual({ n: 45 });
  });

  it('follows a newly hidden cell into the crossing rows and columns until none holds a lone "*"', () => {
    const published = publish(
      table({
        columns: [col('a'), col('b'), col('all')],
        rows: [
          row('r1', { a: count(3), b: count(20), all: count(23) }),
          row('r2', { a: count(15), b: count(40), all: count(55) }),
          row('r3', { a: count(50), b: count(60), all: count(110) }),
        ],
        total: row('total', { a: count(68), b: count(120), all: count(188) }),
        rowSums: [{ total: 'all', parts: ['a', 'b'] }],
      }),
      { suppress: true },
    );
    // a: r1 is "*", so r2's 15 goes; row r1 then hides its 20, row r2 its 40; column b then holds
    // two "*" and stops.
    expect(values(published)).toEqual([
      { a: '*', b: '*', all: 25 },
      { a: '*', b: '*', all: 55 },
      { a: 50, b: 60, all: 110 },
    ]);
    expect(published.total?.values).toEqual({ a: 70, b: 120, all: 190 });
  });

  it('hides nothing more where a relation already holds two "*" (a small column under a small total)', () => {
    const published = publish(
      table({
        columns: [col('a'), col('b')],
        rows: [row('x', { a: count(3), b: count(5) }), row('y', { a: count(30), b: count(0) })],
        total: row('total', { a: count(33), b: count(5) }),
      }),
      { suppress: true },
    );
    expect(values(published)).toEqual([
      { a: '*', b: '*' },
      { a: '*', b: 0 },
    ]);
    expect(published.total?.values).toEqual({ a: 35, b: '*' });
  });

  it('hides a statistic built on a hidden count: as its base, or as a percentage’s numerator', () => {
    const published = publish(
      table({
        columns: [col('urgent'), col('n'), col('rate', 'rate'), col('share', 'percent'), col('wait', 'days')],
        rows: [
          row('x', {
            urgent: count(3),
            n: count(40),
            rate: statistic(2.1, 40),
            share: statistic(7.5, 40),
            wait: statistic(6, 40),
          }),
          row('y', {
            urgent: count(20),
            n: count(12),
            rate: statistic(0.6, 12),
            share: statistic(50, 40),
            wait: statistic(9, 20),
          }),
        ],
        total: row('total', {
          urgent: count(23),
          n: count(52),
          rate: statistic(2.7, 52),
          share: statistic(44.2, 52),
          wait: statistic(8, 60),
        }),
      }),
      { suppress: true },
    );
    // x: 7.5 % of 40 is its 3 urgent referrals. y: its 20 urgent are hidden beside x's 3 (column
    // urgent), so the wait built on those 20 goes, and so does 50 % of 40 (= 20); the rate on its
    // 12 referrals, still shown, stays.
    expect(values(published)).toEqual([
      { urgent: '*', n: 40, rate: 2, share: '*', wait: 6 },
      { urgent: '*', n: 10, rate: 1, share: '*', wait: '*' },
    ]);
    expect(published.total?.values).toEqual({ urgent: 25, n: 50, rate: 3, share: 45, wait: 8 });
  });
});
