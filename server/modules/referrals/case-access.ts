// Who may work on a referral as a case: here, beside the referral, because the case record and
// the modules that act from it (onward referrals) ask the same question.
import { type PcnActor, requirePcnActor } from '../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findReferralInScope, type ReferralRow } from './referrals.repository.js';

/** Statuses in which the case is open for contacts and notes. */
export const WORKABLE_STATUSES = ['allocated', 'first_contact', 'active'] as const;
/** Statuses from which a case can be discharged (the person accepted support). */
export const DISCHARGEABLE_STATUSES = ['first_contact', 'active'] as const;

export const isWorkable = (status: string) => (WORKABLE_STATUSES as readonly string[]).includes(status);

/** The allocated worker, the colleague covering them, or the PCN's team lead. */
export function mayWriteCase(actor: PcnActor, row: ReferralRow): boolean {
  return actor.role === 'team_lead' || row.allocatedWorkerId === actor.userId || row.coverWorkerId === actor.userId;
}

/**
 * The referral as a case of the actor's PCN (404 outside it, like any out-of-scope record);
 * with `write`, locked for the transaction and only for whoever may write to it: colleagues in
 * the PCN can read the case, so they are told why they cannot change it (403) rather than 404.
 */
export async function loadCase(
  db: DbOrTx,
  ctx: SignedInContext,
  id: string,
  opts: { write?: boolean } = {},
): Promise<{ actor: PcnActor; row: ReferralRow }> {
  const actor = requirePcnActor(ctx);
  const row = await findReferralInScope(db, actor.scope, id, { lock: opts.write });
  if (!row) throw notFound('referral');
  if (opts.write && !mayWriteCase(actor, row)) {
    throw new AppError('forbidden', {
      userMessage:
        'Only the worker this case is allocated to, a colleague covering it, or the team lead can change it.',
    });
  }
  return { actor, row };
}
