// The personalised care and support plan (DESIGN.md §2 step 4: "tell their story once"): ONE
// plan per person, shared by link worker, health coach and care coordinator. Shared by server
// (validation, storage, diff) and web (forms, print).
import { z } from 'zod';

export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 10;
export const PLAN_TEXT_MAX = 4000;
export const PLAN_LIST_MAX = 50;

// The plan as the API answers it (the request schema, with its limits and messages, is the
// server's ZCarePlanContent, which must produce this shape).

/** A need in one domain of the referral-reason list (code from referral_reasons). */
export const ZPlanNeed = z.object({ domain: z.string(), notes: z.string() });
export type PlanNeed = z.infer<typeof ZPlanNeed>;

/** A score the person gives their progress towards a goal, 0 (not started) to 10 (achieved). */
export const ZGoalProgress = z.object({ date: z.string().describe('YYYY-MM-DD'), score: z.number(), note: z.string() });
export type GoalProgress = z.infer<typeof ZGoalProgress>;

export const ZPlanGoal = z.object({
  /** In the person's own words. */
  text: z.string(),
  targetDate: z.string().nullable(),
  progress: z.array(ZGoalProgress),
});
export type PlanGoal = z.infer<typeof ZPlanGoal>;

export const ZPlanAction = z.object({
  who: z.string(),
  what: z.string(),
  byWhen: z.string().nullable(),
  done: z.boolean(),
});
export type PlanAction = z.infer<typeof ZPlanAction>;

export const ZPlanContent = z.object({
  whatMattersToMe: z.string(),
  strengths: z.string(),
  needs: z.array(ZPlanNeed),
  goals: z.array(ZPlanGoal),
  actions: z.array(ZPlanAction),
  ifThingsGetWorse: z.string(),
  agreedOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
});
export type CarePlanContent = z.infer<typeof ZPlanContent>;

export const EMPTY_PLAN: CarePlanContent = {
  whatMattersToMe: '',
  strengths: '',
  needs: [],
  goals: [],
  actions: [],
  ifThingsGetWorse: '',
  agreedOn: null,
  reviewOn: null,
};

export const ZPlanSaver = z.object({ id: z.string(), name: z.string() });
export type PlanSaver = z.infer<typeof ZPlanSaver>;

export const ZCarePlanVersionSummary = z.object({ version: z.number(), savedAt: z.string(), savedBy: ZPlanSaver });
export type CarePlanVersionSummary = z.infer<typeof ZCarePlanVersionSummary>;
export const ZCarePlanVersions = z.array(ZCarePlanVersionSummary);

export const ZCarePlanView = z.object({
  person: z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }),
  /** Null until the first save. */
  plan: ZCarePlanVersionSummary.extend({ content: ZPlanContent }).nullable(),
  /** Code → label of the need domains (the referral-reason list). */
  domains: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type CarePlanView = z.infer<typeof ZCarePlanView>;

const zPlanValue = z.union([z.string(), z.number(), z.boolean()]).nullable();

export const ZPlanChange = z.object({
  /** Dotted path, e.g. `goals.0.targetDate`. */
  field: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  from: zPlanValue,
  to: zPlanValue,
});
export type PlanChange = z.infer<typeof ZPlanChange>;

export const ZCarePlanComparison = z.object({
  from: ZCarePlanVersionSummary,
  to: ZCarePlanVersionSummary,
  changes: z.array(ZPlanChange),
});
export type CarePlanComparison = z.infer<typeof ZCarePlanComparison>;

/**
 * A plan starts from what matters to the person: with neither that nor a goal there is nothing
 * to agree, print or review. The one rule, checked by the form and by the server.
 */
export function emptyPlanProblem(content: Pick<CarePlanContent, 'whatMattersToMe' | 'goals'>): string | null {
  return !content.whatMattersToMe.trim() && content.goals.length === 0
    ? 'is required, or add at least one goal: a plan starts from what matters to the person'
    : null;
}

/** Plain-language labels of the plan's fields (web forms, compare page, print page). */
export const PLAN_FIELD_LABELS: Record<string, string> = {
  whatMattersToMe: 'What matters to me',
  strengths: 'My strengths',
  needs: 'What I need help with',
  goals: 'My goals',
  actions: 'Actions',
  ifThingsGetWorse: 'What to do if things get worse',
  agreedOn: 'Date agreed',
  reviewOn: 'Review date',
};
