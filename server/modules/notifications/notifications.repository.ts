import { and, asc, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { notifications, outbox } from './notifications.tables.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

// In-app notifications are always read and written for one user: the where-clause carries the
// user id, so another user's notification is simply not found.

export async function insertNotification(db: DbOrTx, values: typeof notifications.$inferInsert): Promise<void> {
  await db.insert(notifications).values(values);
}

export async function findNotificationsOfUser(db: DbOrTx, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnreadOfUser(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (keeps the first time it was read); null when not theirs. */
export async function markReadOfUser(db: DbOrTx, userId: string, id: string): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row ?? null;
}

export async function markAllReadOfUser(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// Outbox. Times come from the database clock (now()), the one clock every instance shares.

export async function insertOutboxEmail(
  db: DbOrTx,
  payload: { to: string; subject: string; text: string },
): Promise<number> {
  const [row] = await db.insert(outbox).values({ kind: 'email', payload }).returning({ id: outbox.id });
  return (row as { id: number }).id;
}

const due = () => and(eq(outbox.kind, 'email'), isNull(outbox.sentAt), lte(outbox.nextAttemptAt, sql`now()`));

/**
 * Locks the oldest unsent email that is due, for the rest of the caller's transaction.
 * SKIP LOCKED: a row another worker (on any instance) is sending is passed over, never sent twice.
 */
export async function claimNextDueEmail(tx: DbOrTx): Promise<OutboxRow | null> {
  const [row] = await tx.select().from(outbox).where(due()).orderBy(asc(outbox.id)).limit(1).for('update', {
    skipLocked: true,
  });
  return row ?? null;
}

export async function markOutboxSent(tx: DbOrTx, id: number): Promise<void> {
  await tx
    .update(outbox)
    .set({ sentAt: sql`now()`, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, id));
}

export async function recordOutboxFailure(tx: DbOrTx, id: number, error: string, retryInMs: number): Promise<void> {
  await tx
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      lastError: error,
      nextAttemptAt: sql`now() + ${Math.max(0, Math.round(retryInMs))} * interval '1 millisecond'`,
    })
    .where(eq(outbox.id, id));
}

export async function countDueEmails(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outbox).where(due());
  return row?.n ?? 0;
}
