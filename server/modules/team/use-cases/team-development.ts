import { ROLE_LABELS, TEAM_ROLES } from '../../../../common/roles.js';
import type { DevelopmentTasks, TeamDevelopment } from '../../../../common/team.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import type { TeamMemberRow } from '../team-members.js';
import { loadDevelopmentFacts, requirementStatuses, supervisionOf } from '../team-views.js';

const isTeam = (u: { role: string; active: boolean }) => u.active && (TEAM_ROLES as readonly string[]).includes(u.role);

/** The lead's view of the whole team: training due and expired, supervision overdue. Flags only, never notes. */
export async function teamDevelopment(db: Db, ctx: SignedInContext): Promise<TeamDevelopment> {
  const actor = requirePcnActor(ctx, 'team');
  const today = londonToday();
  const members = (await teamMembersOfPcn(db, actor.scope.pcnId)).filter(isTeam) as TeamMemberRow[];
  const facts = await loadDevelopmentFacts(
    db,
    actor.scope.icbId,
    members.map((m) => m.id),
  );
  return {
    today,
    members: members.map((m) => {
      const statuses = requirementStatuses(facts, m, today);
      const count = (s: string) => statuses.filter((r) => r.status === s).length;
      return {
        id: m.id,
        name: m.name,
        role: m.role,
        roleLabel: ROLE_LABELS[m.role],
        skills: (facts.skills.get(m.id) ?? []).filter((s) => s.active).map((s) => s.label),
        languages: m.languages,
        training: { valid: count('valid'), due: count('due'), expired: count('expired'), notDone: count('not_done') },
        supervision: supervisionOf(facts, m, today),
      };
    }),
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => DATE.format(new Date(`${iso}T00:00:00Z`));

/**
 * The signed-in member's own to-dos from their profile: supervision overdue, training expired,
 * due for renewal or not yet done. Worked out when asked (nothing stored, so recording the
 * supervision or the certificate clears it at once).
 */
export async function myDevelopmentTasks(db: Db, ctx: SignedInContext): Promise<DevelopmentTasks> {
  const actor = requirePcnActor(ctx, 'team');
  const me = (await teamMembersOfPcn(db, actor.scope.pcnId)).find((u) => u.id === actor.userId);
  if (!me || !isTeam(me)) return { userId: actor.userId, items: [] };
  const member = me as TeamMemberRow;
  const today = londonToday();
  const facts = await loadDevelopmentFacts(db, actor.scope.icbId, [member.id]);
  const items: DevelopmentTasks['items'] = [];
  const supervision = supervisionOf(facts, member, today);
  if (supervision.overdue) {
    items.push({
      kind: 'supervision_overdue',
      label: supervision.lastOn
        ? `Supervision overdue: your last session was on ${day(supervision.lastOn)}. Arrange one with your supervisor.`
        : 'Supervision overdue: no supervision session is recorded for you. Arrange one with your supervisor.',
      dueOn: supervision.dueOn,
    });
  }
  for (const r of requirementStatuses(facts, member, today)) {
    if (r.status === 'expired') {
      items.push({
        kind: 'training_expired',
        label: `${r.title}: expired on ${day(r.expiresOn as string)}`,
        dueOn: r.expiresOn,
      });
    } else if (r.status === 'due') {
      items.push({
        kind: 'training_due',
        label: `${r.title}: due for renewal by ${day(r.expiresOn as string)}`,
        dueOn: r.expiresOn,
      });
    } else if (r.status === 'not_done') {
      items.push({ kind: 'training_not_done', label: `${r.title}: not recorded yet`, dueOn: null });
    }
  }
  return { userId: actor.userId, items };
}
