import { writeAudit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { removeSharedDetailsAfterAccessEnded } from './chase.js';

// Chasing a reply and ending an organisation's access (issue 12, point 4): what the daily
// reminders run may call of the onward referrals module.
export { findUnansweredReferrals, recordChased, servicesOfOnwardReferrals, type UnansweredReferral } from './chase.js';

/** A job acts for no one: its audit rows name no actor and say which ICB they belong to. */
const JOB: RequestContext = { actor: null, ip: null, requestId: null };

export interface AccessEndReport {
  /** Onward referrals whose shared details were removed by this run. */
  ended: number;
}

/**
 * The daily purge: removes the details shared with an organisation once its access to them has
 * ended (declined or closed + PARTNER_ACCESS_DAYS), in one transaction with one audit row
 * `onward.access-ended` per ICB, counting its rows. A second run finds nothing left to remove.
 */
export async function endPartnerAccess(db: Db, { now }: { now: Date }): Promise<AccessEndReport> {
  return db.transaction(async (tx) => {
    const rows = await removeSharedDetailsAfterAccessEnded(tx, now);
    const byIcb = new Map<string, string[]>();
    for (const r of rows) byIcb.set(r.icbId, [...(byIcb.get(r.icbId) ?? []), r.id]);
    for (const [icbId, ids] of byIcb) {
      await writeAudit(tx, JOB, {
        action: 'onward.access-ended',
        entityType: 'onward_referral',
        icbId,
        details: { count: ids.length, onwardReferralIds: ids },
      });
    }
    return { ended: rows.length };
  });
}
