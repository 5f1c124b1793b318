import type { TaskKind } from './reminders.tables.js';

// Which reminder tasks are due today: a pure decision, so every boundary is unit tested.

/** What the daily scan knows about one open case. */
export interface CaseFacts {
  referralId: string;
  pcnId: string;
  status: string;
  allocatedWorkerId: string | null;
  coverWorkerId: string | null;
  /** London date (YYYY-MM-DD) of the first contact target. */
  firstContactDueOn: string | null;
  /** London date of the first contact made. */
  firstContactOn: string | null;
  /** London date of the latest attended contact. */
  lastAttendedContactOn: string | null;
  /** The care plan's review date (YYYY-MM-DD). */
  planReviewOn: string | null;
}

export interface DueTask {
  userId: string;
  referralId: string;
  pcnId: string;
  kind: TaskKind;
  dueOn: string;
  /** For 'onward_no_reply': the onward referral the organisation has not answered. */
  onwardReferralId?: string;
}

export const CASELOAD = new Set(['allocated', 'first_contact', 'active']);
const UNDER_WAY = new Set(['first_contact', 'active']);

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Tasks due on `today` (a London date) for one case; none for closed cases or cases with no worker. */
export function dueTasksFor(c: CaseFacts, today: string, noContactDays: number): DueTask[] {
  if (!CASELOAD.has(c.status)) return [];
  const userId = c.coverWorkerId ?? c.allocatedWorkerId;
  if (!userId) return [];
  const task = (kind: TaskKind, dueOn: string): DueTask => ({
    userId,
    referralId: c.referralId,
    pcnId: c.pcnId,
    kind,
    dueOn,
  });
  const tasks: DueTask[] = [];
  // Overdue means the target day has passed: due today is still on time.
  if (c.status === 'allocated' && !c.firstContactOn && c.firstContactDueOn && c.firstContactDueOn < today) {
    tasks.push(task('first_contact_overdue', c.firstContactDueOn));
  }
  if (c.planReviewOn && c.planReviewOn <= today) tasks.push(task('plan_review_due', c.planReviewOn));
  const last = c.lastAttendedContactOn ?? c.firstContactOn;
  if (UNDER_WAY.has(c.status) && last) {
    const dueOn = addDays(last, noContactDays);
    if (dueOn <= today) tasks.push(task('no_recent_contact', dueOn));
  }
  return tasks;
}

export function dueTasks(cases: readonly CaseFacts[], today: string, noContactDays: number): DueTask[] {
  return cases.flatMap((c) => dueTasksFor(c, today, noContactDays));
}
