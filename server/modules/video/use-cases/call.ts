import type { Signal, VideoRefusal } from '../../../../common/video.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext, SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import { publish, relayNow, relayOnCommit } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { loadCase, mayWriteCase } from '../../referrals/referrals.service.js';
import * as repo from '../video.repository.js';
import { WORKERS } from './call-messages.js';
import { tokenHashOf } from './video-link.js';

// The call itself: the person connects with the link's token and waits; the case's worker (or
// whoever covers, or the lead) connects signed in and admits them; either side's offers, answers
// and candidates are relayed to the other; the worker ends it. Every state change is audited
// (who, when, never content), announced to the team's caseload as `referral.changed`, and told
// to the other side through a relay that commits with it, whichever instance holds that side.

export type Refusal = Exclude<VideoRefusal, 'signed_out'>;
export type Joined = { appointment: repo.VideoAppointmentRow } | { refused: Refusal };

/** Why a link cannot be used now (null: it can). Each gets the same answer; the audit row says which. */
export function deadReason(
  row: repo.VideoAppointmentRow | null,
  now: Date,
): 'unknown' | 'revoked' | 'not-yet' | 'expired' | 'ended' | 'cancelled' | null {
  if (!row) return 'unknown';
  if (row.revokedAt) return 'revoked';
  if (row.state === 'ended') return 'ended';
  if (row.state === 'cancelled') return 'cancelled';
  if (now < row.windowStartsAt) return 'not-yet';
  if (now >= row.windowEndsAt) return 'expired';
  return null;
}

/** The audit row of something done with a link: no actor, the case's ICB. */
export const linkAudit = (row: repo.VideoAppointmentRow | null, action: string) => ({
  action,
  entityType: 'referral',
  ...(row ? { entityId: row.referralId, icbId: row.icbId } : {}),
  actorUserId: null,
});

const changed = (tx: Tx, row: repo.VideoAppointmentRow) =>
  publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.referralId });

/**
 * The person's connection joins with the link's token: it waits (or, in a call it dropped out
 * of, takes its place again). A second connection while one is live is refused: one device.
 */
export async function personJoins(
  db: Db,
  ctx: RequestContext,
  join: { token: string; replaces?: string | undefined },
  connectionId: string,
  now = new Date(),
): Promise<Joined> {
  const replaces = join.replaces ?? null;
  type Outcome =
    | { appointment: repo.VideoAppointmentRow }
    | { row: repo.VideoAppointmentRow | null; refused: Refusal; reason: string };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const row = await repo.findByTokenHash(tx, tokenHashOf(join.token), { lock: true });
    const dead = deadReason(row, now);
    if (dead || !row) return { row, refused: 'unavailable' as const, reason: dead ?? 'unknown' };
    // The same page reconnecting (its network changed) names its earlier connection and takes
    // its place; so does anyone after a connection gone stale (its instance died). Another live
    // device is refused: one device at a time.
    const replacing = replaces !== null && row.personConnectionId === replaces;
    const other = row.personConnectionId !== null && !replacing;
    if (other && repo.personConnected(row, now)) return { row, refused: 'in_use' as const, reason: 'second-device' };
    const attached = await repo.attachPerson(tx, row.id, connectionId, now, replacing ? replaces : null);
    // Only that page knows its earlier connection's id: it still holds its peer connection. (Its
    // old socket may have closed first, leaving the place empty: still the same page.)
    const resumed = replaces !== null && (replacing || row.personConnectionId === null);
    if (!attached) return { row, refused: 'unavailable' as const, reason: 'changed' };
    const rejoined = row.state === 'in_call';
    await writeAudit(tx, ctx, {
      ...linkAudit(row, rejoined ? 'video.rejoined' : 'video.waiting'),
      details: {
        videoAppointmentId: row.id,
        ...(resumed ? { resumed: true } : {}),
        ...(other ? { replacedStaleConnection: true } : {}),
      },
    });
    await changed(tx, attached);
    if (row.personConnectionId) {
      // The earlier connection, if it still hangs on somewhere, closes.
      await relayOnCommit(tx, {
        room: row.id,
        to: row.personConnectionId,
        body: { type: 'refused', reason: 'in_use' },
      });
    }
    await relayOnCommit(tx, {
      room: row.id,
      to: WORKERS,
      // Resumed: the same page, the same peer connection, so the worker restarts ICE on it;
      // otherwise a new page, which needs a new peer connection.
      body: rejoined
        ? { type: 'peer', present: true, resumed }
        : { type: 'state', state: 'waiting', personPresent: true },
    });
    return { appointment: attached };
  });
  if ('appointment' in outcome) return outcome;
  await writeAuditAlone(db, ctx, {
    ...linkAudit(outcome.row, 'video.join'),
    outcome: 'denied',
    details: { reason: outcome.reason, ...(outcome.row ? { videoAppointmentId: outcome.row.id } : {}) },
  });
  return { refused: outcome.refused };
}

/** The person's connection closed: a waiting person no longer waits; a call waits for them to come back. */
export async function personLeaves(db: Db, ctx: RequestContext, appointmentId: string, connectionId: string) {
  await db.transaction(async (tx) => {
    const before = await repo.findById(tx, appointmentId);
    const row = await repo.detachPerson(tx, appointmentId, connectionId);
    if (!row || !before) return; // ended or withdrawn meanwhile: nothing of theirs is left
    if (before.state === 'waiting') {
      await writeAudit(tx, ctx, { ...linkAudit(row, 'video.left'), details: { videoAppointmentId: row.id } });
      await changed(tx, row);
      await relayOnCommit(tx, {
        room: row.id,
        to: WORKERS,
        body: { type: 'state', state: 'booked', personPresent: false },
      });
    } else if (row.workerConnectionId) {
      await relayOnCommit(tx, { room: row.id, to: row.workerConnectionId, body: { type: 'peer', present: false } });
    }
  });
}

/** The worker's connection joins the appointment: only the case's writers, who may admit. */
export async function workerJoins(db: Db, ctx: SignedInContext, appointmentId: string): Promise<Joined> {
  const refuse = async (refused: Refusal, reason: string, row?: repo.VideoAppointmentRow) => {
    await writeAuditAlone(db, ctx, {
      action: 'video.join',
      outcome: 'denied',
      entityType: 'referral',
      ...(row ? { entityId: row.referralId } : {}),
      details: { reason, videoAppointmentId: appointmentId },
    });
    return { refused };
  };
  if (ctx.actor.scope.kind !== 'pcn') return refuse('unavailable', 'not_found');
  const actor = requirePcnActor(ctx);
  const row = await repo.findInScope(db, actor.scope, appointmentId);
  if (!row || row.state === 'cancelled') return refuse('unavailable', 'not_found');
  const kase = await loadCase(db, ctx, row.referralId).catch(() => null);
  if (!kase) return refuse('unavailable', 'not_found', row);
  if (!mayWriteCase(actor, kase.row)) return refuse('not_allowed', 'forbidden', row);
  return { appointment: row };
}

/** Locks the case (as a writer) and then the appointment, in the order every writer takes them. */
async function loadForWrite(tx: Tx, ctx: SignedInContext, appointmentId: string) {
  const actor = requirePcnActor(ctx);
  const found = await repo.findInScope(tx, actor.scope, appointmentId);
  if (!found) throw notFound('video appointment');
  const kase = await loadCase(tx, ctx, found.referralId, { write: true });
  const row = await repo.findInScope(tx, actor.scope, appointmentId, { lock: true });
  if (!row) throw notFound('video appointment');
  return { actor, kase, row };
}

/**
 * Admits the person who waits; in the call, hands the worker's side to this connection (the
 * worker's page reloaded or reconnected: it takes the call back, the person there or not yet).
 */
export async function admitPerson(
  db: Db,
  ctx: SignedInContext,
  appointmentId: string,
  connectionId: string,
): Promise<repo.VideoAppointmentRow> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadForWrite(tx, ctx, appointmentId);
    if (row.revokedAt) throw conflict('The link was withdrawn.');
    const admitted = await repo.admit(tx, row.id, { userId: actor.userId, connectionId, at: new Date() });
    if (!admitted) throw conflict(row.state === 'ended' ? 'This call has already ended.' : 'Nobody is waiting.');
    await writeAudit(tx, ctx, {
      action: 'video.admitted',
      entityType: 'referral',
      entityId: row.referralId,
      details: { videoAppointmentId: row.id, ...(row.state === 'in_call' ? { rejoined: true } : {}) },
    });
    await changed(tx, admitted);
    if (admitted.personConnectionId) {
      await relayOnCommit(tx, {
        room: row.id,
        to: admitted.personConnectionId,
        body: { type: 'state', state: 'in_call' },
      });
    }
    if (row.workerConnectionId && row.workerConnectionId !== connectionId) {
      // The worker's earlier connection (another tab, a dropped network) leaves the call.
      await relayOnCommit(tx, {
        room: row.id,
        to: row.workerConnectionId,
        body: { type: 'refused', reason: 'in_use' },
      });
    }
    return admitted;
  });
}

/** Ends the call (or the wait): the link is spent; the contact can now be recorded. */
export async function endCall(db: Db, ctx: SignedInContext, appointmentId: string): Promise<repo.VideoAppointmentRow> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadForWrite(tx, ctx, appointmentId);
    const ended = await repo.end(tx, row.id, { userId: actor.userId, at: new Date() });
    if (!ended) throw conflict(row.state === 'ended' ? 'This call has already ended.' : 'This call has not started.');
    const durationSeconds =
      ended.admittedAt && ended.endedAt
        ? Math.round((ended.endedAt.getTime() - ended.admittedAt.getTime()) / 1000)
        : null;
    await writeAudit(tx, ctx, {
      action: 'video.ended',
      entityType: 'referral',
      entityId: row.referralId,
      details: { videoAppointmentId: row.id, admitted: ended.admittedAt !== null, durationSeconds },
    });
    await changed(tx, ended);
    const message = { type: 'state', state: 'ended' };
    if (row.personConnectionId) await relayOnCommit(tx, { room: row.id, to: row.personConnectionId, body: message });
    await relayOnCommit(tx, { room: row.id, to: WORKERS, body: message });
    return ended;
  });
}

/** The worker's connection closed: the person is told; the call stays on for the worker to rejoin. */
export async function workerLeaves(db: Db, appointmentId: string, connectionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await repo.detachWorker(tx, appointmentId, connectionId);
    if (row?.personConnectionId) {
      await relayOnCommit(tx, { room: row.id, to: row.personConnectionId, body: { type: 'peer', present: false } });
    }
  });
}

/**
 * Passes an offer, answer or candidate to the other side of the call. Only the two connections
 * in the call may signal: anything else is dropped (and the caller logs it), as is a message
 * too large for NOTIFY.
 */
export async function relaySignal(
  db: Db,
  appointmentId: string,
  from: { role: 'person' | 'worker'; connectionId: string },
  signal: Signal,
): Promise<'relayed' | 'not-in-call' | 'too-large'> {
  const row = await repo.findById(db, appointmentId);
  if (row?.state !== 'in_call') return 'not-in-call';
  const [mine, theirs] =
    from.role === 'person'
      ? [row.personConnectionId, row.workerConnectionId]
      : [row.workerConnectionId, row.personConnectionId];
  if (mine !== from.connectionId || !theirs) return 'not-in-call';
  const sent = await relayNow(db, { room: row.id, to: theirs, body: { type: 'signal', signal } });
  return sent ? 'relayed' : 'too-large';
}

/** The person's connection answered a ping. False: it lost its place (another connection took it). */
export async function personHeard(db: Db, appointmentId: string, connectionId: string, now = new Date()) {
  return (await repo.touchPerson(db, appointmentId, connectionId, now)) !== null;
}

/** Whether the worker's connection is the one in the call now (its session then counts as in use). */
export async function workerInCall(db: Db, appointmentId: string, connectionId: string): Promise<boolean> {
  const row = await repo.findById(db, appointmentId);
  return row?.state === 'in_call' && row.workerConnectionId === connectionId;
}

/** An AppError from a use-case, said to the socket in the user's words. */
export const userMessageOf = (error: unknown) =>
  error instanceof AppError ? (error.userMessage ?? error.message) : 'Something went wrong. Try again.';
