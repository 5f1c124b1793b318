import type { NotificationItem, NotificationList } from '../../../common/notification-types.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Principal, SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { publish, type RealtimeEvent } from '../../platform/realtime.js';
import { runUseCase } from '../../platform/use-case.js';
import * as repo from './notifications.repository.js';

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
