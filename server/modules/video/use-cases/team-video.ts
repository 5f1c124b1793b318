import type { VideoAppointmentView } from '../../../../common/video.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { publish, relayOnCommit } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { personNamesByIds } from '../../people/people.service.js';
import { loadCase, workLists } from '../../referrals/referrals.service.js';
import * as repo from '../video.repository.js';
import { REFUSED_UNAVAILABLE } from './call-messages.js';
import { appointmentAt, reissueVideoLink, type VideoLinkSettings } from './video-link.js';

// The case's team and its video appointments: see them, send the link again, withdraw it.
// Sending and withdrawing are the case's writers' (allocated or covering worker, the lead).

export function toVideoAppointmentView(row: repo.VideoAppointmentRow): VideoAppointmentView {
  return {
    id: row.id,
    plannedContactId: row.plannedContactId,
    at: appointmentAt(row).toISOString(),
    state: row.state,
    linkIssuedAt: row.linkIssuedAt.toISOString(),
    revoked: row.revokedAt !== null,
    opened: row.openedAt !== null,
    admittedAt: row.admittedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMinutes:
      row.admittedAt && row.endedAt
        ? Math.max(1, Math.round((row.endedAt.getTime() - row.admittedAt.getTime()) / 60_000))
        : null,
  };
}

export async function listVideoAppointments(db: Db, ctx: SignedInContext, id: string): Promise<VideoAppointmentView[]> {
  const { actor, row } = await loadCase(db, ctx, id);
  return (await repo.findOfCase(db, actor.scope, row.id)).map(toVideoAppointmentView);
}

/** Who waits now, in the actor's PCN: the caseload refetches it on each `referral.changed`. */
export async function listWaiting(db: Db, ctx: SignedInContext) {
  const actor = requirePcnActor(ctx, 'team');
  const rows = await repo.findWaiting(db, actor.scope, new Date());
  const cases = new Map(
    (
      await workLists.findCaseRowsByIds(
        db,
        actor.scope,
        rows.map((r) => r.referralId),
      )
    ).map((c) => [c.id, c]),
  );
  const names = await personNamesByIds(
    db,
    actor.scope,
    [...cases.values()].map((c) => c.personId),
  );
  return rows.flatMap((row) => {
    const c = cases.get(row.referralId);
    const p = c && names.get(c.personId);
    if (!c || !p) return [];
    return [
      {
        appointmentId: row.id,
        referralId: row.referralId,
        waitingSince: (row.waitingSince ?? row.updatedAt).toISOString(),
        person: { givenName: p.givenName, familyName: p.familyName },
        yours: c.allocatedWorkerId === actor.userId || c.coverWorkerId === actor.userId,
      },
    ];
  });
}

/** A new link (the old one stops working), texted or emailed again. */
export async function resendVideoLink(
  db: Db,
  ctx: SignedInContext,
  id: string,
  plannedContactId: string,
  settings: VideoLinkSettings,
): Promise<{ appointment: VideoAppointmentView; sent: boolean }> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    const found = await repo.findOfPlannedContact(tx, actor.scope, row.id, plannedContactId, { lock: true });
    if (!found) throw notFound('video appointment');
    if (found.windowEndsAt <= new Date()) throw conflict('The time of this video appointment has passed.');
    const reissued = await reissueVideoLink(tx, ctx, actor.scope, row, found, settings);
    if (!reissued) throw conflict(stateConflict(found.state));
    await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
    return { appointment: toVideoAppointmentView(reissued.row), sent: reissued.sent };
  });
}

/** Withdraws the link: it opens nothing from now on; a waiting person is no longer let in. */
export async function revokeVideoLink(
  db: Db,
  ctx: SignedInContext,
  id: string,
  plannedContactId: string,
): Promise<VideoAppointmentView> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    const found = await repo.findOfPlannedContact(tx, actor.scope, row.id, plannedContactId, { lock: true });
    if (!found) throw notFound('video appointment');
    const revoked = await repo.revoke(tx, found.id, { userId: actor.userId, at: new Date() });
    if (!revoked) {
      throw conflict(found.revokedAt ? 'This link was already withdrawn.' : stateConflict(found.state));
    }
    // A person waiting is told at once, on whichever instance holds their connection.
    if (found.personConnectionId) {
      await relayOnCommit(tx, { room: found.id, to: found.personConnectionId, body: REFUSED_UNAVAILABLE });
    }
    await writeAudit(tx, ctx, {
      action: 'video.link.revoke',
      entityType: 'referral',
      entityId: row.id,
      details: { videoAppointmentId: found.id },
    });
    await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
    return toVideoAppointmentView(revoked);
  });
}

const stateConflict = (state: repo.VideoAppointmentRow['state']) =>
  state === 'in_call'
    ? 'The call is on: end it first.'
    : state === 'ended'
      ? 'This video appointment already took place.'
      : 'This video appointment was cancelled.';
