// The personalised care and support plan (DESIGN.md §2 step 4: "tell their story once"): ONE
// plan per person, shared by link worker, health coach and care coordinator. Shared by server
// (validation, storage, diff) and web (forms, print).

export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 10;
export const PLAN_TEXT_MAX = 4000;
export const PLAN_LIST_MAX = 50;

/** A need in one domain of the referral-reason list (code from referral_reasons). */
export interface PlanNeed {
  domain: string;
  notes: string;
}

/** A score the person gives their progress towards a goal, 0 (not started) to 10 (achieved). */
export interface GoalProgress {
  date: string; // YYYY-MM-DD
  score: number;
  note: string;
}

export interface PlanGoal {
  /** In the person's own words. */
  text: string;
  targetDate: string | null;
  progress: GoalProgress[];
}

export interface PlanAction {
  who: string;
  what: string;
  byWhen: string | null;
  done: boolean;
}

export interface CarePlanContent {
  whatMattersToMe: string;
  strengths: string;
  needs: PlanNeed[];
  goals: PlanGoal[];
  actions: PlanAction[];
  ifThingsGetWorse: string;
  agreedOn: string | null;
  reviewOn: string | null;
}

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

export interface PlanSaver {
  id: string;
  name: string;
}

export interface CarePlanVersionSummary {
  version: number;
  savedAt: string;
  savedBy: PlanSaver;
}

export interface CarePlanView {
  person: { id: string; givenName: string; familyName: string };
  /** Null until the first save. */
  plan: (CarePlanVersionSummary & { content: CarePlanContent }) | null;
  /** Code → label of the need domains (the referral-reason list). */
  domains: { code: string; label: string }[];
}

export interface PlanChange {
  /** Dotted path, e.g. `goals.0.targetDate`. */
  field: string;
  kind: 'added' | 'removed' | 'changed';
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export interface CarePlanComparison {
  from: CarePlanVersionSummary;
  to: CarePlanVersionSummary;
  changes: PlanChange[];
}

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
