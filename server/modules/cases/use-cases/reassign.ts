import type { CaseRecord } from '../../../../common/cases.js';
import { referralLabel, STATUS_LABELS } from '../../../../common/referrals.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError, conflict, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { isWorkable, loadCase, transitionReferral } from '../../referrals/referrals.service.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { leaveOnDate, londonToday } from '../../workforce/workforce.service.js';
import type { TReassign } from '../cases.schemas.js';
import { getCaseRecord } from './get-case.js';

const CASEWORK_ROLES = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];

/**
 * The team lead hands a case to another member of the team, with a reason. Nothing recorded on
 * the case moves: contacts, notes and events stay on the referral, so the new worker sees all of
 * them. Before first contact it is a reallocation; after it, the case is (or stays) active.
 */
export async function reassignCase(db: Db, ctx: SignedInContext, id: string, input: TReassign): Promise<CaseRecord> {
  await runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id);
    if (actor.role !== 'team_lead') {
      throw new AppError('forbidden', { userMessage: 'Only the team lead can hand over a case.' });
    }
    if (!isWorkable(row.status)) {
      throw conflict(`A referral that is ${STATUS_LABELS[row.status].toLowerCase()} cannot be handed over.`);
    }
    const team = await teamMembersOfPcn(tx, row.pcnId);
    const chosen = team.find((m) => m.id === input.workerId && m.active && CASEWORK_ROLES.includes(m.role));
    if (!chosen) {
      throw validationError([{ field: 'workerId', message: 'is not a member of your team who holds a caseload' }]);
    }
    if (chosen.id === row.allocatedWorkerId) {
      throw validationError([{ field: 'workerId', message: 'already holds this case: choose someone else' }]);
    }
    const away = (await leaveOnDate(tx, row.pcnId, londonToday())).get(chosen.id);
    if (away) {
      throw validationError([
        { field: 'workerId', message: `is on leave until ${away}: choose someone who is at work` },
      ]);
    }
    await transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to: row.status === 'allocated' ? 'allocated' : 'active',
      set: { allocatedWorkerId: chosen.id, coverWorkerId: null },
      event: {
        type: 'reassigned',
        details: {
          fromWorkerId: row.allocatedWorkerId,
          toWorkerId: chosen.id,
          toWorkerName: chosen.name,
          reason: input.reason,
        },
      },
    });
    await notifyUser(tx, {
      userId: chosen.id,
      kind: 'case.reassigned',
      title: `A case has been handed over to you: ${referralLabel(row)}`,
      link: `/referrals/${id}/case`,
    });
  });
  return getCaseRecord(db, ctx, id);
}
