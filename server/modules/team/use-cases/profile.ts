import { ROLE_LABELS, TEAM_ROLES } from '../../../../common/roles.js';
import { type SUPERVISION_KINDS, type TeamMemberProfile, WORKING_DAYS } from '../../../../common/team.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { teamMembersOfPcn, userNames } from '../../users/users.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../team.repository.js';
import { canManageTeam, findMemberFor } from '../team-members.js';
import { loadDevelopmentFacts, requirementStatuses, skillView, supervisionOf, trainingRecords } from '../team-views.js';

const DAY_ORDER: readonly string[] = WORKING_DAYS;

/**
 * A team member's profile, training and supervision, for the member themself and for whoever
 * manages the team (the PCN's lead, the ICB's admin). Supervision notes are private: only the
 * supervisee and that session's supervisor read them — not the lead or admin, unless they were
 * the supervisor.
 */
export async function getProfile(db: Db, ctx: SignedInContext, id: string): Promise<TeamMemberProfile> {
  const member = await findMemberFor(db, ctx, id, 'read');
  const today = londonToday();
  const facts = await loadDevelopmentFacts(db, member.icbId, [member.id]);
  const options = (await repo.findSkillsOfIcb(db, member.icbId)).filter((s) => s.active);
  const sessions = facts.supervisions.get(member.id) ?? [];
  const records = facts.training.get(member.id) ?? [];
  const me = ctx.actor.userId;
  const given = member.id === me ? await repo.findSupervisionsGivenBy(db, me) : [];
  const names = await userNames(db, [
    ...sessions.map((s) => s.supervisorId),
    ...records.map((r) => r.recordedBy),
    ...given.map((s) => s.userId),
  ]);
  const canManage = canManageTeam(ctx);
  const team = canManage ? await teamMembersOfPcn(db, member.pcnId) : [];
  const profile = facts.profiles.get(member.id);

  await writeAuditAlone(db, ctx, { action: 'team.profile.read', entityType: 'user', entityId: member.id });
  return {
    member: {
      id: member.id,
      name: member.name,
      role: member.role,
      roleLabel: ROLE_LABELS[member.role],
      band: member.band,
      fte: member.fte === null ? null : Number(member.fte),
      languages: member.languages,
      active: member.active,
      version: member.version,
    },
    workingDays: [...((profile?.workingDays ?? []) as (typeof WORKING_DAYS)[number][])].sort(
      (a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b),
    ),
    startDate: profile?.startDate ?? null,
    funding: profile?.funding ?? null,
    fundingNote: profile?.fundingNote ?? null,
    skills: (facts.skills.get(member.id) ?? []).map(skillView),
    skillOptions: options.map(skillView),
    training: {
      requirements: requirementStatuses(facts, member, today),
      records: trainingRecords(facts, member, names),
    },
    supervision: {
      status: supervisionOf(facts, member, today),
      sessions: sessions.map((s) => {
        const mayRead = me === s.userId || me === s.supervisorId;
        return {
          id: s.id,
          heldOn: s.heldOn,
          kind: s.kind as (typeof SUPERVISION_KINDS)[number],
          supervisorId: s.supervisorId,
          supervisorName: names.get(s.supervisorId) ?? 'Former team member',
          privateNotes: mayRead ? s.privateNotes : null,
          notesHidden: !mayRead && s.privateNotes !== null,
        };
      }),
    },
    supervisionGiven: given.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      kind: s.kind,
      supervisorId: s.supervisorId,
      supervisorName: member.name,
      superviseeId: s.userId,
      superviseeName: names.get(s.userId) ?? 'Former team member',
      privateNotes: s.privateNotes,
      notesHidden: false,
    })),
    canManage,
    supervisorOptions: team
      .filter((u) => u.active && u.id !== member.id && (TEAM_ROLES as readonly string[]).includes(u.role))
      .map((u) => ({ id: u.id, name: u.name, roleLabel: ROLE_LABELS[u.role as (typeof TEAM_ROLES)[number]] })),
    today,
  };
}
