import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { DueTask } from './due-tasks.js';
import { reminderTasks } from './reminders.tables.js';

export type TaskRow = typeof reminderTasks.$inferSelect;

export function findOpenTasks(db: DbOrTx): Promise<TaskRow[]> {
  return db.select().from(reminderTasks).where(isNull(reminderTasks.doneAt));
}

export async function deleteTasks(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(reminderTasks).where(and(inArray(reminderTasks.id, ids), isNull(reminderTasks.doneAt)));
}

/** Inserts the tasks; one already open, or already done for the same due date, is left alone. Returns those made. */
export async function insertTasks(db: DbOrTx, tasks: DueTask[]): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  return db.insert(reminderTasks).values(tasks).onConflictDoNothing().returning();
}

export function findOpenTasksOfUser(db: DbOrTx, userId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(reminderTasks)
    .where(and(eq(reminderTasks.userId, userId), isNull(reminderTasks.doneAt)))
    .orderBy(asc(reminderTasks.dueOn), asc(reminderTasks.createdAt));
}

/** Marks the user's own open task done; null when it is not theirs, not found or already done. */
export async function markTaskDone(db: DbOrTx, userId: string, id: string, at: Date): Promise<TaskRow | null> {
  const [row] = await db
    .update(reminderTasks)
    .set({ doneAt: at })
    .where(and(eq(reminderTasks.id, id), eq(reminderTasks.userId, userId), isNull(reminderTasks.doneAt)))
    .returning();
  return row ?? null;
}
