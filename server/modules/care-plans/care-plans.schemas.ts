import { z } from 'zod';
import { type CarePlanContent, PLAN_LIST_MAX, PLAN_TEXT_MAX } from '../../../common/care-plan.js';
import { zProgressScore } from '../../../common/schemas/care-plan.js';
import { zDate } from '../../../common/schemas/dates.js';
import { INT4_MAX, zQueryVersion, zVersion } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';

// Everything in a plan is written in a textarea except the need's domain and who does an action.
const text = (max = PLAN_TEXT_MAX) => zText(max, { multiline: true, error: { message: 'must be text' } });
const line = (max: number) => zText(max, { error: { message: 'must be text' } });
const required = (what: string, max = 500, multiline = true) =>
  (multiline ? text(max) : line(max)).min(1, `must say ${what}`);
const day = zDate('must be a date, like 2026-03-12');
const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { message: 'must be a list' }).max(PLAN_LIST_MAX, `must have at most ${PLAN_LIST_MAX} items`);

export const ZGoalProgress = z.object({
  date: day,
  score: zProgressScore,
  note: text(1000).default(''),
});

export const ZCarePlanContent = z.object({
  whatMattersToMe: text().default(''),
  strengths: text().default(''),
  needs: list(z.object({ domain: required('which need', 100, false), notes: text(1000).default('') })).default([]),
  goals: list(
    z.object({
      text: required('the goal in the person’s own words', 1000),
      targetDate: day.nullable().default(null),
      progress: list(ZGoalProgress).default([]),
    }),
  ).default([]),
  actions: list(
    z.object({
      who: required('who will do it', 200, false),
      what: required('what will be done', 1000),
      byWhen: day.nullable().default(null),
      done: z.boolean({ message: 'must be true or false' }).default(false),
    }),
  ).default([]),
  ifThingsGetWorse: text().default(''),
  agreedOn: day.nullable().default(null),
  reviewOn: day.nullable().default(null),
}) satisfies z.ZodType<CarePlanContent, unknown>;

/** PUT body: the whole plan, plus the version it was based on (or send it as If-Match). */
export const ZCarePlanSave = ZCarePlanContent.extend({
  version: zVersion('must be the version of the plan you opened (0 for a new plan)', 0).optional(),
});
export type TCarePlanSave = z.infer<typeof ZCarePlanSave>;

export const ZPersonIdParam = z.object({ personId: z.uuid('must be a valid person id') });

const IF_MATCH_MESSAGE = 'must be the version of the plan you opened, like "3"';

// Loose: the other request headers (cookie, CSRF token) stay as they came.
export const ZIfMatch = z.looseObject({
  'if-match': z
    .string()
    .max(16, IF_MATCH_MESSAGE)
    .regex(/^(W\/)?"?\d+"?$/, IF_MATCH_MESSAGE)
    .refine((v) => Number(v.match(/\d+/)?.[0] ?? 0) <= INT4_MAX, IF_MATCH_MESSAGE)
    .optional(),
});

export const ZCompareQuery = z.object({
  from: zQueryVersion('must be a version number'),
  to: zQueryVersion('must be a version number'),
});
