import { createHash, randomBytes } from 'node:crypto';
import type { Scope } from '../../../platform/access/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/client.js';
import { londonDayAndTime } from '../../../platform/london-time.js';
import { queueResidentMessage, residentChannel } from '../../notifications/notifications.service.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import { peopleByIds } from '../../people/people.service.js';
import * as repo from '../video.repository.js';

// The person's one-time link to a video appointment: 32 random bytes whose SHA-256 alone is
// stored (as the onward referrals' secure link), sent by text or email through GOV.UK Notify.
// The token travels in the URL's fragment, which browsers never send to a server, then in a
// request body or a WebSocket message only: no log line ever holds it.

/** The link opens this long before the appointment… */
export const OPENS_BEFORE_MS = 15 * 60_000;
/** …and closes an hour after its end; planned contacts have no length, so an hour is assumed. */
export const APPOINTMENT_MS = 60 * 60_000;
export const CLOSES_AFTER_END_MS = 60 * 60_000;

export interface VideoLinkSettings {
  /** PUBLIC_URL: links never point at a request's Host header. */
  publicUrl: string;
}

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** When the appointment is: the window is kept, the time follows from it. */
export const appointmentAt = (row: Pick<repo.VideoAppointmentRow, 'windowStartsAt'>) =>
  new Date(row.windowStartsAt.getTime() + OPENS_BEFORE_MS);

export function windowOf(plannedFor: Date): { windowStartsAt: Date; windowEndsAt: Date } {
  return {
    windowStartsAt: new Date(plannedFor.getTime() - OPENS_BEFORE_MS),
    windowEndsAt: new Date(plannedFor.getTime() + APPOINTMENT_MS + CLOSES_AFTER_END_MS),
  };
}

/** The case the appointment is for, as the booking module has it loaded. */
export interface VideoCase {
  id: string;
  icbId: string;
  pcnId: string;
  personId: string;
}

/**
 * Texts or emails the link, when the person chose texts or emails; otherwise the worker gives it
 * another way (the case record says no message went). Returns whether one was queued.
 */
async function sendLink(
  tx: Tx,
  scope: Scope,
  kase: VideoCase,
  token: string,
  at: Date,
  settings: VideoLinkSettings,
): Promise<boolean> {
  const person = (await peopleByIds(tx, scope, [kase.personId])).get(kase.personId);
  const to = person ? residentChannel(person) : null;
  if (!to) return false;
  await queueResidentMessage(tx, {
    icbId: kase.icbId,
    referralId: kase.id,
    personId: kase.personId,
    kind: 'video_link',
    channel: to.channel,
    recipient: to.recipient,
    personalisation: {
      ...londonDayAndTime(at),
      team: (await organisationRefs(tx, [kase.pcnId])).get(kase.pcnId)?.name ?? 'your social prescribing team',
      link: `${settings.publicUrl}/video#token=${token}`,
      // The device check works without a token: the person can try it days before.
      test_link: `${settings.publicUrl}/video/check`,
    },
  });
  return true;
}

/**
 * A planned contact of mode video was just booked (in the booking's transaction): its
 * appointment, with a new link, sent to the person and audited.
 */
export async function bookVideoAppointment(
  tx: Tx,
  ctx: SignedInContext,
  scope: Scope,
  kase: VideoCase,
  planned: { id: string; plannedFor: Date },
  settings: VideoLinkSettings,
): Promise<repo.VideoAppointmentRow> {
  const token = newToken();
  const appointment = await repo.insertAppointment(tx, {
    plannedContactId: planned.id,
    referralId: kase.id,
    pcnId: kase.pcnId,
    icbId: kase.icbId,
    tokenHash: tokenHashOf(token),
    ...windowOf(planned.plannedFor),
    linkIssuedByUserId: ctx.actor.userId,
  });
  const sent = await sendLink(tx, scope, kase, token, planned.plannedFor, settings);
  await writeAudit(tx, ctx, {
    action: 'video.link.issue',
    entityType: 'referral',
    entityId: kase.id,
    details: { videoAppointmentId: appointment.id, plannedContactId: planned.id, sent },
  });
  return appointment;
}

/**
 * A new link for the same appointment (the old one dies with its hash), sent again; null when
 * the call already took place or was called off.
 */
export async function reissueVideoLink(
  tx: Tx,
  ctx: SignedInContext,
  scope: Scope,
  kase: VideoCase,
  appointment: repo.VideoAppointmentRow,
  settings: VideoLinkSettings,
): Promise<{ row: repo.VideoAppointmentRow; sent: boolean } | null> {
  const token = newToken();
  const row = await repo.replaceToken(tx, appointment.id, {
    tokenHash: tokenHashOf(token),
    userId: ctx.actor.userId,
    at: new Date(),
  });
  if (!row) return null;
  const sent = await sendLink(tx, scope, kase, token, appointmentAt(row), settings);
  await writeAudit(tx, ctx, {
    action: 'video.link.resend',
    entityType: 'referral',
    entityId: kase.id,
    details: { videoAppointmentId: row.id, sent },
  });
  return { row, sent };
}
