import { type CarePlanContent, emptyPlanProblem } from '../../../common/care-plan';
import { PROGRESS_SCORE_MESSAGE, zProgressScore } from '../../../common/schemas/care-plan';

// The form's working copy of a plan: what the user typed, kept as typed (dates as day / month /
// year boxes), so nothing is lost when a save is refused.
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface DraftProgress {
  key: number;
  date: DateParts;
  score: string;
  note: string;
}

export interface DraftGoal {
  key: number;
  text: string;
  targetDate: DateParts;
  progress: DraftProgress[];
}

export interface DraftAction {
  key: number;
  who: string;
  what: string;
  byWhen: DateParts;
  done: boolean;
}

export interface Draft {
  whatMattersToMe: string;
  strengths: string;
  needs: { key: number; domain: string; notes: string }[];
  goals: DraftGoal[];
  actions: DraftAction[];
  ifThingsGetWorse: string;
  agreedOn: DateParts;
  reviewOn: DateParts;
}

let nextKey = 0;
export const newKey = () => ++nextKey;

export function toParts(iso: string | null): DateParts {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

export function todayParts(): DateParts {
  const [year = '', month = '', day = ''] = new Date().toISOString().slice(0, 10).split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function toDraft(c: CarePlanContent): Draft {
  return {
    whatMattersToMe: c.whatMattersToMe,
    strengths: c.strengths,
    needs: c.needs.map((n) => ({ key: newKey(), ...n })),
    goals: c.goals.map((g) => ({
      key: newKey(),
      text: g.text,
      targetDate: toParts(g.targetDate),
      progress: g.progress.map((p) => ({ key: newKey(), date: toParts(p.date), score: String(p.score), note: p.note })),
    })),
    actions: c.actions.map((a) => ({
      key: newKey(),
      who: a.who,
      what: a.what,
      byWhen: toParts(a.byWhen),
      done: a.done,
    })),
    ifThingsGetWorse: c.ifThingsGetWorse,
    agreedOn: toParts(c.agreedOn),
    reviewOn: toParts(c.reviewOn),
  };
}

/** Day / month / year → YYYY-MM-DD; empty → null; anything else → an error message. */
export function readParts(p: DateParts): { value: string | null; error?: string } {
  const day = p.day.trim();
  const month = p.month.trim();
  const year = p.year.trim();
  if (!day && !month && !year) return { value: null };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length > 0) return { value: null, error: `must include a ${missing.join(' and ')}` };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    ![day, month, year].every((x) => /^[0-9]+$/.test(x)) ||
    year.length !== 4 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return { value: null, error: 'must be a real date, like 22 11 2026' };
  }
  return { value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** The draft as the API's plan, with errors keyed by the API's field names (`goals.0.targetDate`). */
export function fromDraft(d: Draft): { content: CarePlanContent; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = (field: string, p: DateParts) => {
    const r = readParts(p);
    if (r.error) errors[field] = r.error;
    return r.value;
  };
  const content: CarePlanContent = {
    whatMattersToMe: d.whatMattersToMe,
    strengths: d.strengths,
    needs: d.needs.map(({ domain, notes }) => ({ domain, notes })),
    goals: d.goals.map((g, i) => ({
      text: g.text,
      targetDate: date(`goals.${i}.targetDate`, g.targetDate),
      progress: g.progress.map((p, j) => {
        const score = Number(p.score);
        // The form says "score from 0 to 10" for a fraction too: it only offers whole numbers.
        if (p.score === '' || !zProgressScore.safeParse(score).success) {
          errors[`goals.${i}.progress.${j}.score`] = PROGRESS_SCORE_MESSAGE;
        }
        return { date: date(`goals.${i}.progress.${j}.date`, p.date) ?? '', score, note: p.note };
      }),
    })),
    actions: d.actions.map((a, i) => ({
      who: a.who,
      what: a.what,
      byWhen: date(`actions.${i}.byWhen`, a.byWhen),
      done: a.done,
    })),
    ifThingsGetWorse: d.ifThingsGetWorse,
    agreedOn: date('agreedOn', d.agreedOn),
    reviewOn: date('reviewOn', d.reviewOn),
  };
  d.goals.forEach((g, i) => {
    if (!g.text.trim()) errors[`goals.${i}.text`] = 'must say the goal in the person’s own words';
    g.progress.forEach((p, j) => {
      if (!readParts(p.date).value && !errors[`goals.${i}.progress.${j}.date`]) {
        errors[`goals.${i}.progress.${j}.date`] = 'must be the date the score was given';
      }
    });
  });
  d.actions.forEach((a, i) => {
    if (!a.who.trim()) errors[`actions.${i}.who`] = 'must say who will do it';
    if (!a.what.trim()) errors[`actions.${i}.what`] = 'must say what will be done';
  });
  d.needs.forEach((n, i) => {
    if (!n.domain) errors[`needs.${i}.domain`] = 'must say which need';
  });
  const empty = emptyPlanProblem(content);
  if (empty) errors.whatMattersToMe = empty;
  return { content, errors };
}

/** The element id of a plan field (dates focus their day box). */
export const fieldId = (field: string) => `plan-${field.replaceAll('.', '-')}`;
