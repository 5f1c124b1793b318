import { z } from 'zod';
import { ONWARD_OUTCOMES } from './onward-referrals.js';
import { zDate } from './schemas/dates.js';
import { ZFigure, ZRateFigure } from './suppression.js';

// Evidence of value per organisation (issue 12, point 6): what happened to the referrals a VCS
// organisation received, and how the people referred to it fared on their outcome measures.
// Figures outside the viewer's own records follow the small-number rule (common/suppression.ts).

/** The longest period a report covers, so that one request cannot ask for decades. */
export const IMPACT_MAX_MONTHS = 36;

export const ZImpactQuery = z
  .object({
    from: zDate('must be a real date, like 2026-03-12').optional(),
    to: zDate('must be a real date, like 2026-03-12').optional(),
  })
  .superRefine((q, check) => {
    if (q.from && q.to && q.from > q.to) {
      check.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after the "from" date' });
    }
    if (q.from && q.to) {
      const months =
        (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 +
        Number(q.to.slice(5, 7)) -
        Number(q.from.slice(5, 7));
      if (months >= IMPACT_MAX_MONTHS) {
        check.addIssue({
          code: 'custom',
          path: ['from'],
          message: `must be less than ${IMPACT_MAX_MONTHS} months before the "to" date`,
        });
      }
    }
  });
export type ImpactQuery = z.infer<typeof ZImpactQuery>;

/**
 * The figures of one organisation, service or month. Each is counted by the day it happened:
 * referrals and signposts by the day sent, attendance by the session's day.
 */
export const ZImpactFigures = z.object({
  referrals: ZFigure,
  /** Share of the answered referrals that were accepted, 0–100. */
  acceptedPercent: ZRateFigure,
  /** Median working days (England) from sent to the first answer. */
  medianReplyWorkingDays: ZRateFigure,
  /** Different people with at least one session attended. */
  peopleAttended: ZFigure,
  sessionsAttended: ZFigure,
  signposts: ZFigure,
  /** True when these figures are the viewer's own records, shown without the small-number rule. */
  exact: z.boolean(),
});
export type ImpactFigures = z.infer<typeof ZImpactFigures>;

export const ZImpactMonth = ZImpactFigures.extend({ month: z.string() });
/** A service's figures for the period, and the same by month. */
export const ZImpactService = ZImpactFigures.extend({
  id: z.string(),
  name: z.string(),
  months: z.array(ZImpactMonth),
});

export const ZOutcomeAtClose = z.object({
  outcome: z.enum(ONWARD_OUTCOMES),
  label: z.string(),
  count: ZFigure,
  exact: z.boolean(),
});

/** How many people's score improved, stayed the same or got worse between baseline and latest. */
export const ZMeasureChange = z.object({
  measure: z.string(),
  key: z.string(),
  label: z.string(),
  people: ZFigure,
  improved: ZFigure,
  unchanged: ZFigure,
  worsened: ZFigure,
  exact: z.boolean(),
});
export type MeasureChangeRow = z.infer<typeof ZMeasureChange>;

export const ZImpactReport = z.object({
  /** The VCS organisation (partner) or the directory organisation (staff). */
  name: z.string(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  period: z.object({ from: z.string(), to: z.string() }),
  /** "none": every figure is the viewer's own; "outside-own": the rule applies outside them. */
  suppression: z.enum(['none', 'outside-own', 'all']),
  totals: ZImpactFigures,
  months: z.array(ZImpactMonth),
  services: z.array(ZImpactService),
  outcomesAtClose: z.array(ZOutcomeAtClose),
  measureChanges: z.array(ZMeasureChange),
});
export type ImpactReport = z.infer<typeof ZImpactReport>;

export const IMPACT_FIGURE_LABELS = {
  referrals: 'Referrals received',
  acceptedPercent: 'Accepted (% of answered)',
  medianReplyWorkingDays: 'Median working days to reply',
  peopleAttended: 'People who attended at least once',
  sessionsAttended: 'Sessions attended',
  signposts: 'Signposts',
} as const satisfies Record<Exclude<keyof ImpactFigures, 'exact'>, string>;

export const NOT_CAUSATION =
  'These changes are for people referred to this organisation, measured by their social prescribing team. They show what changed, not what caused it: other support and life events play their part.';
