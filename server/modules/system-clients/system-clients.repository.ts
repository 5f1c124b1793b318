import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { systemClientAssertions, systemClients, systemClientTokens } from './system-clients.tables.js';

export type SystemClientRow = typeof systemClients.$inferSelect;

export async function findClientsInScope(db: DbOrTx, scope: Scope): Promise<SystemClientRow[]> {
  return db
    .select()
    .from(systemClients)
    .where(scopeWhere(scope, { icbId: systemClients.icbId }))
    .orderBy(desc(systemClients.createdAt));
}

export async function findClientById(db: DbOrTx, id: string): Promise<SystemClientRow | null> {
  const [row] = await db.select().from(systemClients).where(eq(systemClients.id, id));
  return row ?? null;
}

export async function insertClient(db: DbOrTx, values: typeof systemClients.$inferInsert): Promise<SystemClientRow> {
  const [row] = await db.insert(systemClients).values(values).returning();
  return row as SystemClientRow;
}

/** Revokes a client of the scope and every token it holds; null when not found (or already revoked). */
export async function revokeClient(
  db: DbOrTx,
  scope: Scope,
  id: string,
  by: string | null,
): Promise<SystemClientRow | null> {
  const now = new Date();
  const [row] = await db
    .update(systemClients)
    .set({ revokedAt: now, revokedBy: by })
    .where(
      and(eq(systemClients.id, id), isNull(systemClients.revokedAt), scopeWhere(scope, { icbId: systemClients.icbId })),
    )
    .returning();
  if (!row) return null;
  await db
    .update(systemClientTokens)
    .set({ revokedAt: now })
    .where(and(eq(systemClientTokens.clientId, id), isNull(systemClientTokens.revokedAt)));
  return row;
}

export async function findClientInScope(db: DbOrTx, scope: Scope, id: string): Promise<SystemClientRow | null> {
  const [row] = await db
    .select()
    .from(systemClients)
    .where(and(eq(systemClients.id, id), scopeWhere(scope, { icbId: systemClients.icbId })));
  return row ?? null;
}

export async function insertToken(db: DbOrTx, values: typeof systemClientTokens.$inferInsert): Promise<void> {
  await db.insert(systemClientTokens).values(values);
}

/** The live token's client and scopes: not expired, not revoked, its client not revoked. */
export async function findLiveToken(db: DbOrTx, tokenId: string) {
  const [row] = await db
    .select({ client: systemClients, scopes: systemClientTokens.scopes })
    .from(systemClientTokens)
    .innerJoin(systemClients, eq(systemClients.id, systemClientTokens.clientId))
    .where(
      and(
        eq(systemClientTokens.id, tokenId),
        gt(systemClientTokens.expiresAt, sql`now()`),
        isNull(systemClientTokens.revokedAt),
        isNull(systemClients.revokedAt),
      ),
    );
  return row ?? null;
}

/**
 * Records an assertion's jti; false when the client already used it (a replay). Spent jtis past
 * their expiry are dropped first: an expired assertion is refused by its exp anyway.
 */
export async function spendAssertion(db: DbOrTx, clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
  await db
    .delete(systemClientAssertions)
    .where(and(eq(systemClientAssertions.clientId, clientId), lt(systemClientAssertions.expiresAt, sql`now()`)));
  const inserted = await db
    .insert(systemClientAssertions)
    .values({ clientId, jti, expiresAt })
    .onConflictDoNothing()
    .returning({ jti: systemClientAssertions.jti });
  return inserted.length === 1;
}
