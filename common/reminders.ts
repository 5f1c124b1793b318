// Reminder tasks: shared by the server's task routes and the "Your tasks" page.
import { z } from 'zod';

export const TASK_KIND_LABELS = {
  first_contact_overdue: 'First contact overdue',
  plan_review_due: 'Care plan review due',
  no_recent_contact: 'No recent contact',
  onward_no_reply: 'No reply to an onward referral',
} as const;

export type TaskKindName = keyof typeof TASK_KIND_LABELS;

export const ZTaskItem = z.object({
  id: z.string(),
  kind: z.enum(Object.keys(TASK_KIND_LABELS) as [TaskKindName, ...TaskKindName[]]),
  /** What to do, in words: "No reply from <service>" for an unanswered onward referral. */
  kindLabel: z.string(),
  /** The date it fell due (YYYY-MM-DD, London). */
  dueOn: z.string(),
  createdAt: z.string(),
  referralId: z.string(),
  /** The onward referral an 'onward_no_reply' task chases (null for the other kinds). */
  onwardReferralId: z.string().nullable(),
  person: z.object({ givenName: z.string(), familyName: z.string() }),
});
export type TaskItem = z.infer<typeof ZTaskItem>;

export const ZTaskList = z.object({ items: z.array(ZTaskItem) });
export type TaskList = z.infer<typeof ZTaskList>;

export const ZTaskDone = z.object({ id: z.string(), doneAt: z.string() });
