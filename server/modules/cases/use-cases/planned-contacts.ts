import { CONTACT_MODE_LABELS, type PlannedContact } from '../../../../common/cases.js';
import { STATUS_LABELS } from '../../../../common/referrals.js';
import type { PcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { conflict, type FieldError, notFound, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { isWorkable, loadCase } from '../../referrals/referrals.service.js';
import { userNames } from '../../users/users.service.js';
import { bookVideoAppointment, cancelVideoAppointments, type VideoLinkSettings } from '../../video/video.service.js';
import * as repo from '../cases.repository.js';
import type { TPlannedContactCreate } from '../cases.schemas.js';
import { queueFirstContactAppointment } from './resident-messages.js';

export const toPlannedContact = (p: repo.PlannedContactRow, createdByName: string | null): PlannedContact => ({
  id: p.id,
  at: p.plannedFor.toISOString(),
  mode: p.mode,
  modeLabel: CONTACT_MODE_LABELS[p.mode],
  purpose: p.purpose,
  createdByName,
});

/**
 * Why this time cannot be booked (empty when it can): a planned contact is in the future, and at
 * most a year ahead (further out is a typo, or a review date, not a contact). `field` is the name
 * the form knows it by (`at`, or `next.at` when booked with a recorded contact).
 */
export function plannedAtErrors(at: string, field: string, now = new Date()): FieldError[] {
  const when = new Date(at);
  if (when.getTime() <= now.getTime()) return [{ field, message: 'must be in the future' }];
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (when.getTime() > yearAhead.getTime()) return [{ field, message: 'must be at most a year ahead' }];
  return [];
}

/**
 * Books a planned contact on a case already loaded for writing, audited, in the caller's
 * transaction; before the person has been met, the appointment is texted or emailed to them.
 * A contact by video gets its video appointment and the person's one-time link (issue 15).
 */
export async function insertPlannedContact(
  tx: Tx,
  ctx: SignedInContext,
  { actor, row }: { actor: PcnActor; row: repo.ReferralRow },
  input: TPlannedContactCreate,
  links: VideoLinkSettings,
): Promise<PlannedContact> {
  const planned = await repo.insertPlannedContact(tx, {
    referralId: row.id,
    pcnId: row.pcnId,
    plannedFor: new Date(input.at),
    mode: input.mode,
    purpose: input.purpose || null,
    createdByUserId: actor.userId,
  });
  await writeAudit(tx, ctx, {
    action: 'case.contact-planned',
    entityType: 'referral',
    entityId: row.id,
    details: { plannedContactId: planned.id, plannedFor: planned.plannedFor.toISOString(), mode: planned.mode },
  });
  await queueFirstContactAppointment(tx, actor.scope, row, planned);
  if (planned.mode === 'video') await bookVideoAppointment(tx, ctx, actor.scope, row, planned, links);
  return toPlannedContact(planned, actor.name);
}

/** Books the next contact with the person: it shows on the caseload until a contact settles it. */
export async function planContact(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TPlannedContactCreate,
  links: VideoLinkSettings,
): Promise<PlannedContact> {
  const errors = plannedAtErrors(input.at, 'at');
  if (errors.length > 0) throw validationError(errors);
  return runUseCase(db, ctx, async (tx) => {
    const loaded = await loadCase(tx, ctx, id, { write: true });
    if (!isWorkable(loaded.row.status)) {
      throw conflict(
        `Contacts cannot be booked on a referral that is ${STATUS_LABELS[loaded.row.status].toLowerCase()}.`,
      );
    }
    const planned = await insertPlannedContact(tx, ctx, loaded, input, links);
    await publish(tx, { type: 'referral.changed', pcnId: loaded.row.pcnId, referralId: loaded.row.id });
    return planned;
  });
}

/** Calls off a planned contact that is still open (409 once it was settled or cancelled). */
export async function cancelPlannedContact(
  db: Db,
  ctx: SignedInContext,
  id: string,
  plannedId: string,
): Promise<PlannedContact> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    const found = await repo.findPlannedContact(tx, actor.scope, row.id, plannedId);
    if (!found) throw notFound('planned contact');
    // The update re-checks that it is open, so two cancels at once cannot both succeed.
    const cancelled = await repo.cancelPlannedContact(tx, found.id, { userId: actor.userId, at: new Date() });
    if (!cancelled) {
      throw conflict(
        found.settledByContactId
          ? 'This planned contact already took place: a contact was recorded for it.'
          : 'This planned contact was already cancelled.',
      );
    }
    await writeAudit(tx, ctx, {
      action: 'case.planned-contact-cancelled',
      entityType: 'referral',
      entityId: row.id,
      details: { plannedContactId: cancelled.id },
    });
    await cancelVideoAppointments(tx, ctx, row.id, [cancelled.id]);
    await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
    const names = await userNames(tx, [cancelled.createdByUserId]);
    return toPlannedContact(cancelled, names.get(cancelled.createdByUserId) ?? null);
  });
}

/**
 * A case that closes (discharge, the person declines, cannot be contacted) keeps nothing booked:
 * its open planned contacts are cancelled and the cancellation audited with the reason.
 */
export async function cancelPlannedContactsOfClosingCase(
  tx: Tx,
  ctx: SignedInContext,
  referralId: string,
  reason: 'discharged' | 'declined' | 'not_contactable',
): Promise<string[]> {
  const cancelled = await repo.cancelOpenPlannedContacts(tx, referralId, {
    userId: ctx.actor.userId,
    at: new Date(),
  });
  if (cancelled.length > 0) {
    await writeAudit(tx, ctx, {
      action: 'case.planned-contact-cancelled',
      entityType: 'referral',
      entityId: referralId,
      details: { plannedContactIds: cancelled, reason },
    });
    await cancelVideoAppointments(tx, ctx, referralId, cancelled);
  }
  return cancelled;
}
