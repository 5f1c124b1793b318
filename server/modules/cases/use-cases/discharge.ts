import { DISCHARGE_REASON_LABELS, type GpMessage } from '../../../../common/cases.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { runUseCase } from '../../../platform/use-case.js';
import { onwardReferralsOfCase } from '../../onward-referrals/onward-referrals.service.js';
import { outcomeMeasuresInTransaction } from '../../outcomes/outcomes.service.js';
import { loadCase, notifyReferringPractice, transitionReferral } from '../../referrals/referrals.service.js';
import { queueGpMessageDeliveries } from '../../system-clients/system-clients.service.js';
import * as repo from '../cases.repository.js';
import type { TDischarge } from '../cases.schemas.js';
import {
  composeGpMessage,
  emailDischargeSummaryReady,
  gpMessageOnwardLines,
  outcomeChangeSummary,
  toGpMessage,
} from './gp-message.js';
import { cancelPlannedContactsOfClosingCase } from './planned-contacts.js';

/**
 * Discharges the case and, in the same transaction, writes the message back to the GP and
 * queues the email telling the practice it is ready: all three exist, or none.
 */
export async function dischargeCase(db: Db, ctx: SignedInContext, id: string, input: TDischarge): Promise<GpMessage> {
  const message = await runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    // Read (and audited) in the discharge's transaction: a refused discharge (a stale version, a
    // case not open) rolls the audit row back with it and leaves no record of a read no one saw.
    const outcomeChange = outcomeChangeSummary(await outcomeMeasuresInTransaction(tx, ctx, row.id));
    const now = new Date();
    const onwardLines = gpMessageOnwardLines(await onwardReferralsOfCase(tx, actor.scope, row.id));
    // The lifecycle refuses a stale version or a case that is not open (409 saying which).
    const updated = await transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to: 'discharged',
      set: { closedAt: now, closureReason: input.reason, closureNote: input.summary },
      event: {
        type: 'discharged',
        details: { reason: input.reason, reasonLabel: DISCHARGE_REASON_LABELS[input.reason] },
      },
    });
    const { offered, codes } = await composeGpMessage(tx, updated, { reason: input.reason, at: now });
    const inserted = await repo.insertGpMessage(tx, {
      referralId: row.id,
      pcnId: row.pcnId,
      practiceId: row.practiceId,
      dischargedAt: now,
      dischargeReason: input.reason,
      summary: input.summary,
      offered,
      onwardReferrals: onwardLines,
      outcomeChange: outcomeChange as Record<string, unknown> | null,
      codes,
      authorUserId: actor.userId,
    });
    // The practice's systems with a webhook get it pushed (an outbox row each, in this transaction).
    await queueGpMessageDeliveries(tx, { gpMessageId: inserted.id, practiceId: row.practiceId, pcnId: row.pcnId });
    await emailDischargeSummaryReady(tx, updated);
    await notifyReferringPractice(tx, updated, { kind: 'discharged' });
    // Nothing is booked with a person who has left the service.
    await cancelPlannedContactsOfClosingCase(tx, ctx, row.id, 'discharged');
    return inserted;
  });
  return toGpMessage(db, message);
}
