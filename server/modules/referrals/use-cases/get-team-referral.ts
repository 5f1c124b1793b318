import type { ReferralView } from '../../../../common/api-types.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { getReferral } from '../referrals.service.js';

/**
 * The team's full view of a referral (contact details, triage notes, events). Practice staff hold
 * `referral.read` for their own referrals' status only (GET /api/referrals/:id/status), so here
 * they get 404 for every id alike: there is no team record they may see, and the answer says
 * nothing about whether the referral exists. (403 stays reserved for "your role lacks the
 * permission", which the access hook answers.) The refusal is audited as a denied read.
 */
export async function getTeamReferral(db: Db, ctx: SignedInContext, id: string): Promise<ReferralView> {
  const { actor } = ctx;
  if (actor.scope.kind === 'practice') {
    await writeAuditAlone(db, ctx, {
      action: 'referral.read',
      outcome: 'denied',
      entityType: 'referral',
      entityId: id,
      details: { reason: 'practice staff see the status view only' },
    });
    throw notFound('referral');
  }
  return getReferral(db, ctx, id);
}
