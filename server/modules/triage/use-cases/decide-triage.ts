import type { ReferralView } from '../../../../common/api-types.js';
import { SNOMED } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { writeClosingGpMessage } from '../../cases/cases.service.js';
import {
  findReferralInScope,
  tellReferringPractice,
  toReferralViews,
  transitionReferral,
} from '../../referrals/referrals.service.js';
import type { TClosure, TTriageDecision } from '../triage.schemas.js';
import { targetDays, triageTargets } from './triage-settings.js';

const DAY_MS = 86_400_000;

/**
 * The team lead's triage decision: priority, complexity, predicted PAM level, recommended role.
 * The first-contact target follows from the PCN's days for the priority. The referring practice
 * is told the referral was accepted (first triage only), in the same transaction.
 */
export async function triageReferral(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TTriageDecision,
): Promise<ReferralView> {
  const actor = requirePcnActor(ctx);
  const committed = await runUseCase(db, ctx, async (tx) => {
    const before = await findReferralInScope(tx, actor.scope, id);
    if (!before) throw notFound('referral');
    const settings = await triageTargets(tx, actor.scope.pcnId);
    const days = targetDays(settings, input.priority);
    const now = new Date();
    const firstContactDueAt = new Date(now.getTime() + days * DAY_MS);
    const firstTriage = before.status === 'received';
    const row = await transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to: 'triaged',
      set: {
        priority: input.priority,
        complexity: input.complexity,
        predictedPam: input.predictedPam,
        recommendedRole: input.recommendedRole ?? null,
        signpostingOnly: input.signpostingOnly,
        triageNotes: input.notes || null,
        triagedAt: now,
        firstContactDueAt,
      },
      event: {
        type: firstTriage ? 'triaged' : 'retriaged',
        details: {
          priority: input.priority,
          complexity: input.complexity,
          predictedPam: input.predictedPam,
          recommendedRole: input.recommendedRole ?? null,
          signpostingOnly: input.signpostingOnly,
          firstContactTargetDays: days,
        },
      },
    });
    if (firstTriage) {
      await tellReferringPractice(tx, row, { kind: 'accepted', priority: input.priority, firstContactDueAt });
    }
    return row;
  });
  // The answer is read after the commit, so it shows what others will see.
  const [view] = await toReferralViews(db, actor.scope, [committed], { withEvents: true });
  return view as ReferralView;
}

/** Decline or redirect at triage, with a reason from the list; the practice is told. */
export async function closeReferral(
  db: Db,
  ctx: SignedInContext,
  id: string,
  to: 'declined' | 'redirected',
  input: TClosure,
): Promise<ReferralView> {
  const actor = requirePcnActor(ctx);
  const committed = await runUseCase(db, ctx, async (tx) => {
    const closedAt = new Date();
    const row = await transitionReferral(tx, ctx, {
      id,
      version: input.version,
      to,
      set: { closureReason: input.reason, closureNote: input.note || null, closedAt },
      event: {
        type: to,
        snomedCode: input.reason === 'person_declined' ? SNOMED.socialPrescribingDeclined : null,
        details: { reason: input.reason },
      },
    });
    await tellReferringPractice(tx, row, { kind: to, reason: input.reason });
    // The person said no before anyone was allocated: the GP hears it as a coded message back, in
    // Waymark and as a FHIR message, as when they decline at first contact.
    if (to === 'declined' && input.reason === 'person_declined') {
      await writeClosingGpMessage(tx, row, { reason: 'person_declined', at: closedAt, authorUserId: actor.userId });
    }
    return row;
  });
  // The answer is read after the commit, so it shows what others will see.
  const [view] = await toReferralViews(db, actor.scope, [committed], { withEvents: true });
  return view as ReferralView;
}
