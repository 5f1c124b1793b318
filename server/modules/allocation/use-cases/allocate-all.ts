import { createHash } from 'node:crypto';
import type { AllocateAllItem, AllocateAllResult } from '../../../../common/front-door-types.js';
import { type Priority, referralLabel, referralReference } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, type FieldError, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { restrictedPeople } from '../../records/restrictions.service.js';
import { type ReferralRow, transitionReferral, workLists } from '../../referrals/referrals.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';
import type { TAllocateAll } from '../allocation.schemas.js';
import {
  capacityOf,
  choiceWarnings,
  type PlannedAllocation,
  planAllocations,
  type ReferralForAllocation,
  type TeamMemberForAllocation,
} from '../allocation-rules.js';
import { loadTeamForAllocation, referralsForAllocation, teamMemberView, workerView } from './team-snapshot.js';

export type { AllocateAllItem, AllocateAllResult };

interface Choice {
  step: PlannedAllocation;
  row: ReferralRow;
  referral: ReferralForAllocation;
  chosen: TeamMemberForAllocation | null;
}

/** The lead's rows, checked against the plan and the team: every problem named, nothing changed. */
function chosenWorkers(
  input: TAllocateAll,
  plan: PlannedAllocation[],
  rows: ReferralRow[],
  team: TeamMemberForAllocation[],
): Map<string, string | null> {
  const chosen = new Map<string, string | null>(plan.map((p) => [p.referralId, p.suggestion.worker?.id ?? null]));
  if (!input.rows) return chosen;
  const errors: FieldError[] = [];
  const inPlan = new Set(plan.map((p) => p.referralId));
  for (const [i, r] of input.rows.entries()) {
    if (!inPlan.has(r.referralId)) {
      errors.push({ field: `rows.${i}.referralId`, message: 'is not a referral of this plan' });
      continue;
    }
    if (r.workerId !== null) {
      const member = team.find((m) => m.id === r.workerId);
      if (!member) {
        errors.push({ field: `rows.${i}.workerId`, message: 'is not a member of your team who holds a caseload' });
        continue;
      }
      if (member.onLeaveUntil) {
        errors.push({
          field: `rows.${i}.workerId`,
          message: `is on leave until ${member.onLeaveUntil}: choose someone who is at work`,
        });
        continue;
      }
    }
    chosen.set(r.referralId, r.workerId);
  }
  const listed = new Set(input.rows.map((r) => r.referralId));
  const missing = rows.filter((r) => !listed.has(r.id));
  if (missing.length > 0) {
    errors.push({
      field: 'rows',
      message: `must list every referral of the plan once (missing ${missing.map((r) => referralReference(r.id)).join(', ')})`,
    });
  }
  if (errors.length > 0) throw validationError(errors);
  return chosen;
}

/**
 * "Allocate all": the whole triaged queue in one transaction, most urgent first, each to the
 * person the rules suggest with the ones just planned counted in: balanced, and the same plan for
 * the same queue and team. The lead may change the worker of any row or leave a row out
 * (`rows`); the plan is then confirmed exactly as edited, every row checked again under the
 * PCN's allocation lock, and choices against the rules or over capacity are explained.
 */
export async function allocateAll(db: Db, ctx: SignedInContext, input: TAllocateAll): Promise<AllocateAllResult> {
  const actor = requirePcnActor(ctx, 'queue');
  const pcnId = actor.scope.pcnId;
  return runUseCase(db, ctx, async (tx) => {
    if (!input.dryRun) await repo.lockPcnAllocation(tx, pcnId);
    // People whose processing is restricted (UK GDPR Article 18) are left out of allocation.
    const queue = await workLists.findTriagedQueue(tx, actor.scope);
    const restricted = await restrictedPeople(
      tx,
      queue.map((r) => r.personId),
    );
    const rows = queue.filter((r) => !restricted.has(r.personId));
    const team = await loadTeamForAllocation(tx, actor.scope, londonToday());
    const referrals = await referralsForAllocation(tx, actor.scope, rows);
    const people = await peopleByIds(
      tx,
      actor.scope,
      rows.map((r) => r.personId),
    );
    const plan = planAllocations(referrals, team);
    const planId = createHash('sha256')
      .update(JSON.stringify(plan.map((p, i) => [p.referralId, rows[i]?.version, p.suggestion.worker?.id ?? null])))
      .digest('hex');
    // Edits only make sense against the plan they were made on: anything changed since is a 409.
    if (input.planId && input.planId !== planId) {
      throw conflict(
        'The queue or the team has changed since you looked at the plan. Look at the new plan, then confirm again.',
      );
    }
    const chosenIds = chosenWorkers(input, plan, rows, team);

    // Loads as the plan goes, so a warning says how many cases the person would really have.
    const load = new Map(team.map((m) => [m.id, m.openCases]));
    const choices: Choice[] = plan.map((step, i) => {
      const id = chosenIds.get(step.referralId) ?? null;
      const member = id ? team.find((m) => m.id === id) : undefined;
      const chosen = member ? { ...member, openCases: load.get(member.id) ?? member.openCases } : null;
      if (chosen) load.set(chosen.id, chosen.openCases + 1);
      return { step, row: rows[i] as ReferralRow, referral: referrals[i] as ReferralForAllocation, chosen };
    });
    const items: AllocateAllItem[] = choices.map(({ step, row, referral, chosen }) => {
      const person = people.get(row.personId);
      const suggested = step.suggestion.worker;
      return {
        referralId: row.id,
        version: row.version,
        person: { givenName: person?.givenName ?? '', familyName: person?.familyName ?? '' },
        queuePriority: (row.priority ?? row.urgencyRequested) as Priority,
        receivedAt: row.receivedAt.toISOString(),
        worker: chosen
          ? workerView({
              id: chosen.id,
              name: chosen.name,
              role: chosen.role,
              openCases: chosen.openCases,
              capacity: capacityOf(chosen),
              overCapacity: chosen.openCases >= capacityOf(chosen),
            })
          : null,
        suggestedWorker: suggested ? workerView(suggested) : null,
        changed: (chosen?.id ?? null) !== (suggested?.id ?? null),
        reasons: step.suggestion.reasons,
        warnings: chosen && chosen.id !== suggested?.id ? choiceWarnings(referral, team, chosen) : [],
      };
    });
    const left = items.filter((i) => !i.worker).length;
    const result = { planId, items, left, team: team.map(teamMemberView) };
    const changed = items.filter((i) => i.changed).length;
    if (input.dryRun) {
      await writeAudit(tx, ctx, {
        action: 'referral.allocate-all.preview',
        entityType: 'pcn',
        entityId: pcnId,
        details: { count: items.length, changed },
      });
      return { ...result, dryRun: true, allocated: 0 };
    }
    const perWorker = new Map<string, { id: string; label: string }[]>();
    const now = new Date();
    for (const [i, { step, row, chosen }] of choices.entries()) {
      const item = items[i] as AllocateAllItem;
      if (!chosen || !item.worker) continue;
      const suggested = step.suggestion.worker;
      await transitionReferral(tx, ctx, {
        id: row.id,
        version: row.version,
        to: 'allocated',
        set: { allocatedWorkerId: chosen.id, allocatedAt: now, coverWorkerId: null },
        event: {
          type: 'allocated',
          details: {
            allocateAll: true,
            suggestedWorkerId: suggested?.id ?? null,
            suggestedWorkerName: suggested?.name ?? null,
            chosenWorkerId: chosen.id,
            chosenWorkerName: chosen.name,
            overrideReason: null,
            changedInPlan: item.changed,
            overCapacity: item.worker.overCapacity,
            reasons: step.suggestion.reasons,
            warnings: item.warnings,
          },
        },
      });
      perWorker.set(chosen.id, [...(perWorker.get(chosen.id) ?? []), { id: row.id, label: referralLabel(row) }]);
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
      details: { allocated, left, changed },
    });
    return { ...result, dryRun: false, allocated };
  });
}
