import type { FigureTable, FigureUnit } from '../../../common/analytics';
import { figureText, monthText } from './figure-format';

// What a figure table's chart draws, worked out once so that the picture and the sentence read
// out for it (its summary) cannot disagree. One chart has one axis, so it draws the columns that
// share the unit of the first plotted column (days beside days, never days beside percent); the
// table beside it carries every column.

/**
 * Okabe–Ito, the palette that stays distinct with each common colour-vision deficiency, ordered
 * so the first colours have the most contrast on white. Lines also differ by dash and marker,
 * so colour is never the only difference.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2', '10 4', '3 6'];
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'circle', 'square', 'triangle', 'diamond'] as const;

export type ChartValue = number | '*' | null;

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  dash: string;
  marker: (typeof MARKERS)[number];
}

export interface ChartModel {
  kind: 'line' | 'bar' | 'stacked-bar';
  unit: FigureUnit;
  series: ChartSeries[];
  categories: { key: string; label: string }[];
  /** values[category][series], as published. */
  values: ChartValue[][];
  /** The top of the axis: a round number at or above the largest bar, stack or point. */
  ticks: number[];
}

const PLOTTED: FigureUnit[] = ['count', 'rate', 'percent', 'days', 'score'];

function chartValue(raw: unknown): ChartValue {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  return raw === '*' ? '*' : null;
}

/** 0 and round steps (1, 2 or 5 × 10ⁿ) up to at least `max`: four or five gridlines. */
export function niceTicks(max: number, steps = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const isMonth = (key: string) => /^\d{4}-\d{2}$/.test(key);

/** The chart of a table, or null when it has none (or nothing a chart could draw). */
export function chartModel(table: FigureTable): ChartModel | null {
  if (table.chart === 'none' || table.rows.length === 0) return null;
  const first = table.columns.find((c) => PLOTTED.includes(c.unit));
  if (!first) return null;
  const columns = table.columns.filter((c) => c.unit === first.unit).slice(0, PALETTE.length);
  const series = columns.map((c, i) => ({
    key: c.key,
    label: c.label,
    colour: PALETTE[i] as string,
    dash: DASHES[i] as string,
    marker: MARKERS[i] as ChartSeries['marker'],
  }));
  const categories = table.rows.map((r) => ({
    key: r.key,
    label: isMonth(r.key) && r.label === r.key ? monthText(r.key, true) : r.label,
  }));
  const values = table.rows.map((r) => columns.map((c) => chartValue(r.values[c.key])));
  // Nothing to draw (e.g. rates where no practice has a list size): an empty axis would mislead.
  if (values.every((vs) => vs.every((v) => v === null))) return null;
  const numbers = (vs: ChartValue[]) => vs.map((v) => (typeof v === 'number' ? v : 0));
  const top =
    table.chart === 'stacked-bar'
      ? Math.max(0, ...values.map((vs) => numbers(vs).reduce((a, b) => a + b, 0)))
      : Math.max(0, ...values.flatMap(numbers));
  return { kind: table.chart, unit: first.unit, series, categories, values, ticks: niceTicks(top) };
}

const KIND_TEXT = { line: 'Line chart', bar: 'Bar chart', 'stacked-bar': 'Stacked bar chart' } as const;

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The sentence a screen reader hears for the chart: what it draws, over which rows, its largest
 * figure and how many are hidden. The table beside it is the full alternative.
 */
export function chartSummary(table: FigureTable, model: ChartModel): string {
  const what = listText(model.series.map((s) => s.label.toLowerCase()));
  const first = model.categories[0]?.label ?? '';
  const last = model.categories.at(-1)?.label ?? '';
  const span =
    model.categories.length === 1
      ? `for ${first}`
      : `by ${table.rowHeader.toLowerCase()}, ${model.categories.length} in all, from ${first} to ${last}`;
  let peak: { value: number; category: string; series: string } | null = null;
  let hidden = 0;
  model.values.forEach((vs, i) => {
    vs.forEach((v, j) => {
      if (v === '*') hidden++;
      if (typeof v === 'number' && (!peak || v > peak.value)) {
        peak = { value: v, category: model.categories[i]?.label ?? '', series: model.series[j]?.label ?? '' };
      }
    });
  });
  const parts = [`${KIND_TEXT[model.kind]} of ${what} ${span}.`];
  const top = peak as { value: number; category: string; series: string } | null;
  if (top) {
    const series = model.series.length > 1 ? `${top.series.toLowerCase()}, ` : '';
    parts.push(`Highest: ${series}${top.category}, ${figureText(top.value, model.unit)}.`);
  }
  if (hidden > 0) parts.push(`${hidden} ${hidden === 1 ? 'figure is' : 'figures are'} a small number, not shown.`);
  parts.push('The table that follows gives every figure.');
  return parts.join(' ');
}
