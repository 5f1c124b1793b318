import { and, count, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { preparedRead } from '../../platform/db/prepared.js';
import { passwordResetTokens, sessionAccounts, sessions } from './auth.tables.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findSession(db: DbOrTx, id: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

const sessionAccountById = preparedRead('auth_session_account_by_id', (db) =>
  db
    .select()
    .from(sessionAccounts)
    .where(eq(sessionAccounts.id, sql.placeholder('id'))),
);

export type SessionAccountRow = typeof sessionAccounts.$inferSelect;

/** The session with its account's access fields, for the access hook on every signed-in request: one prepared statement. */
export async function findSessionAccount(db: Db, id: string): Promise<SessionAccountRow | null> {
  const [row] = await sessionAccountById(db, { id });
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

export async function insertResetToken(db: DbOrTx, values: typeof passwordResetTokens.$inferInsert): Promise<void> {
  await db.insert(passwordResetTokens).values(values);
}

/** How many reset links the user was sent since `since` (the per-address limit). */
export async function countResetTokensSince(db: DbOrTx, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, since)));
  return row?.n ?? 0;
}

/**
 * Uses a reset token: marks it used if it is unused and unexpired, in one statement, so that of
 * two uses at once exactly one gets the user id. Null for an unknown, used or expired token.
 */
export async function takeResetToken(db: DbOrTx, id: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(
      and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)),
    )
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}

/** Voids every unused reset link of the user (after a reset or a password change). */
export async function voidResetTokensOfUser(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/** The user a reset token would reset, while it is unused and unexpired; null otherwise. */
export async function findUsableResetToken(db: DbOrTx, id: string, now: Date): Promise<string | null> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(
      and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)),
    );
  return row?.userId ?? null;
}
