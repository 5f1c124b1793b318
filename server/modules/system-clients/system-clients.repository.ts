import { and, arrayContains, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import {
  gpMessageDeliveries,
  systemClientAssertions,
  systemClients,
  systemClientTokens,
} from './system-clients.tables.js';

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

/** Names of registered systems by id (for display, e.g. the audit log's "who"). */
export async function findClientNames(db: DbOrTx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: systemClients.id, name: systemClients.name })
    .from(systemClients)
    .where(inArray(systemClients.id, ids));
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

export type GpMessageDeliveryRow = typeof gpMessageDeliveries.$inferSelect;

/** Sets (or, with nulls, removes) a live client's webhook; null when not found in scope or revoked. */
export async function setWebhook(
  db: DbOrTx,
  scope: Scope,
  id: string,
  webhook: { url: string; secret: string } | null,
): Promise<SystemClientRow | null> {
  const [row] = await db
    .update(systemClients)
    .set({
      webhookUrl: webhook?.url ?? null,
      webhookSecret: webhook?.secret ?? null,
      webhookSetAt: webhook ? new Date() : null,
    })
    .where(
      and(
        eq(systemClients.id, id),
        // A revoked client's webhook may still be removed, never set.
        webhook ? isNull(systemClients.revokedAt) : undefined,
        scopeWhere(scope, { icbId: systemClients.icbId }),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * The live clients with a webhook that may read this message back: those acting for its practice,
 * and those acting for its whole PCN, with the gpmessage.read scope.
 */
export async function findWebhookClientsFor(
  db: DbOrTx,
  message: { practiceId: string | null; pcnId: string },
): Promise<{ id: string }[]> {
  return db
    .select({ id: systemClients.id })
    .from(systemClients)
    .where(
      and(
        isNull(systemClients.revokedAt),
        isNotNull(systemClients.webhookUrl),
        arrayContains(systemClients.scopes, ['gpmessage.read']),
        or(
          message.practiceId ? eq(systemClients.practiceId, message.practiceId) : sql`false`,
          and(isNull(systemClients.practiceId), eq(systemClients.pcnId, message.pcnId)),
        ),
      ),
    );
}

export async function insertDeliveries(db: DbOrTx, rows: { clientId: string; gpMessageId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(gpMessageDeliveries).values(rows).onConflictDoNothing();
}

/**
 * The next due delivery, locked for this transaction (SKIP LOCKED: another instance takes the
 * next one), with its client's webhook; deliveries of a client revoked or without a webhook wait.
 */
export async function claimNextDueDelivery(db: DbOrTx) {
  const [row] = await db
    .select({ delivery: gpMessageDeliveries, client: systemClients })
    .from(gpMessageDeliveries)
    .innerJoin(systemClients, eq(systemClients.id, gpMessageDeliveries.clientId))
    .where(
      and(
        eq(gpMessageDeliveries.status, 'pending'),
        sql`${gpMessageDeliveries.nextAttemptAt} <= now()`,
        isNull(systemClients.revokedAt),
        isNotNull(systemClients.webhookUrl),
      ),
    )
    .orderBy(gpMessageDeliveries.nextAttemptAt)
    .limit(1)
    .for('update', { of: gpMessageDeliveries, skipLocked: true });
  return row ?? null;
}

export async function recordDeliveryFailure(db: DbOrTx, id: string, error: string, retryInMs: number): Promise<void> {
  await db
    .update(gpMessageDeliveries)
    .set({
      attempts: sql`${gpMessageDeliveries.attempts} + 1`,
      lastError: error,
      nextAttemptAt: sql`now() + ${`${retryInMs} milliseconds`}::interval`,
    })
    .where(eq(gpMessageDeliveries.id, id));
}

export async function markDelivered(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(gpMessageDeliveries)
    .set({
      status: 'delivered',
      attempts: sql`${gpMessageDeliveries.attempts} + 1`,
      deliveredAt: sql`now()`,
      lastError: null,
    })
    .where(eq(gpMessageDeliveries.id, id));
}

/** The latest deliveries to one client, newest first. */
export async function findDeliveriesOfClient(db: DbOrTx, clientId: string, limit: number) {
  return db
    .select()
    .from(gpMessageDeliveries)
    .where(eq(gpMessageDeliveries.clientId, clientId))
    .orderBy(desc(gpMessageDeliveries.createdAt))
    .limit(limit);
}

/**
 * Removes bearer tokens that expired more than a day ago (the day keeps a just-expired token
 * answering "expired" rather than "unknown" in the logs); their calls stay in the audit log.
 */
export async function deleteExpiredTokens(db: DbOrTx, now = new Date()): Promise<number> {
  const gone = await db
    .delete(systemClientTokens)
    .where(lt(systemClientTokens.expiresAt, new Date(now.getTime() - 24 * 3_600_000)));
  return gone.rowCount ?? 0;
}
