import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { carePlans, carePlanVersions } from '../care-plans/care-plans.tables.js';
import { caseContacts } from '../cases/cases.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import type { CaseFacts, DueTask } from './due-tasks.js';
import { reminderTasks } from './reminders.tables.js';

const londonDate = (col: unknown) =>
  sql<string | null>`to_char((${col} AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')`;

/**
 * The facts the daily scan needs about every open case, across all PCNs. This reads the
 * referrals, case contacts and care plan tables of other modules directly — read-only, one
 * query for the whole fleet's caseloads rather than a service call per case.
 */
export async function findOpenCaseFacts(db: DbOrTx): Promise<CaseFacts[]> {
  const lastContact = db
    .select({
      referralId: caseContacts.referralId,
      lastAt: sql`max(${caseContacts.at})`.as('last_at'),
    })
    .from(caseContacts)
    .where(eq(caseContacts.outcome, 'attended'))
    .groupBy(caseContacts.referralId)
    .as('last_contact');
  return db
    .select({
      referralId: referrals.id,
      pcnId: referrals.pcnId,
      status: referrals.status,
      allocatedWorkerId: referrals.allocatedWorkerId,
      coverWorkerId: referrals.coverWorkerId,
      firstContactDueOn: londonDate(referrals.firstContactDueAt),
      firstContactOn: londonDate(referrals.firstContactAt),
      lastAttendedContactOn: londonDate(lastContact.lastAt),
      planReviewOn: sql<string | null>`nullif(${carePlanVersions.content}->>'reviewOn', '')`,
    })
    .from(referrals)
    .leftJoin(lastContact, eq(lastContact.referralId, referrals.id))
    .leftJoin(carePlans, and(eq(carePlans.personId, referrals.personId), eq(carePlans.pcnId, referrals.pcnId)))
    .leftJoin(
      carePlanVersions,
      and(eq(carePlanVersions.planId, carePlans.id), eq(carePlanVersions.version, carePlans.currentVersion)),
    )
    .where(inArray(referrals.status, ['allocated', 'first_contact', 'active']));
}

export type TaskRow = typeof reminderTasks.$inferSelect;

export function findOpenTasks(db: DbOrTx): Promise<TaskRow[]> {
  return db.select().from(reminderTasks).where(isNull(reminderTasks.doneAt));
}

export async function deleteTasks(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(reminderTasks).where(and(inArray(reminderTasks.id, ids), isNull(reminderTasks.doneAt)));
}

/** Inserts the tasks; one already open, or already done for the same due date, is left alone. */
export async function insertTasks(db: DbOrTx, tasks: DueTask[]): Promise<number> {
  if (tasks.length === 0) return 0;
  const rows = await db.insert(reminderTasks).values(tasks).onConflictDoNothing().returning({ id: reminderTasks.id });
  return rows.length;
}

export function findOpenTasksOfUser(db: DbOrTx, userId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(reminderTasks)
    .where(and(eq(reminderTasks.userId, userId), isNull(reminderTasks.doneAt)))
    .orderBy(asc(reminderTasks.dueOn), asc(reminderTasks.createdAt));
}

export function findReferralPeople(db: DbOrTx, referralIds: string[]) {
  if (referralIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: referrals.id, personId: referrals.personId })
    .from(referrals)
    .where(inArray(referrals.id, referralIds));
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
