import { describe, expect, it } from 'vitest';
import { chartModel, chartSummary, niceTicks, PALETTE } from './chart-model';
import { sourcesStacked, waitsByMonth } from './figure-fixtures';

describe('niceTicks', () => {
  it('steps in 1, 2 or 5 × 10ⁿ from 0 to at least the largest figure', () => {
    expect(niceTicks(14)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(1235)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('chartModel', () => {
  it('draws only the columns that share the first plotted unit (one axis, never days beside percent)', () => {
    const model = chartModel(waitsByMonth);
    expect(model?.series.map((s) => s.key)).toEqual(['median', 'p90']);
    expect(model?.unit).toBe('days');
    expect(model?.ticks.at(-1)).toBe(15);
  });

  it('keeps a hidden figure as "*" and a missing one as null (neither is drawn as 0)', () => {
    const model = chartModel(waitsByMonth);
    expect(model?.values.map((v) => v[0])).toEqual([4, '*', 5.5, null]);
  });

  it('labels months in words and colours series from the Okabe–Ito palette', () => {
    const model = chartModel(waitsByMonth);
    expect(model?.categories.map((c) => c.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026']);
    expect(model?.series.map((s) => s.colour)).toEqual([PALETTE[0], PALETTE[1]]);
    expect(new Set(model?.series.map((s) => s.dash)).size).toBe(2);
  });

  it('scales a stacked chart to the tallest stack, and leaves text columns out', () => {
    const model = chartModel(sourcesStacked);
    expect(model?.series.map((s) => s.key)).toEqual(['gp', 'self']);
    expect(model?.ticks.at(-1)).toBeGreaterThanOrEqual(55);
  });

  it('has no chart for a table that asks for none, or has no rows', () => {
    expect(chartModel({ ...waitsByMonth, chart: 'none' })).toBeNull();
    expect(chartModel({ ...waitsByMonth, rows: [] })).toBeNull();
  });

  it('has no chart when every figure it would draw is missing', () => {
    const empty = waitsByMonth.rows.map((r) => ({ ...r, values: { median: null, p90: null } }));
    expect(chartModel({ ...waitsByMonth, rows: empty })).toBeNull();
  });
});

describe('chartSummary', () => {
  it('says what is drawn, over which months, the highest figure and how many are hidden', () => {
    const model = chartModel(waitsByMonth);
    if (!model) throw new Error('a chart was expected');
    expect(chartSummary(waitsByMonth, model)).toBe(
      'Line chart of median and 90th centile by month, 4 in all, from Apr 2026 to Jul 2026. ' +
        'Highest: 90th centile, Jun 2026, 14. 2 figures are a small number, not shown. ' +
        'The table that follows gives every figure.',
    );
  });
});
