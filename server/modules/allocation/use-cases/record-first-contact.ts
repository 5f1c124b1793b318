import type { ReferralView } from '../../../../common/api-types.js';
import { SNOMED } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import {
  cancelPlannedContactsOfClosingCase,
  recordFirstContactMeeting,
  writeClosingGpMessage,
} from '../../cases/cases.service.js';
import {
  findReferralInScope,
  notifyReferringPractice,
  type ReferralRow,
  tellReferringPractice,
  toReferralViews,
  transitionReferral,
} from '../../referrals/referrals.service.js';
import type { TFirstContact } from '../allocation.schemas.js';

// A clock a little ahead of the server's is not "the future".
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The allocated (or covering) worker records the first contact: the person accepted (coded
 * 871731000000106, "referral to social prescribing service"), declined (871711000000103), or
 * could not be contacted. Anyone else is told the referral is not found.
 */
export async function recordFirstContact(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TFirstContact,
): Promise<ReferralView> {
  const actor = requirePcnActor(ctx);
  const committed = await runUseCase(db, ctx, async (tx) => {
    const row = await findReferralInScope(tx, actor.scope, id);
    if (!row || (row.allocatedWorkerId !== actor.userId && row.coverWorkerId !== actor.userId)) {
      throw notFound('referral');
    }
    const now = new Date();
    const at = input.at ? new Date(input.at) : now;
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw validationError([{ field: 'at', message: 'must not be in the future' }]);
    }
    if (row.allocatedAt && at < row.allocatedAt) {
      const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(
        row.allocatedAt,
      );
      throw validationError([
        { field: 'at', message: `must be on or after the day the referral was allocated (${day})` },
      ]);
    }
    const note = input.note || null;
    const base = { id, version: input.version };
    if (input.outcome !== 'not_contactable' && input.mode && input.durationMinutes) {
      // The person was reached: that conversation is the case's first contact (its timeline, counts, GP message).
      await recordFirstContactMeeting(tx, ctx, row, {
        at,
        mode: input.mode,
        durationMinutes: input.durationMinutes,
        notes: note,
        userId: actor.userId,
      });
    }
    let updated: ReferralRow;
    if (input.outcome === 'accepted') {
      updated = await transitionReferral(tx, ctx, {
        ...base,
        to: 'first_contact',
        set: { firstContactAt: at },
        event: {
          type: 'first_contact',
          snomedCode: SNOMED.referralToSocialPrescribing,
          details: { outcome: 'accepted', at: at.toISOString(), ...(note ? { note } : {}) },
        },
      });
      await notifyReferringPractice(tx, updated, { kind: 'first_contact' });
    } else if (input.outcome === 'declined') {
      updated = await transitionReferral(tx, ctx, {
        ...base,
        to: 'declined',
        set: { firstContactAt: at, closureReason: 'person_declined', closureNote: note, closedAt: now },
        event: {
          type: 'declined',
          snomedCode: SNOMED.socialPrescribingDeclined,
          details: { outcome: 'declined', reason: 'person_declined', at: at.toISOString() },
        },
      });
      await tellReferringPractice(tx, updated, { kind: 'person_declined' });
      await writeClosingGpMessage(tx, updated, { reason: 'person_declined', at, authorUserId: actor.userId });
      await cancelPlannedContactsOfClosingCase(tx, ctx, id, 'declined');
    } else {
      updated = await transitionReferral(tx, ctx, {
        ...base,
        to: 'not_contactable',
        set: { closureNote: note, closedAt: now },
        event: { type: 'not_contactable', details: { outcome: 'not_contactable', at: at.toISOString() } },
      });
      await tellReferringPractice(tx, updated, { kind: 'not_contactable' });
      await writeClosingGpMessage(tx, updated, { reason: 'not_contactable', at, authorUserId: actor.userId });
      await cancelPlannedContactsOfClosingCase(tx, ctx, id, 'not_contactable');
    }
    return updated;
  });
  // The answer is read after the commit, so it shows what others will see.
  const [view] = await toReferralViews(db, actor.scope, [committed], { withEvents: true });
  return view as ReferralView;
}
