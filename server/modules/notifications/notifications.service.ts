import type { DbOrTx } from '../../platform/db/client.js';
import { publish } from '../../platform/realtime.js';
import { notifications, outbox } from './notifications.tables.js';

// Both are written in the caller's transaction: a notification exists exactly when the change
// that caused it committed.

export async function notifyUser(
  tx: DbOrTx,
  n: { userId: string; kind: string; title: string; link?: string | null },
): Promise<void> {
  await tx.insert(notifications).values({ userId: n.userId, kind: n.kind, title: n.title, link: n.link ?? null });
  await publish(tx, { type: 'notification.created', userId: n.userId });
}

/** Queues an email in the outbox; a pg-boss job delivers it after commit, retrying until sent. */
export async function queueEmail(tx: DbOrTx, email: { to: string; subject: string; text: string }): Promise<void> {
  await tx.insert(outbox).values({ kind: 'email', payload: email });
}
