import { createHash } from 'node:crypto';
import { type Priority, referralLabel } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict } from '../../../platform/errors.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { transitionReferral } from '../../referrals/referrals.service.js';
import { requirePcnActor } from '../../triage/triage.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';
import type { TAllocateAll } from '../allocation.schemas.js';
import { planAllocations } from '../allocation-rules.js';
import { loadTeamForAllocation, referralsForAllocation, type WorkerView, workerView } from './team-snapshot.js';

export interface AllocateAllItem {
  referralId: string;
  version: number;
  person: { givenName: string; familyName: string };
  queuePriority: Priority;
  receivedAt: string;
  worker: WorkerView | null;
  reasons: string[];
}

export interface AllocateAllResult {
  dryRun: boolean;
  /** Identifies this plan: confirm with it, and a changed queue or team is refused (409). */
  planId: string;
  items: AllocateAllItem[];
  allocated: number;
  /** Referrals nobody could take (everyone suitable away): left in the queue. */
  left: number;
}

/**
 * "Allocate all": the whole triaged queue in one transaction, most urgent first, each to the
 * person the rules suggest with the ones just planned counted in: balanced, and the same plan for
 * the same queue and team.
 */
export async function allocateAll(db: Db, ctx: RequestContext, input: TAllocateAll): Promise<AllocateAllResult> {
  const actor = requirePcnActor(ctx, 'queue');
  const pcnId = actor.scope.pcnId;
  return db.transaction(async (tx) => {
    if (!input.dryRun) await repo.lockPcnAllocation(tx, pcnId);
    const rows = await repo.findTriagedQueue(tx, pcnId);
    const team = await loadTeamForAllocation(tx, pcnId, londonToday());
    const referrals = await referralsForAllocation(tx, rows);
    const people = await peopleByIds(
      tx,
      rows.map((r) => r.personId),
    );
    const plan = planAllocations(referrals, team);
    const planId = createHash('sha256')
      .update(JSON.stringify(plan.map((p, i) => [p.referralId, rows[i]?.version, p.suggestion.worker?.id ?? null])))
      .digest('hex');
    const items: AllocateAllItem[] = plan.map((p, i) => {
      const row = rows[i] as repo.ReferralRow;
      const person = people.get(row.personId);
      return {
        referralId: row.id,
        version: row.version,
        person: { givenName: person?.givenName ?? '', familyName: person?.familyName ?? '' },
        queuePriority: (row.priority ?? row.urgencyRequested) as Priority,
        receivedAt: row.receivedAt.toISOString(),
        worker: p.suggestion.worker ? workerView(p.suggestion.worker) : null,
        reasons: p.suggestion.reasons,
      };
    });
    const left = items.filter((i) => !i.worker).length;
    if (input.dryRun) {
      await writeAudit(tx, ctx, {
        action: 'referral.allocate-all.preview',
        entityType: 'pcn',
        entityId: pcnId,
        details: { count: items.length },
      });
      return { dryRun: true, planId, items, allocated: 0, left };
    }
    if (input.planId && input.planId !== planId) {
      throw conflict(
        'The queue or the team has changed since you looked at the plan. Look at the new plan, then confirm again.',
      );
    }
    const perWorker = new Map<string, { id: string; label: string }[]>();
    const now = new Date();
    for (const [i, step] of plan.entries()) {
      const worker = step.suggestion.worker;
      const row = rows[i] as repo.ReferralRow;
      if (!worker) continue;
      await transitionReferral(tx, ctx, {
        id: row.id,
        version: row.version,
        to: 'allocated',
        set: { allocatedWorkerId: worker.id, allocatedAt: now, coverWorkerId: null },
        event: {
          type: 'allocated',
          details: {
            allocateAll: true,
            suggestedWorkerId: worker.id,
            suggestedWorkerName: worker.name,
            chosenWorkerId: worker.id,
            chosenWorkerName: worker.name,
            overrideReason: null,
            overCapacity: worker.overCapacity,
            reasons: step.suggestion.reasons,
          },
        },
      });
      perWorker.set(worker.id, [...(perWorker.get(worker.id) ?? []), { id: row.id, label: referralLabel(row) }]);
    }
    // One notification per person, however many referrals they were given.
    for (const [userId, ids] of [...perWorker.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await notifyUser(tx, {
        userId,
        kind: 'referral.allocated',
        title:
          ids.length === 1
            ? `New referral allocated to you: ${ids[0]?.label}`
            : `${ids.length} new referrals allocated to you`,
        link: ids.length === 1 ? `/referrals/${ids[0]?.id}` : '/caseload',
      });
    }
    const allocated = items.length - left;
    await writeAudit(tx, ctx, {
      action: 'referral.allocate-all',
      entityType: 'pcn',
      entityId: pcnId,
      details: { allocated, left },
    });
    return { dryRun: false, planId, items, allocated, left };
  });
}
