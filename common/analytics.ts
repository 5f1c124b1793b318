import { z } from 'zod';
import { TEAM_ROLES } from './roles.js';
import { SUPPRESSED } from './suppression.js';

// Evidence for commissioners and team leads (issue 13): every dashboard section is a list of
// figure tables, each drawn as a chart with the same table beside it (the accessible alternative)
// and downloadable as CSV. Figures come from rollup tables kept current by a background job, so
// each answer says when its figures were last brought up to date ("as of").
//
// Outside the team's own PCN (a commissioner's views, and every CSV) counts follow the NHS
// small-number rule with secondary suppression; inside it, the lead sees exact figures.

export const ANALYTICS_SECTIONS = ['demand', 'flow', 'waits', 'capacity', 'outcomes', 'onward', 'equality'] as const;
export type AnalyticsSection = (typeof ANALYTICS_SECTIONS)[number];
export const ANALYTICS_SECTION_TITLES: Record<AnalyticsSection | 'national', string> = {
  demand: 'Demand',
  flow: 'Flow through the service',
  waits: 'Waits to first contact',
  capacity: 'Capacity and utilisation',
  outcomes: 'Outcomes',
  onward: 'Onward referrals and community organisations',
  equality: 'Equality',
  national: 'National figures',
};

/** The longest period one request covers (three years of months). */
export const ANALYTICS_MAX_MONTHS = 36;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const zMonth = (message: string) => z.string().regex(MONTH, message);

/** A team role, or all of them. The role filter reads "whose work": the allocated worker's role. */
export const ANALYTICS_ROLES = TEAM_ROLES;

/**
 * Filters of every analytics request, as query parameters. `from`/`to` are whole months
 * (YYYY-MM, inclusive); both default to the last 12 complete months. A practice narrows to that
 * practice (and implies its PCN); a PCN to that PCN. A team lead is always held to their own PCN.
 */
export const ZAnalyticsQuery = z
  .object({
    pcnId: z.uuid('must be a valid PCN id').optional(),
    practiceId: z.uuid('must be a valid practice id').optional(),
    from: zMonth('must be a month, like 2026-04').optional(),
    to: zMonth('must be a month, like 2026-04').optional(),
    role: z.enum(ANALYTICS_ROLES, { message: `must be one of ${ANALYTICS_ROLES.join(', ')}` }).optional(),
  })
  .superRefine((q, check) => {
    if (q.from && q.to && q.from > q.to) {
      check.addIssue({ code: 'custom', path: ['to'], message: 'must be the same month as "from" or later' });
    }
    if (q.from && q.to) {
      const months =
        (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 +
        Number(q.to.slice(5, 7)) -
        Number(q.from.slice(5, 7));
      if (months >= ANALYTICS_MAX_MONTHS) {
        check.addIssue({
          code: 'custom',
          path: ['from'],
          message: `must be less than ${ANALYTICS_MAX_MONTHS} months before "to"`,
        });
      }
    }
  });
export type AnalyticsQuery = z.infer<typeof ZAnalyticsQuery>;

/** A figure as published: a number, "*" (suppressed) or null (nothing to show: no records). */
export const ZPublishedValue = z.union([z.number(), z.literal(SUPPRESSED), z.null()]);
export type PublishedValue = z.infer<typeof ZPublishedValue>;

export const FIGURE_UNITS = ['count', 'rate', 'percent', 'days', 'score', 'text'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

export const ZFigureColumn = z.object({
  key: z.string(),
  label: z.string(),
  /** count: records; rate: per 1,000; percent: 0–100; days: working days; score: a measure's points. */
  unit: z.enum(FIGURE_UNITS),
});
export type FigureColumn = z.infer<typeof ZFigureColumn>;

export const ZFigureRow = z.object({
  key: z.string(),
  label: z.string(),
  values: z.record(z.string(), z.union([ZPublishedValue, z.string()])),
});
export type FigureRow = z.infer<typeof ZFigureRow>;

export const CHART_KINDS = ['line', 'bar', 'stacked-bar', 'none'] as const;

export const ZFigureTable = z.object({
  id: z.string(),
  title: z.string(),
  /** One or two sentences saying what is counted and how. */
  description: z.string(),
  chart: z.enum(CHART_KINDS),
  /** The heading of the row labels' column ("Month", "Practice", "Age band" …). */
  rowHeader: z.string(),
  columns: z.array(ZFigureColumn),
  rows: z.array(ZFigureRow),
  /** The totals row, when the table has one (published under the same rule as its cells). */
  total: ZFigureRow.nullable(),
  notes: z.array(z.string()),
});
export type FigureTable = z.infer<typeof ZFigureTable>;

export const ZAnalyticsFilters = z.object({
  pcn: z.object({ id: z.string(), name: z.string() }).nullable(),
  practice: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  role: z.enum(ANALYTICS_ROLES).nullable(),
});
export type AnalyticsFilters = z.infer<typeof ZAnalyticsFilters>;

export const ZAnalyticsReport = z.object({
  section: z.enum([...ANALYTICS_SECTIONS, 'national']),
  title: z.string(),
  /** When the rollups these figures come from were last brought up to date (null: never yet). */
  asOf: z.string().nullable(),
  filters: ZAnalyticsFilters,
  /** True when the small-number rule (with secondary suppression) was applied to these figures. */
  suppressed: z.boolean(),
  tables: z.array(ZFigureTable),
});
export type AnalyticsReport = z.infer<typeof ZAnalyticsReport>;

/** What the filter form may offer the viewer: only organisations in their scope. */
export const ZAnalyticsOptions = z.object({
  pcns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      practices: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  /** Months with figures, oldest first (YYYY-MM). */
  months: z.array(z.string()),
  defaultFrom: z.string(),
  defaultTo: z.string(),
  /** True when the viewer is held to one PCN (a team lead). */
  ownPcnOnly: z.boolean(),
  asOf: z.string().nullable(),
});
export type AnalyticsOptions = z.infer<typeof ZAnalyticsOptions>;

export const SUPPRESSION_NOTE =
  'Small numbers are suppressed: 0 is shown as 0, counts of 1 to 7 as "*", other counts rounded to the nearest 5; ' +
  'rates, percentages and averages built on 1 to 7 records are "*". Where a total would let a "*" be worked out, ' +
  'a further cell is suppressed too (secondary suppression).';
