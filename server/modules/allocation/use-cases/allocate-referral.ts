import type { ReferralView } from '../../../../common/api-types.js';
import { referralLabel } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { findReferralInScope, toReferralViews, transitionReferral } from '../../referrals/referrals.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';
import type { TAllocate } from '../allocation.schemas.js';
import { capacityOf, suggestAllocation } from '../allocation-rules.js';
import { ALLOCATABLE } from './suggest-allocation.js';
import { loadTeamForAllocation, referralsForAllocation } from './team-snapshot.js';

/**
 * The lead accepts Waymark's suggestion or overrides it (with a reason). The suggestion is worked
 * out again here, under the PCN's allocation lock, so the event records what Waymark suggested at
 * the moment of the decision.
 */
export async function allocateReferral(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TAllocate,
): Promise<ReferralView> {
  const actor = requirePcnActor(ctx);
  const pcnId = actor.scope.pcnId;
  const committed = await runUseCase(db, ctx, async (tx) => {
    await repo.lockPcnAllocation(tx, pcnId);
    const row = await findReferralInScope(tx, actor.scope, id);
    if (!row) throw notFound('referral');
    if (row.version !== input.version || !(ALLOCATABLE as readonly string[]).includes(row.status)) {
      // A stale version or a status allocation cannot move from: the lifecycle explains which (409).
      await transitionReferral(tx, ctx, { id, version: input.version, to: 'allocated', event: { type: 'allocated' } });
      throw conflict('This referral cannot be allocated now. Reload to see the latest.');
    }
    const team = await loadTeamForAllocation(tx, actor.scope, londonToday());
    const [referral] = await referralsForAllocation(tx, actor.scope, [row]);
    if (!referral) throw notFound('referral');
    const suggestion = suggestAllocation(referral, team);

    const chosen = team.find((m) => m.id === input.workerId);
    if (!chosen) {
      throw validationError([{ field: 'workerId', message: 'is not a member of your team who holds a caseload' }]);
    }
    if (chosen.onLeaveUntil) {
      throw validationError([
        { field: 'workerId', message: `is on leave until ${chosen.onLeaveUntil}: choose someone who is at work` },
      ]);
    }
    const suggested = suggestion.worker;
    const isOverride = suggested?.id !== chosen.id;
    const overrideReason = input.overrideReason?.trim() || null;
    if (isOverride && !overrideReason) {
      throw validationError([
        {
          field: 'overrideReason',
          message: suggested
            ? `is needed when you choose someone other than Waymark's suggestion (${suggested.name})`
            : 'is needed: Waymark had no suggestion for this referral',
        },
      ]);
    }
    const updated = await transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to: 'allocated',
      set: { allocatedWorkerId: chosen.id, allocatedAt: new Date(), coverWorkerId: null },
      event: {
        type: row.status === 'allocated' ? 'reallocated' : 'allocated',
        details: {
          suggestedWorkerId: suggested?.id ?? null,
          suggestedWorkerName: suggested?.name ?? null,
          chosenWorkerId: chosen.id,
          chosenWorkerName: chosen.name,
          overrideReason: isOverride ? overrideReason : null,
          overCapacity: chosen.openCases >= capacityOf(chosen),
          reasons: suggestion.reasons,
        },
      },
    });
    await notifyUser(tx, {
      userId: chosen.id,
      kind: 'referral.allocated',
      title: `New referral allocated to you: ${referralLabel(updated)}`,
      link: `/referrals/${id}`,
    });
    return updated;
  });
  // The answer is read after the commit, so it shows what others will see.
  const [view] = await toReferralViews(db, actor.scope, [committed], { withEvents: true });
  return view as ReferralView;
}
