import {
  CONTACT_MODE_LABELS,
  CONTACT_MODES,
  type DischargeReason,
  GP_MESSAGE_REASON_LABELS,
  type GpMessage,
  type GpMessageReason,
  type OutcomeChangeSummary,
  type SnomedCoding,
} from '../../../../common/cases.js';
import { ONWARD_KIND_LABELS, type OnwardReferralView } from '../../../../common/onward-referrals.js';
import type { MeasureSummary } from '../../../../common/outcome-measures.js';
import { referralReference, SNOMED } from '../../../../common/referrals.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { listSnomedCodes } from '../../codes/codes.service.js';
import { queueEmail } from '../../notifications/notifications.service.js';
import { practiceContact } from '../../organisations/organisations.service.js';
import { teamScopeOf } from '../../referrals/referrals.service.js';
import { queueGpMessageDeliveries } from '../../system-clients/system-clients.service.js';
import { userNames } from '../../users/users.service.js';
import * as repo from '../cases.repository.js';

/**
 * What the message back says, worked out from the case at discharge. Codes: the referral to
 * social prescribing (the person accepted, dated at first contact); if they declined further
 * support, also "social prescribing declined", dated at discharge.
 */
export async function composeGpMessage(
  tx: DbOrTx,
  row: repo.ReferralRow,
  discharge: { reason: DischargeReason; at: Date },
) {
  const contacts = await repo.findContacts(tx, teamScopeOf(row), row.id);
  const attended = contacts.filter((c) => c.outcome === 'attended');
  const byMode = CONTACT_MODES.map((mode) => ({
    mode,
    label: CONTACT_MODE_LABELS[mode],
    count: attended.filter((c) => c.mode === mode).length,
  })).filter((m) => m.count > 0);
  const offered: GpMessage['offered'] = {
    contactsTotal: contacts.length,
    attended: attended.length,
    byMode,
    firstContactAt: row.firstContactAt?.toISOString() ?? attended[0]?.at.toISOString() ?? null,
    lastContactAt: attended.at(-1)?.at.toISOString() ?? null,
    attendedDates: attended.map((c) => c.at.toISOString()),
  };
  const terms = new Map((await listSnomedCodes(tx)).map((c) => [c.code, c.term]));
  const coding = (code: string, fallback: string, date: Date | null): SnomedCoding => ({
    system: 'http://snomed.info/sct',
    code,
    display: terms.get(code) ?? fallback,
    date: date?.toISOString() ?? null,
  });
  const codes = [
    coding(
      SNOMED.referralToSocialPrescribing,
      'Referral to social prescribing service (procedure)',
      row.firstContactAt,
    ),
  ];
  if (discharge.reason === 'declined_further_support') {
    codes.push(coding(SNOMED.socialPrescribingDeclined, 'Social prescribing declined (situation)', discharge.at));
  }
  return { offered, codes };
}

/**
 * The message back when the referral closes at first contact (the person declined social
 * prescribing, or could not be contacted), written in the caller's transaction like a discharge's:
 * the practice's system hears of it the same way. Declining is coded 871711000000103; not being
 * contactable has no verified code, so the message carries none.
 */
export async function writeClosingGpMessage(
  tx: Tx,
  row: repo.ReferralRow,
  closing: { reason: 'person_declined' | 'not_contactable'; at: Date; authorUserId: string },
): Promise<repo.GpMessageRow> {
  const contacts = await repo.findContacts(tx, teamScopeOf(row), row.id);
  const attended = contacts.filter((c) => c.outcome === 'attended');
  const terms = new Map((await listSnomedCodes(tx)).map((c) => [c.code, c.term]));
  const codes: SnomedCoding[] =
    closing.reason === 'person_declined'
      ? [
          {
            system: 'http://snomed.info/sct',
            code: SNOMED.socialPrescribingDeclined,
            display: terms.get(SNOMED.socialPrescribingDeclined) ?? 'Social prescribing declined (situation)',
            date: closing.at.toISOString(),
          },
        ]
      : [];
  // Never the worker's first-contact note: that was written for the team, not for the GP record.
  const summary =
    closing.reason === 'person_declined'
      ? 'The person was contacted and declined social prescribing.'
      : 'The team could not contact the person and has closed the referral.';
  const inserted = await repo.insertGpMessage(tx, {
    referralId: row.id,
    pcnId: row.pcnId,
    practiceId: row.practiceId,
    dischargedAt: closing.at,
    dischargeReason: closing.reason,
    summary,
    offered: {
      contactsTotal: contacts.length,
      attended: attended.length,
      byMode: [],
      firstContactAt: closing.reason === 'person_declined' ? closing.at.toISOString() : null,
      lastContactAt: attended.at(-1)?.at.toISOString() ?? null,
      attendedDates: attended.map((c) => c.at.toISOString()),
    },
    onwardReferrals: [],
    outcomeChange: null,
    codes,
    authorUserId: closing.authorUserId,
  });
  await queueGpMessageDeliveries(tx, { gpMessageId: inserted.id, practiceId: row.practiceId, pcnId: row.pcnId });
  return inserted;
}

/**
 * The onward referrals and signposts, as the practice reads them: where the person was sent, and
 * how it ended (the outcome at close, or why it was declined). Nothing that was shared with the
 * organisation is repeated here.
 */
export function gpMessageOnwardLines(onward: OnwardReferralView[]): GpMessage['onwardReferrals'] {
  return onward.map((o) => ({
    service: o.service.name,
    organisation: o.organisation.name,
    status: o.statusLabel,
    kind: o.kind,
    kindLabel: ONWARD_KIND_LABELS[o.kind],
    outcome: o.closed?.outcomeLabel ?? o.declined?.reasonLabel ?? null,
    sessionsAttended: o.sessionsAttended,
    at: o.createdAt,
  }));
}

/** Baseline → latest per outcome measure (ONS4, SWEMWBS, UCLA-3, PAM); null when none has both. */
export function outcomeChangeSummary(measures: MeasureSummary[]): OutcomeChangeSummary | null {
  const changed = measures.flatMap((m) =>
    m.change
      ? [
          {
            measure: m.measure,
            label: m.label,
            indicators: m.change.indicators.map((i) => ({
              label: i.label,
              baseline: i.baseline,
              latest: i.latest,
              change: i.change,
              direction: i.direction,
            })),
          },
        ]
      : [],
  );
  return changed.length > 0 ? { measures: changed } : null;
}

export async function toGpMessage(db: DbOrTx, row: repo.GpMessageRow): Promise<GpMessage> {
  const names = await userNames(db, row.authorUserId ? [row.authorUserId] : []);
  const reason = row.dischargeReason as GpMessageReason;
  return {
    id: row.id,
    referralId: row.referralId,
    reference: referralReference(row.referralId),
    createdAt: row.createdAt.toISOString(),
    dischargedAt: row.dischargedAt.toISOString(),
    dischargeReason: reason,
    dischargeReasonLabel: GP_MESSAGE_REASON_LABELS[reason] ?? reason,
    summary: row.summary,
    offered: row.offered as unknown as GpMessage['offered'],
    onwardReferrals: row.onwardReferrals as GpMessage['onwardReferrals'],
    outcomeChange: (row.outcomeChange as GpMessage['outcomeChange']) ?? null,
    codes: row.codes as SnomedCoding[],
    author: row.authorUserId ? (names.get(row.authorUserId) ?? null) : null,
  };
}

/**
 * The message back, for the referring practice (its own referrals only) or the PCN's team.
 * Anyone else, or before discharge: not found. Reading it is audited.
 */
export async function getGpMessage(db: Db, ctx: SignedInContext, referralId: string): Promise<GpMessage> {
  const row = await repo.findGpMessage(db, ctx.actor.scope, referralId);
  if (!row) throw notFound('message back to the GP');
  await writeAuditAlone(db, ctx, { action: 'gpmessage.read', entityType: 'referral', entityId: referralId });
  return toGpMessage(db, row);
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const initial = (name: string) => (name.trim().charAt(0) || '?').toUpperCase();

/**
 * Tells the practice's shared mailbox that a discharge summary is ready in Waymark: initials,
 * date of birth and reference only, never the summary or case notes.
 */
export async function emailDischargeSummaryReady(tx: Tx, row: repo.ReferralRow): Promise<boolean> {
  if (!row.practiceId) return false;
  const practice = await practiceContact(tx, row.practiceId);
  if (!practice?.email) return false;
  // The patient as the practice described them on its referral (never the record another team keeps).
  const person = row.personDetails;
  const ref = referralReference(row.id);
  const patient = `the patient with initials ${initial(person.givenName)}. ${initial(person.familyName)}., born ${LONG_DATE.format(new Date(`${person.dateOfBirth}T12:00:00Z`))}`;
  await queueEmail(tx, {
    to: practice.email,
    subject: `Social prescribing discharge summary ready (reference ${ref})`,
    text: [
      `The social prescribing team has discharged ${patient} (reference ${ref}), referred by your practice on ${LONG_DATE.format(row.receivedAt)}.`,
      'A discharge summary with SNOMED CT codes for the patient record is ready.',
      '',
      'Sign in to Waymark and open the referral to read it. This email contains no case notes.',
    ].join('\n'),
  });
  return true;
}
