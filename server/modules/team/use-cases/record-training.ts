import type { TrainingRecord } from '../../../../common/team.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../team.repository.js';
import type { TTrainingCreate } from '../team.schemas.js';
import { findMemberFor } from '../team-members.js';
import { addMonths } from '../team-status.js';

/** The lead records a completed training for a member: the date, and what shows it (a certificate seen). */
export async function recordTraining(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TTrainingCreate,
): Promise<TrainingRecord> {
  const member = await findMemberFor(db, ctx, id, 'manage');
  const requirement = input.requirementId
    ? (await repo.findRequirementsOfIcb(db, member.icbId)).find((r) => r.id === input.requirementId)
    : undefined;
  const problems = [];
  if (input.requirementId && (!requirement?.active || requirement.role !== member.role)) {
    problems.push({ field: 'requirementId', message: `is not training required of ${member.name}'s role` });
  }
  if (input.completedOn > londonToday()) problems.push({ field: 'completedOn', message: 'must not be in the future' });
  if (problems.length > 0) throw validationError(problems);

  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.insertTraining(tx, {
      userId: member.id,
      requirementId: requirement?.id ?? null,
      title: requirement?.title ?? (input.title as string),
      completedOn: input.completedOn,
      evidenceNote: input.evidenceNote,
      recordedBy: ctx.actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'team.training.record',
      entityType: 'user',
      entityId: member.id,
      details: { trainingId: row.id, requirementId: row.requirementId, completedOn: row.completedOn },
    });
    const months = requirement?.validityMonths ?? null;
    return {
      id: row.id,
      requirementId: row.requirementId,
      title: row.title,
      completedOn: row.completedOn,
      evidenceNote: row.evidenceNote,
      expiresOn: months === null ? null : addMonths(row.completedOn, months),
      recordedByName: ctx.actor.name,
    };
  });
}
