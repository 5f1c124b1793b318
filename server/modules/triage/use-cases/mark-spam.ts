import type { ReferralView } from '../../../../common/api-types.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { findReferralInScope, toReferralViews, transitionReferral } from '../../referrals/referrals.service.js';

// A self-referral from the public app that is not a real referral (issue 14, point 6): the lead
// marks it as spam. It leaves the queue (declined, with no reason to tell anyone: no practice
// made it), the figures leave it out (analytics/refresh/referral-base.ts), and the record stays,
// with its event and audit row, so the decision can be seen and questioned.

export async function markSpam(db: Db, ctx: SignedInContext, id: string, input: { version: number }) {
  const actor = requirePcnActor(ctx);
  const committed = await runUseCase(db, ctx, async (tx) => {
    const current = await findReferralInScope(tx, actor.scope, id);
    if (!current) throw notFound('referral');
    if (current.source !== 'self') {
      throw new AppError('conflict', {
        userMessage: 'Only a self-referral from the public app can be marked as spam. Decline this referral instead.',
      });
    }
    const now = new Date();
    return transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to: 'declined',
      set: { closedAt: now, spamMarkedAt: now, spamMarkedBy: actor.userId },
      event: { type: 'marked_spam', details: {} },
    });
  });
  const [view] = await toReferralViews(db, actor.scope, [committed], { withEvents: true });
  return view as ReferralView;
}
