import type {
  DeclineReason,
  OnwardEventType,
  OnwardOutcome,
  OnwardReferralView,
} from '../../../common/onward-referrals.js';
import type { Scope } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './onward-referrals.repository.js';
import { onwardReferralViewsOfCase } from './use-cases/case-list.js';
import { listingRefs, refOf } from './views.js';

// What other modules read of a case's onward referrals (the case timeline, the message back to
// the GP), always inside the caller's scope.

/** Every onward referral and signpost of a case, oldest first (empty outside the scope). */
export function onwardReferralsOfCase(db: DbOrTx, scope: Scope, referralId: string): Promise<OnwardReferralView[]> {
  return onwardReferralViewsOfCase(db, scope, referralId);
}

/** One step of an onward referral, for the case timeline. */
export interface OnwardStep {
  id: number;
  onwardReferralId: string;
  type: OnwardEventType;
  at: string;
  actorUserId: string | null;
  via: 'team' | 'inbox' | 'link' | 'system';
  details: Record<string, unknown>;
  kind: 'signpost' | 'referral';
  service: string;
  organisation: string;
  /** The row's answer, for a step whose event details do not carry it. */
  declineReason: DeclineReason | null;
  outcome: OnwardOutcome | null;
}

/** Every recorded step of the case's onward referrals, oldest first. */
export async function onwardStepsOfCase(db: DbOrTx, scope: Scope, referralId: string): Promise<OnwardStep[]> {
  const rows = await repo.findOnwardReferralsOfCase(db, scope, referralId);
  if (rows.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events = await repo.findEventsOf(
    db,
    rows.map((r) => r.id),
  );
  const refs = await listingRefs(
    db,
    scope.icbId,
    rows.map((r) => r.serviceId),
  );
  return events.flatMap((e) => {
    const row = byId.get(e.onwardReferralId);
    if (!row) return [];
    const ref = refOf(refs, row);
    return [
      {
        id: e.id,
        onwardReferralId: e.onwardReferralId,
        type: e.type,
        at: e.at.toISOString(),
        actorUserId: e.actorUserId,
        via: e.via,
        details: e.details,
        kind: row.kind,
        service: ref.service.name,
        organisation: ref.organisation.name,
        declineReason: row.declineReason,
        outcome: row.outcome,
      },
    ];
  });
}

export { describeOnwardStep, TIMELINE_STEPS } from './timeline-steps.js';

export {
  findServiceSelfReferral,
  type ServiceSelfReferralSent,
  type ServiceSelfReferralState,
  selfReferralRefusal,
  sendServiceSelfReferral,
} from './use-cases/self-referral.js';
