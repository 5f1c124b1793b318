import type { ContactMode, ContactOutcome, TimelineItem } from '../../../../common/cases.js';
import { SNOMED, STATUS_LABELS } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { conflict, type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { isWorkable, loadCase, transitionReferral } from '../../referrals/referrals.service.js';
import type { VideoLinkSettings } from '../../video/video.service.js';
import * as repo from '../cases.repository.js';
import type { TContactCreate } from '../cases.schemas.js';
import { insertPlannedContact, plannedAtErrors } from './planned-contacts.js';
import { contactItem } from './timeline.js';

// A clock a little ahead of the server's is not "the future".
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records a contact with the person. The first attended contact of an allocated case is the
 * first-contact milestone (coded 871731000000106: the person took up the referral); the next
 * attended contact after it marks the case as active (support under way).
 *
 * A contact settles every planned contact of the case booked for its day or before (whatever
 * happened, the booking is no longer ahead); `next` then books the next one in the same transaction.
 */
export async function recordContact(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TContactCreate,
  links: VideoLinkSettings,
): Promise<TimelineItem> {
  const at = new Date(input.at);
  const errors: FieldError[] = [];
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) errors.push({ field: 'at', message: 'must not be in the future' });
  if (input.next) errors.push(...plannedAtErrors(input.next.at, 'next.at'));
  if (errors.length > 0) throw validationError(errors);
  return runUseCase(db, ctx, async (tx) => {
    const loaded = await loadCase(tx, ctx, id, { write: true });
    const { actor, row } = loaded;
    if (!isWorkable(row.status)) {
      throw conflict(`Contacts cannot be recorded on a referral that is ${STATUS_LABELS[row.status].toLowerCase()}.`);
    }
    const contact = await storeContact(tx, ctx, row, {
      at,
      mode: input.mode,
      durationMinutes: input.durationMinutes,
      outcome: input.outcome,
      notes: input.notes || null,
      userId: actor.userId,
    });
    if (input.next) await insertPlannedContact(tx, ctx, loaded, input.next, links);
    if (contact.outcome === 'attended' && row.status === 'allocated' && !row.firstContactAt) {
      await transitionReferral(tx, ctx, {
        id: row.id,
        version: row.version,
        to: 'first_contact',
        set: { firstContactAt: at },
        event: {
          type: 'first_contact',
          snomedCode: SNOMED.referralToSocialPrescribing,
          details: { outcome: 'accepted', at: at.toISOString(), contactId: contact.id },
        },
      });
    } else if (contact.outcome === 'attended' && row.status === 'first_contact') {
      await transitionReferral(tx, ctx, {
        id: row.id,
        version: row.version,
        to: 'active',
        event: { type: 'active', details: { contactId: contact.id } },
      });
    } else {
      await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
    }
    return contactItem(contact, actor.name);
  });
}

interface ContactToStore {
  at: Date;
  mode: ContactMode;
  durationMinutes: number;
  outcome: ContactOutcome;
  notes: string | null;
  userId: string;
}

/**
 * Stores a contact, settles what was booked up to its day and audits it, in the caller's
 * transaction: every way a contact is recorded goes through here, so they all count the same.
 */
async function storeContact(tx: Tx, ctx: SignedInContext, row: repo.ReferralRow, c: ContactToStore, extra = {}) {
  const contact = await repo.insertContact(tx, {
    referralId: row.id,
    pcnId: row.pcnId,
    at: c.at,
    mode: c.mode,
    durationMinutes: c.durationMinutes,
    outcome: c.outcome,
    notes: c.notes,
    recordedByUserId: c.userId,
  });
  const settled = await repo.settlePlannedContacts(tx, row.id, contact);
  await writeAudit(tx, ctx, {
    action: 'case.contact-recorded',
    entityType: 'referral',
    entityId: row.id,
    details: {
      contactId: contact.id,
      mode: contact.mode,
      outcome: contact.outcome,
      ...extra,
      ...(settled.length > 0 ? { settledPlannedContactIds: settled } : {}),
    },
  });
  return contact;
}

/**
 * The first contact recorded from the first-contact page (the person accepted or declined): an
 * attended contact like any other, in the caller's transaction, so every count of contacts — the
 * case, the caseload's last contact, the GP message — includes it.
 */
export async function recordFirstContactMeeting(
  tx: Tx,
  ctx: SignedInContext,
  row: repo.ReferralRow,
  meeting: Omit<ContactToStore, 'outcome'>,
): Promise<void> {
  await storeContact(tx, ctx, row, { ...meeting, outcome: 'attended' }, { firstContact: true });
}
