import { sql } from 'drizzle-orm';
import { appendDeferredAudit, deferAudit, hasWrittenAudit, writeAuditAlone } from './audit/audit.js';
import type { Principal, SignedInContext } from './context.js';
import type { Db, Tx } from './db/client.js';
import { isRestrictedProcessing } from './errors.js';

/**
 * The one way a signed-in request changes something. The change, its audit row (`writeAudit`,
 * which takes only a transaction) and its realtime notice (`publish`, likewise) share one
 * transaction: they commit together or not at all. A use-case that finishes without writing the
 * audit row of a success is a bug, and is refused here — rolled back, never committed silently —
 * so no write can forget its audit.
 */
// Transactions whose use-case declared that it changed nothing (see nothingChanged).
const unchanged = new WeakSet<Tx>();

/**
 * Declares that this run of a use-case wrote nothing — e.g. a retried request answered from its
 * first answer — so it owes no audit row. Explicit, so that forgetting the audit is never silent.
 */
export function nothingChanged<T>(tx: Tx, answer: T): T {
  unchanged.add(tx);
  return answer;
}

/**
 * People's rights (migration 0034): in this transaction, a change to the record of a person whose
 * processing is restricted is refused by the database, whichever module makes it. Every signed-in
 * change has it (runUseCase); so must every change made for someone without an account (an
 * organisation answering through a secure link). Background jobs that only minimise data do not.
 */
export async function enforceRestriction(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('waymark.enforce_restriction', 'on', true)`);
}

export async function runUseCase<T>(
  db: Db,
  ctx: SignedInContext,
  work: (tx: Tx, actor: Principal) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      deferAudit(tx);
      await enforceRestriction(tx);
      const result = await work(tx, ctx.actor);
      if (!hasWrittenAudit(tx) && !unchanged.has(tx))
        throw new Error('a use-case that writes finished without writing its audit row');
      // Last, just before the commit: the audit chain's lock is held only from here.
      await appendDeferredAudit(tx);
      return result;
    });
  } catch (err) {
    // The refusal is audited like any other (after the rollback, in a transaction of its own).
    if (isRestrictedProcessing(err)) {
      await writeAuditAlone(db, ctx, { action: 'processing-restricted.refused', outcome: 'denied' });
    }
    throw err;
  }
}
