import { ROLE_LABELS } from '../../../common/roles.js';
import type { RequirementStatus, Skill, SupervisionStatus, TrainingRecord } from '../../../common/team.js';
import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './team.repository.js';
import type { TeamMemberRow } from './team-members.js';
import { addMonths, requirementStatus, supervisionStatus } from './team-status.js';

// The facts about team members that the profile, the lead's team view and the member's tasks
// share: loaded in batches for a list of members of one ICB, then read per member.

export const skillView = (r: repo.SkillRow): Skill => ({
  id: r.id,
  label: r.label,
  reasonCodes: r.reasonCodes,
  active: r.active,
});

export interface DevelopmentFacts {
  requirements: repo.RequirementRow[];
  targets: Map<string, number>;
  training: Map<string, repo.TrainingRow[]>;
  supervisions: Map<string, repo.SupervisionRow[]>;
  profiles: Map<string, repo.ProfileRow>;
  skills: Map<string, repo.SkillRow[]>;
}

const group = <T extends { userId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.userId, [...(m.get(r.userId) ?? []), r]);
  return m;
};

export async function loadDevelopmentFacts(db: DbOrTx, icbId: string, userIds: string[]): Promise<DevelopmentFacts> {
  // Possibly inside a transaction (one connection): one query at a time.
  const requirements = await repo.findRequirementsOfIcb(db, icbId);
  const targets = await repo.findTargetsOfIcb(db, icbId);
  const training = await repo.findTrainingOfUsers(db, userIds);
  const supervisions = await repo.findSupervisionsOfUsers(db, userIds);
  const profiles = await repo.findProfiles(db, userIds);
  const skills = await repo.findSkillsOfUsers(db, userIds);
  return {
    requirements: requirements.filter((r) => r.active),
    targets: new Map(targets.map((t) => [t.role, t.intervalDays])),
    training: group(training),
    supervisions: group(supervisions),
    profiles: new Map(profiles.map((p) => [p.userId, p])),
    skills: group(skills),
  };
}

export function requirementStatuses(
  facts: DevelopmentFacts,
  member: TeamMemberRow,
  today: string,
): RequirementStatus[] {
  const done = facts.training.get(member.id) ?? [];
  return facts.requirements
    .filter((r) => r.role === member.role)
    .map((r) => ({
      requirementId: r.id,
      title: r.title,
      source: r.source,
      sourceUrl: r.sourceUrl,
      validityMonths: r.validityMonths,
      ...requirementStatus(r, done, today),
    }));
}

export function trainingRecords(
  facts: DevelopmentFacts,
  member: TeamMemberRow,
  names: Map<string, string>,
): TrainingRecord[] {
  const validity = new Map(facts.requirements.map((r) => [r.id, r.validityMonths]));
  return (facts.training.get(member.id) ?? []).map((t) => {
    const months = t.requirementId ? (validity.get(t.requirementId) ?? null) : null;
    return {
      id: t.id,
      requirementId: t.requirementId,
      title: t.title,
      completedOn: t.completedOn,
      evidenceNote: t.evidenceNote,
      expiresOn: months === null ? null : addMonths(t.completedOn, months),
      recordedByName: names.get(t.recordedBy) ?? 'Former team member',
    };
  });
}

export function supervisionOf(facts: DevelopmentFacts, member: TeamMemberRow, today: string): SupervisionStatus {
  const last = facts.supervisions.get(member.id)?.[0]?.heldOn ?? null; // newest first
  return supervisionStatus(
    facts.targets.get(member.role) ?? null,
    last,
    facts.profiles.get(member.id)?.startDate ?? null,
    today,
  );
}

export const roleLabel = (m: TeamMemberRow) => ROLE_LABELS[m.role];
