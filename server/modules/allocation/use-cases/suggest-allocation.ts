import type { AllocationSuggestion as AllocationSuggestionView } from '../../../../common/front-door-types.js';
import { ROLE_LABELS } from '../../../../common/roles.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { findReferralInScope, type ReferralRow } from '../../referrals/referrals.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import { type AllocationSuggestion, suggestAllocation, type TeamMemberForAllocation } from '../allocation-rules.js';
import { loadTeamForAllocation, referralsForAllocation, teamMemberView, workerView } from './team-snapshot.js';

export type { AllocationSuggestionView };

export function toSuggestionView(
  row: ReferralRow,
  s: AllocationSuggestion,
  team: TeamMemberForAllocation[],
): AllocationSuggestionView {
  return {
    referralId: row.id,
    version: row.version,
    role: s.role,
    roleLabel: ROLE_LABELS[s.role],
    worker: s.worker ? workerView(s.worker) : null,
    reasons: s.reasons,
    alternatives: s.alternatives.map((a) => ({ ...workerView(a), note: a.note })),
    team: [...team].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(teamMemberView),
  };
}

export const ALLOCATABLE = ['triaged', 'allocated'] as const;

/** Who Waymark suggests for a triaged referral, and why in words. */
export async function getAllocationSuggestion(
  db: Db,
  ctx: SignedInContext,
  id: string,
): Promise<AllocationSuggestionView> {
  const actor = requirePcnActor(ctx);
  const row = await findReferralInScope(db, actor.scope, id);
  if (!row) throw notFound('referral');
  if (!(ALLOCATABLE as readonly string[]).includes(row.status)) {
    throw conflict(`Only a triaged referral can be allocated: this one is ${row.status.replace('_', ' ')}.`);
  }
  const [team, [referral]] = await Promise.all([
    loadTeamForAllocation(db, actor.scope, londonToday()),
    referralsForAllocation(db, actor.scope, [row]),
  ]);
  if (!referral) throw notFound('referral');
  const suggestion = suggestAllocation(referral, team);
  await writeAuditAlone(db, ctx, {
    action: 'referral.allocation-suggestion',
    entityType: 'referral',
    entityId: id,
    details: { suggestedWorkerId: suggestion.worker?.id ?? null },
  });
  return toSuggestionView(row, suggestion, team);
}
