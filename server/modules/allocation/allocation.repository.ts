import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';

// Allocation keeps no table of its own: the referrals it allocates, the caseloads and cover are
// the referrals module's work lists (referrals.service `workLists`), always within a scope.

/**
 * Serialises allocation within one PCN, so two allocations at once cannot both see the same
 * free place in someone's caseload.
 */
export async function lockPcnAllocation(tx: DbOrTx, pcnId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('waymark.allocation'), hashtext(${pcnId}))`);
}
