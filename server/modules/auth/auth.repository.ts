import { and, eq, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { sessions } from './auth.tables.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findSession(db: DbOrTx, id: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

export async function deleteSession(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
  return rows.length > 0;
}

export async function touchSession(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function setPendingTotpSecret(db: DbOrTx, id: string, secret: string | null): Promise<void> {
  await db.update(sessions).set({ pendingTotpSecret: secret }).where(eq(sessions.id, id));
}

/** Clears the session's pending TOTP secret if it is still the given one; false when it was not. */
export async function takePendingTotpSecret(db: DbOrTx, id: string, secret: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ pendingTotpSecret: null })
    .where(and(eq(sessions.id, id), eq(sessions.pendingTotpSecret, secret)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}

/** Deletes every other session of the user; returns the ids deleted. */
export async function deleteSessionsOfUser(db: DbOrTx, userId: string, exceptId: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, exceptId)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}
