import type { SupervisionSession } from '../../../../common/team.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../team.repository.js';
import type { TSupervisionCreate } from '../team.schemas.js';
import { findMemberFor } from '../team-members.js';

/**
 * The lead records a supervision session of a member. The supervisor is a colleague in the same
 * PCN team (so Waymark knows who may read the notes). The private notes never go into the audit
 * row, and the answer shows them only to the supervisee and the supervisor.
 */
export async function recordSupervision(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TSupervisionCreate,
): Promise<SupervisionSession> {
  const member = await findMemberFor(db, ctx, id, 'manage');
  const team = await teamMembersOfPcn(db, member.pcnId);
  const supervisor = team.find((u) => u.id === input.supervisorId && u.active);
  const problems = [];
  if (input.supervisorId === member.id) {
    problems.push({ field: 'supervisorId', message: 'must be someone other than the person supervised' });
  } else if (!supervisor) {
    problems.push({ field: 'supervisorId', message: `is not an active member of ${member.name}'s team` });
  }
  if (input.heldOn > londonToday()) problems.push({ field: 'heldOn', message: 'must not be in the future' });
  if (problems.length > 0) throw validationError(problems);

  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.insertSupervision(tx, {
      userId: member.id,
      supervisorId: input.supervisorId,
      heldOn: input.heldOn,
      kind: input.kind,
      privateNotes: input.privateNotes === '' ? null : input.privateNotes,
      recordedBy: ctx.actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'team.supervision.record',
      entityType: 'user',
      entityId: member.id,
      details: {
        supervisionId: row.id,
        supervisorId: row.supervisorId,
        kind: row.kind,
        heldOn: row.heldOn,
        hasNotes: row.privateNotes !== null,
      },
    });
    const mayRead = ctx.actor.userId === row.userId || ctx.actor.userId === row.supervisorId;
    return {
      id: row.id,
      heldOn: row.heldOn,
      kind: row.kind,
      supervisorId: row.supervisorId,
      supervisorName: supervisor?.name ?? '',
      privateNotes: mayRead ? row.privateNotes : null,
      notesHidden: !mayRead && row.privateNotes !== null,
    };
  });
}
