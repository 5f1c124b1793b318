import type {
  AllocationTeamMember,
  SuggestedWorker as SuggestedWorkerView,
} from '../../../../common/front-door-types.js';
import type { Complexity, RecommendableRole } from '../../../../common/referrals.js';
import { ROLE_LABELS } from '../../../../common/roles.js';
import type { PcnScope } from '../../../platform/access/pcn-member.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { peopleByIds } from '../../people/people.service.js';
import { type ReferralRow, workLists } from '../../referrals/referrals.service.js';
import { skillsOfMembers } from '../../team/team.service.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { leaveOnDate } from '../../workforce/workforce.service.js';
import {
  type CaseloadRole,
  capacityOf,
  type ReferralForAllocation,
  type SuggestedWorker,
  type TeamMemberForAllocation,
} from '../allocation-rules.js';

const CASELOAD_ROLES: readonly string[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];

/** The PCN's team as allocation sees it today: capacity, open cases, languages, skills, leave. */
export async function loadTeamForAllocation(
  db: DbOrTx,
  scope: PcnScope,
  today: string,
): Promise<TeamMemberForAllocation[]> {
  // Often inside a transaction (one connection): one query at a time.
  const users = await teamMembersOfPcn(db, scope.pcnId);
  const load = await workLists.findOpenCaseLoad(db, scope);
  const leave = await leaveOnDate(db, scope.pcnId, today);
  const skills = await skillsOfMembers(
    db,
    users.map((u) => u.id),
  );
  return users
    .filter((u) => u.active && CASELOAD_ROLES.includes(u.role))
    .map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role as CaseloadRole,
      fte: u.fte === null ? null : Number(u.fte),
      caseloadCapacity: u.caseloadCapacity,
      openCases: load.get(u.id) ?? 0,
      languages: u.languages,
      onLeaveUntil: leave.get(u.id) ?? null,
      skills: skills.get(u.id) ?? [],
    }));
}

/** What the rules need to know about triaged referrals (and the people they are for). */
export async function referralsForAllocation(
  db: DbOrTx,
  scope: PcnScope,
  rows: ReferralRow[],
): Promise<ReferralForAllocation[]> {
  const personIds = rows.map((r) => r.personId);
  const people = await peopleByIds(db, scope, personIds);
  const previous = await workLists.findPreviousWorkers(
    db,
    scope,
    personIds,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const person = people.get(r.personId);
    return {
      id: r.id,
      complexity: r.complexity as Complexity | null,
      predictedPam: r.predictedPam,
      signpostingOnly: r.signpostingOnly,
      recommendedRole: r.recommendedRole as RecommendableRole | null,
      language: person?.language ?? 'English',
      interpreterNeeded: person?.interpreterNeeded ?? false,
      previousWorkerIds: previous.get(r.personId) ?? [],
      reasons: r.reasons,
    };
  });
}

export const workerView = (w: SuggestedWorker): SuggestedWorkerView => ({ ...w, roleLabel: ROLE_LABELS[w.role] });

export const teamMemberView = (m: TeamMemberForAllocation): AllocationTeamMember => ({
  id: m.id,
  name: m.name,
  role: m.role,
  roleLabel: ROLE_LABELS[m.role],
  openCases: m.openCases,
  capacity: capacityOf(m),
  onLeaveUntil: m.onLeaveUntil,
});
