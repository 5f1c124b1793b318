// Reminder tasks: shared by the server's task routes and the "Your tasks" page.

export const TASK_KIND_LABELS = {
  first_contact_overdue: 'First contact overdue',
  plan_review_due: 'Care plan review due',
  no_recent_contact: 'No recent contact',
} as const;

export type TaskKindName = keyof typeof TASK_KIND_LABELS;

export interface TaskItem {
  id: string;
  kind: TaskKindName;
  kindLabel: string;
  /** The date it fell due (YYYY-MM-DD, London). */
  dueOn: string;
  createdAt: string;
  referralId: string;
  person: { givenName: string; familyName: string };
}

export interface TaskList {
  items: TaskItem[];
}
