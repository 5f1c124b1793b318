import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { RequestContext } from '../context.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { stableStringify } from '../stable-json.js';
import { auditEvents } from './audit.tables.js';
import { AuditBatcher } from './audit-batcher.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  /** Dotted verb, e.g. `auth.sign-in`, `user.update`, `person.read`. */
  action: string;
  outcome?: AuditOutcome;
  entityType?: string;
  entityId?: string;
  /** Never put clinical free text here: identifiers and field names only. */
  details?: Record<string, unknown>;
  /** Overrides the context's actor (e.g. a failed sign-in names the account tried). */
  actorUserId?: string | null;
  actorRole?: string | null;
  /**
   * The ICB whose admins may see the row. Defaults to the signed-in actor's ICB; give it where no
   * one is signed in (a failed sign-in → the account's ICB, a public report → the listing's ICB).
   * Null: the row belongs to no ICB and no ICB admin sees it (an unknown account tried).
   */
  icbId?: string | null;
}

/** The actor_role of audit rows written for a system client (actor_user_id holds the client's id). */
export const SYSTEM_CLIENT_ACTOR_ROLE = 'system_client';

export const GENESIS_HASH = '0'.repeat(64);

type AuditRow = typeof auditEvents.$inferSelect;
type Hashable = Omit<AuditRow, 'id' | 'hash' | 'prevHash'>;

/** The text a row's hash covers besides the previous hash (waymark_audit_append hashes the same). */
export function canonicalAuditRow(row: Hashable): string {
  return stableStringify({
    // Only when present: rows written before the column existed must hash exactly as they did,
    // while moving a newer row to another ICB (or out of every ICB) breaks the chain.
    ...(row.icbId ? { icbId: row.icbId } : {}),
    at: row.at.toISOString(),
    // Each as stored: a field missing (undefined) is stored as null and read back as null, so it
    // is hashed as null. Hashed as missing, a request whose client had gone (no address) left a
    // row that `audit:verify` then called edited.
    actorUserId: row.actorUserId ?? null,
    actorRole: row.actorRole ?? null,
    action: row.action,
    outcome: row.outcome,
    entityType: row.entityType ?? null,
    entityId: row.entityId ?? null,
    ip: row.ip ?? null,
    requestId: row.requestId ?? null,
    details: row.details,
  });
}

export function hashAuditRow(prevHash: string, row: Hashable): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalAuditRow(row)).digest('hex');
}

/** Who the row is about and whose ICB it belongs to: the entry's overrides, else the signed-in actor. */
export function auditorOf(ctx: RequestContext, entry: AuditEntry) {
  return {
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (ctx.actor?.userId ?? null),
    // A system client is recorded by its id (in actor_user_id) and the role `system_client`.
    actorRole:
      entry.actorRole !== undefined
        ? entry.actorRole
        : ctx.actor?.systemClient
          ? SYSTEM_CLIENT_ACTOR_ROLE
          : (ctx.actor?.role ?? null),
    icbId: entry.icbId !== undefined ? entry.icbId : (ctx.actor?.scope.icbId ?? null),
  };
}

// The transactions that have written a success row: runUseCase asks before it commits.
const audited = new WeakSet<Tx>();

// Use-cases' transactions (runUseCase): their audit rows wait in a queue and are appended as the
// use-case's last step. The chain's lock is then held from the append to the commit only, not
// from the first audit row through the rest of the use-case's work: audited writes across the
// whole ICB queue behind each other for the time of an insert, not of a request.
const pending = new WeakMap<Tx, { ctx: RequestContext; entry: AuditEntry }[]>();

/** Makes this transaction's audit rows wait for `appendDeferredAudit` (runUseCase does both). */
export function deferAudit(tx: Tx): void {
  pending.set(tx, []);
}

/** Appends the audit rows this transaction's work has written so far, in the order written. */
export async function appendDeferredAudit(tx: Tx): Promise<void> {
  const queue = pending.get(tx);
  if (!queue) return;
  pending.delete(tx);
  for (const { ctx, entry } of queue) await writeAuditRows(tx, ctx, entry);
}

/** Whether this transaction has written an audit row of a success (see runUseCase). */
export function hasWrittenAudit(tx: Tx): boolean {
  return audited.has(tx);
}

/**
 * Appends the audit row of a change, in the transaction that makes the change, so the row
 * commits (or rolls back) with it. Only a transaction is taken — by type, and at run time for
 * callers the types do not reach — so a change cannot be audited beside its transaction; a row
 * that records no change (a read, a search, a refusal) goes through `writeAuditAlone`.
 */
export async function writeAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  if (!(tx instanceof PgTransaction)) {
    throw new Error(`writeAudit(${entry.action}) needs the transaction of the change it records`);
  }
  const queue = pending.get(tx);
  if (queue) queue.push({ ctx, entry });
  else await writeAuditRows(tx, ctx, entry);
  if ((entry.outcome ?? 'success') === 'success') audited.add(tx);
}

/**
 * Appends an audit row that records no change — a read of personal data, a search, an export, a
 * refusal — in a transaction of its own. Appends are serialised by a transaction-scoped advisory
 * lock, which keeps the chain linear across any number of app instances.
 *
 * Refusals (`outcome: 'denied'`) from a request go through the app's denial throttle: repeats of
 * one kind by one actor are counted into one row rather than written one by one.
 */
export async function writeAuditAlone(db: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await writeAuditRows(db, ctx, entry);
}

async function writeAuditRows(dbOrTx: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const throttle = entry.outcome === 'denied' ? ctx.auditDenials : undefined;
  if (throttle) {
    const verdict = throttle.admit(ctx, entry);
    for (const count of verdict.before) await appendAuditRow(dbOrTx, count.ctx, count.entry);
    if (!verdict.write) return;
  }
  await appendAuditRow(dbOrTx, ctx, entry);
}

async function appendAuditRow(dbOrTx: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const row: Hashable = {
    at: new Date(),
    ...auditorOf(ctx, entry),
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: entry.details ?? {},
  };
  // Inside a transaction the row commits (or rolls back) with it; otherwise it records no change
  // and joins the next batch of its database's writer.
  if (dbOrTx instanceof PgTransaction) await appendChained(dbOrTx, [row]);
  else await batcherOf(dbOrTx).append(row);
}

const batchers = new WeakMap<Db, AuditBatcher<Hashable>>();
function batcherOf(db: Db): AuditBatcher<Hashable> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db, appendChained);
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * Appends rows to the chain, in order, under the chain's lock: one statement (migration 0038's
 * waymark_audit_append), so the lock is never held across a network round trip. Inside a
 * transaction the lock lasts until that transaction ends, so no other writer can slip a row in
 * between; otherwise the statement is its own transaction.
 */
async function appendChained(dbOrTx: DbOrTx, rows: Hashable[]): Promise<void> {
  const entries = rows.map((row) => ({ ...row, at: row.at.toISOString(), canonical: canonicalAuditRow(row) }));
  await dbOrTx.execute(sql`SELECT waymark_audit_append(${JSON.stringify(entries)}::json)`);
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadId: string; reason: string };

/** Recomputes the whole chain in id order and reports the first row that does not fit. */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterId = 0n;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBadId: String(row.id),
          reason: 'does not link to the row before it (a row was removed or inserted)',
        };
      }
      if (hashAuditRow(prevHash, row) !== row.hash) {
        return {
          ok: false,
          checked,
          firstBadId: String(row.id),
          reason: 'its content does not match its hash (the row was edited)',
        };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
  }
}
