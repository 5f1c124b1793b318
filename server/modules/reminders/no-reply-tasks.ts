import { addWorkingDays } from '../../platform/working-days.js';
import { CASELOAD, type CaseFacts, type DueTask } from './due-tasks.js';

// Chasing a reply (issue 12, point 4): an onward referral the organisation has not answered by
// its reply date becomes a task for the case's worker. A pure decision, unit tested at its
// boundaries (weekends, bank holidays).

/** What the daily scan knows about one onward referral. */
export interface OnwardFacts {
  id: string;
  /** The case it was sent from. */
  referralId: string;
  kind: 'signpost' | 'referral';
  status: string;
  /** The London date by which the organisation should reply (working days, set at send). */
  replyDueOn: string | null;
}

/**
 * The chase falls due on the first working day after the reply date: the organisation has the
 * whole of its last day to answer, and a reply due on the Friday before a bank holiday Monday
 * is chased on the Tuesday, not over the weekend when nobody reads the task.
 */
export function chaseDueOn(replyDueOn: string): string {
  return addWorkingDays(replyDueOn, 1);
}

/**
 * The no-reply task due on `today` for one onward referral of a case, or null: only a referral
 * (a signpost expects no answer) still waiting for its answer, past its chase date, in a case
 * someone works (the covering colleague while it is covered).
 */
export function noReplyTaskFor(o: OnwardFacts, c: CaseFacts | undefined, today: string): DueTask | null {
  if (o.kind !== 'referral' || o.status !== 'sent' || !o.replyDueOn) return null;
  if (!c || c.referralId !== o.referralId || !CASELOAD.has(c.status)) return null;
  const userId = c.coverWorkerId ?? c.allocatedWorkerId;
  if (!userId) return null;
  const dueOn = chaseDueOn(o.replyDueOn);
  if (dueOn > today) return null;
  return { userId, referralId: c.referralId, pcnId: c.pcnId, kind: 'onward_no_reply', dueOn, onwardReferralId: o.id };
}

export function noReplyTasks(onward: readonly OnwardFacts[], cases: readonly CaseFacts[], today: string): DueTask[] {
  const caseOf = new Map(cases.map((c) => [c.referralId, c]));
  return onward.flatMap((o) => noReplyTaskFor(o, caseOf.get(o.referralId), today) ?? []);
}
