import { z } from 'zod';
import {
  type CarePlanContent,
  PLAN_LIST_MAX,
  PLAN_TEXT_MAX,
  PROGRESS_MAX,
  PROGRESS_MIN,
} from '../../../common/care-plan.js';

const text = (max = PLAN_TEXT_MAX) =>
  z.string({ message: 'must be text' }).trim().max(max, `must be at most ${max} characters`);
const required = (what: string, max = 500) => text(max).min(1, `must say ${what}`);
const day = z.iso.date({ message: 'must be a date, like 2026-03-12' });
const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { message: 'must be a list' }).max(PLAN_LIST_MAX, `must have at most ${PLAN_LIST_MAX} items`);

export const ZGoalProgress = z.object({
  date: day,
  score: z
    .number({ message: `must be a score from ${PROGRESS_MIN} to ${PROGRESS_MAX}` })
    .int('must be a whole number')
    .min(PROGRESS_MIN, `must be a score from ${PROGRESS_MIN} to ${PROGRESS_MAX}`)
    .max(PROGRESS_MAX, `must be a score from ${PROGRESS_MIN} to ${PROGRESS_MAX}`),
  note: text(1000).default(''),
});

export const ZCarePlanContent = z.object({
  whatMattersToMe: text().default(''),
  strengths: text().default(''),
  needs: list(z.object({ domain: required('which need', 100), notes: text(1000).default('') })).default([]),
  goals: list(
    z.object({
      text: required('the goal in the person’s own words', 1000),
      targetDate: day.nullable().default(null),
      progress: list(ZGoalProgress).default([]),
    }),
  ).default([]),
  actions: list(
    z.object({
      who: required('who will do it', 200),
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
  version: z
    .number({ message: 'must be the version of the plan you opened' })
    .int('must be a whole number')
    .min(0, 'must be the version of the plan you opened (0 for a new plan)')
    .optional(),
});
export type TCarePlanSave = z.infer<typeof ZCarePlanSave>;

export const ZPersonIdParam = z.object({ personId: z.uuid('must be a valid person id') });

// Loose: the other request headers (cookie, CSRF token) stay as they came.
export const ZIfMatch = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'must be the version of the plan you opened, like "3"')
    .optional(),
});

export const ZCompareQuery = z.object({
  from: z.coerce.number({ message: 'must be a version number' }).int('must be a version number').min(1),
  to: z.coerce.number({ message: 'must be a version number' }).int('must be a version number').min(1),
});
