import type { NotificationItem, NotificationList } from '../../../common/notification-types.js';
import type {
  RECEIPT_STATUSES,
  ResidentMessageChannel,
  ResidentMessageKind,
  ResidentMessageStatus,
} from '../../../common/resident-messages.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Principal, RequestContext, SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { publish, RELAY, type RealtimeEvent } from '../../platform/realtime.js';
import { runUseCase } from '../../platform/use-case.js';
import { isRestricted } from '../records/restrictions.service.js';
import * as repo from './notifications.repository.js';
import * as residentRepo from './resident-messages.repository.js';

// The case record's presence read (cases/use-cases/timeline.ts) asks whether a case has messages.
export { messagesOfReferralExist as residentMessagesOfCaseExist } from './resident-messages.repository.js';

/** Published (inside the writer's transaction) when an email is queued: wakes the delivery job. */
export const OUTBOX_QUEUED = 'outbox.queued';

// Both are written in the caller's transaction: a notification exists exactly when the change
// that caused it committed.

export async function notifyUser(
  tx: Tx,
  n: { userId: string; kind: string; title: string; link?: string | null },
): Promise<void> {
  await repo.insertNotification(tx, { userId: n.userId, kind: n.kind, title: n.title, link: n.link ?? null });
  await publish(tx, { type: 'notification.created', userId: n.userId });
}

/** Queues an email in the outbox; a pg-boss job delivers it after commit, retrying until sent. */
export async function queueEmail(tx: Tx, email: { to: string; subject: string; text: string }): Promise<void> {
  await repo.insertOutboxEmail(tx, email);
  // Heard by every instance's realtime hub only if the transaction commits; no user hears it.
  await publish(tx, { type: OUTBOX_QUEUED });
}

// Texts and emails to residents (GOV.UK Notify). Staff and practice email stays on queueEmail (SMTP).

export type { ResidentMessageKind } from '../../../common/resident-messages.js';

/** Published (inside the writer's transaction) when a resident message is queued: wakes its delivery job. */
export const RESIDENT_MESSAGE_QUEUED = 'resident-message.queued';

/**
 * Where a message to this person goes, from their preferred contact: text → SMS to phone,
 * email → email, anything else (phone call, letter, none) → null. People who asked to be
 * phoned or written to are not sent texts or emails, even when they gave a number or address.
 */
export function residentChannel(p: {
  preferredContact: string | null;
  phone: string | null;
  email: string | null;
}): { channel: 'sms' | 'email'; recipient: string } | null {
  const phone = p.phone?.trim();
  const email = p.email?.trim();
  if (p.preferredContact === 'text' && phone) return { channel: 'sms', recipient: phone };
  if (p.preferredContact === 'email' && email) return { channel: 'email', recipient: email };
  return null;
}

/**
 * Queues a text or email to a resident in the caller's transaction: it is sent (by a pg-boss
 * job, through GOV.UK Notify) only if that transaction commits. `personalisation` fills the
 * Notify template's placeholders. With `dedupeKey`, a second message with the same key is not
 * queued and null is returned.
 */
export async function queueResidentMessage(
  tx: DbOrTx,
  m: {
    icbId: string;
    referralId: string | null;
    personId: string | null;
    kind: ResidentMessageKind;
    channel: 'sms' | 'email';
    recipient: string;
    personalisation: Record<string, string>;
    dedupeKey?: string;
  },
): Promise<{ id: string } | null> {
  // No outreach to a person whose processing is restricted (UK GDPR Article 18).
  if (await isRestricted(tx, { personId: m.personId, referralId: m.referralId })) return null;
  const queued = await residentRepo.insertResidentMessage(tx, {
    icbId: m.icbId,
    referralId: m.referralId,
    personId: m.personId,
    kind: m.kind,
    channel: m.channel,
    recipient: m.recipient,
    personalisation: m.personalisation,
    dedupeKey: m.dedupeKey ?? null,
  });
  // pg_notify inside a transaction is heard at its commit; on the pool, at once. No user hears it.
  if (queued) await publish(tx as Tx, { type: RESIDENT_MESSAGE_QUEUED });
  return queued;
}

/** What the case timeline shows of a message: never its recipient or contents. */
export interface ResidentMessageOfCase {
  id: string;
  kind: ResidentMessageKind;
  channel: ResidentMessageChannel;
  status: ResidentMessageStatus;
  queuedAt: Date;
  sentAt: Date | null;
  statusAt: Date | null;
}

/** A case's resident messages, oldest first; the caller has checked the case is in scope. */
export async function residentMessagesOfCase(db: DbOrTx, referralId: string): Promise<ResidentMessageOfCase[]> {
  return (await residentRepo.findMessagesOfReferral(db, referralId)).map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    queuedAt: r.createdAt,
    sentAt: r.sentAt,
    statusAt: r.statusAt,
  }));
}

/**
 * A delivery receipt from Notify: the message Notify knows by `notifyId` takes its status,
 * audited in the same transaction. An id we never sent (another service sharing the callback, a
 * message since removed) changes nothing and is not an error: Notify would only retry it.
 */
export async function recordDeliveryReceipt(
  db: Db,
  ctx: RequestContext,
  receipt: { notifyId: string; status: (typeof RECEIPT_STATUSES)[number]; completedAt: Date | null },
): Promise<{ updated: boolean }> {
  return db.transaction(async (tx) => {
    const updated = await residentRepo.updateStatusByNotifyId(
      tx,
      receipt.notifyId,
      receipt.status,
      receipt.completedAt,
    );
    if (!updated) return { updated: false };
    await writeAudit(tx, ctx, {
      action: 'resident-message.receipt',
      entityType: 'resident_message',
      entityId: updated.id,
      icbId: updated.icbId,
      details: { status: receipt.status },
    });
    return { updated: true };
  });
}

const toItem = (row: repo.NotificationRow): NotificationItem => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  link: row.link,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt ? row.readAt.toISOString() : null,
});

export async function listNotifications(db: DbOrTx, ctx: SignedInContext, limit: number): Promise<NotificationList> {
  const { actor } = ctx;
  const [rows, unreadCount] = await Promise.all([
    repo.findNotificationsOfUser(db, actor.userId, limit),
    repo.countUnreadOfUser(db, actor.userId),
  ]);
  return { items: rows.map(toItem), unreadCount };
}

export async function countUnreadNotifications(db: DbOrTx, ctx: SignedInContext): Promise<number> {
  return repo.countUnreadOfUser(db, ctx.actor.userId);
}

/** Another user's notification is not found (404), never forbidden: ids are not confirmed. */
export async function markNotificationRead(db: Db, ctx: SignedInContext, id: string): Promise<NotificationItem> {
  const userId = ctx.actor.userId;
  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.markReadOfUser(tx, userId, id);
    if (!row) throw notFound('notification');
    // Every write is audited, however small: "who saw that they had been given this case, and when".
    await writeAudit(tx, ctx, { action: 'notification.read', entityType: 'notification', entityId: row.id });
    return toItem(row);
  });
}

export async function markAllNotificationsRead(db: Db, ctx: SignedInContext): Promise<number> {
  const userId = ctx.actor.userId;
  return runUseCase(db, ctx, async (tx) => {
    const marked = await repo.markAllReadOfUser(tx, userId);
    await writeAudit(tx, ctx, { action: 'notification.read_all', details: { marked } });
    return marked;
  });
}

/**
 * Who hears a live event: the PCN's team (users whose scope is that PCN) for events about the
 * PCN; a VCS organisation's partner users for events about its inbox; the one user an event names. A practice user's scope is their practice, so they do not
 * hear the PCN queue. Events naming neither (internal ones such as outbox.queued) reach no one.
 */
export function mayHear(principal: Pick<Principal, 'userId' | 'scope'>, event: RealtimeEvent): boolean {
  // A relay (a video call's signalling) is for one connection between instances, never a stream.
  if (event.type === RELAY || event.relay !== undefined) return false;
  if (event.userId !== undefined && event.userId === principal.userId) return true;
  const { scope } = principal;
  if (event.vcsOrganisationId !== undefined) {
    return scope.kind === 'vcs' && scope.vcsOrganisationId === event.vcsOrganisationId;
  }
  return event.pcnId !== undefined && scope.kind === 'pcn' && scope.pcnId === event.pcnId;
}

/** What a browser is sent: the type and ids only, never the audience fields or anything else. */
export function liveEventPayload(event: RealtimeEvent): { type: string; referralId?: string; pcnId?: string } {
  return {
    type: event.type,
    ...(event.referralId !== undefined ? { referralId: event.referralId } : {}),
    ...(event.pcnId !== undefined ? { pcnId: event.pcnId } : {}),
  };
}

/** How long a settled message keeps its recipient and template values (Notify keeps 7 days). */
export const RESIDENT_MESSAGE_DETAILS_DAYS = 30;

/** The app's sweep: settled messages older than RESIDENT_MESSAGE_DETAILS_DAYS forget who and what. */
export async function purgeResidentMessageDetails(db: DbOrTx, now = new Date()): Promise<number> {
  return residentRepo.forgetSettledRecipients(db, new Date(now.getTime() - RESIDENT_MESSAGE_DETAILS_DAYS * 86_400_000));
}
