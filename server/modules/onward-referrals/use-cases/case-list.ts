import type { OnwardReferralView } from '../../../../common/onward-referrals.js';
import type { Scope } from '../../../platform/access/scope.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { loadCase } from '../../referrals/referrals.service.js';
import * as repo from '../onward-referrals.repository.js';
import { listingRefs, namesOf, toOnwardReferralView } from '../views.js';

/** A case's onward referrals as the team sees them, oldest first, inside the team's scope. */
export async function onwardReferralViewsOfCase(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
): Promise<OnwardReferralView[]> {
  const rows = await repo.findOnwardReferralsOfCase(db, scope, referralId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One after another: inside a transaction the queries share one connection.
  const refs = await listingRefs(
    db,
    scope.icbId,
    rows.map((r) => r.serviceId),
  );
  const attendances = await repo.findAttendancesOf(db, ids);
  const links = await repo.findLatestLinksOf(db, ids);
  const names = await namesOf(db, rows);
  return rows.map((row) => toOnwardReferralView(row, { refs, attendances, links, names }));
}

/**
 * GET /api/referrals/:id/onward-referrals: anyone of the PCN's team who may read the case (404
 * for everyone else, as for the case itself).
 */
export async function listOnwardReferralsOfCase(
  db: DbOrTx,
  ctx: SignedInContext,
  referralId: string,
): Promise<{ items: OnwardReferralView[] }> {
  const { actor, row } = await loadCase(db, ctx, referralId);
  return { items: await onwardReferralViewsOfCase(db, actor.scope, row.id) };
}
