import { z } from 'zod';

// Statistical disclosure control for aggregates shown outside the team that owns the records
// (shared/reference/nhs-data.md, NHS Digital's rule for sub-national HES/ECDS figures):
// 0 stays 0; 1–7 is "*"; every other count is rounded to the nearest 5; a mean, median or rate
// built on 1–7 records is "*". Rounding the larger counts too is what stops a "*" being recovered
// by subtracting the other cells from a total.

export const SUPPRESSED = '*' as const;

/** A count as shown: exact, rounded to 5, or "*". */
export type Figure = number | typeof SUPPRESSED;
export const ZFigure = z.union([z.number(), z.literal(SUPPRESSED)]);
/** A median or rate as shown: null when nothing to build it on. */
export type RateFigure = Figure | null;
export const ZRateFigure = ZFigure.nullable();

/** Whether a count of this many records may not be shown as it is (1 to 7). */
export const isSmallNumber = (records: number) => records >= 1 && records <= 7;

/** A count under the rule. Half-way values round up (12.5 → 15), as NHS Digital's tools do. */
export function suppressCount(count: number): Figure {
  if (count === 0) return 0;
  if (isSmallNumber(count)) return SUPPRESSED;
  return Math.round(count / 5) * 5;
}

/**
 * A median or rate built on `records` records under the rule: null when there are none, "*" on
 * 1–7, the value itself otherwise (the rule rounds counts, not the statistics built on 8 or more).
 * The dashboards' publish (server/modules/analytics/disclosure) also coarsens those statistics, so
 * that a precise percentage beside a rounded count cannot give the exact count back.
 */
export function suppressStatistic(value: number | null, records: number): RateFigure {
  if (value === null || records === 0) return null;
  return isSmallNumber(records) ? SUPPRESSED : value;
}

/** A count shown as it is (the viewer's own records) or under the rule. */
export const countFigure = (count: number, exact: boolean): Figure => (exact ? count : suppressCount(count));

/** A median or rate shown as it is (the viewer's own records) or under the rule. */
export const statisticFigure = (value: number | null, records: number, exact: boolean): RateFigure =>
  exact ? (records === 0 ? null : value) : suppressStatistic(value, records);

/** How a figure reads on a page or in a CSV cell. */
export function figureText(figure: RateFigure, unit = ''): string {
  if (figure === null) return '–';
  if (figure === SUPPRESSED) return SUPPRESSED;
  return `${figure}${unit}`;
}
