import { randomBytes } from 'node:crypto';
import type {
  GpMessageDeliveryList,
  SystemClient,
  TWebhookSet,
  WebhookSetAnswer,
} from '../../../../common/system-clients.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { toViews } from '../system-client-views.js';
import * as repo from '../system-clients.repository.js';
import { type WebhookPolicy, webhookUrlProblem } from '../webhook-address.js';

/** Published (inside the writer's transaction) when a delivery is queued: wakes the delivery job. */
export const GP_MESSAGE_DELIVERY_QUEUED = 'gpmessage.delivery-queued';

/**
 * Queues the message back for every system with a webhook that may read it, in the caller's
 * transaction (the discharge's): the outbox rows exist exactly when the message does.
 */
export async function queueGpMessageDeliveries(
  tx: Tx,
  message: { gpMessageId: string; practiceId: string | null; pcnId: string },
): Promise<number> {
  const clients = await repo.findWebhookClientsFor(tx, message);
  await repo.insertDeliveries(
    tx,
    clients.map((c) => ({ clientId: c.id, gpMessageId: message.gpMessageId })),
  );
  if (clients.length > 0) await publish(tx, { type: GP_MESSAGE_DELIVERY_QUEUED });
  return clients.length;
}

/**
 * Sets the client's webhook and makes a new signing secret, shown this once. A client without the
 * gpmessage.read scope has nothing to receive, so it cannot have one.
 */
export async function setWebhook(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TWebhookSet,
  policy: WebhookPolicy,
): Promise<WebhookSetAnswer> {
  const existing = await repo.findClientInScope(db, ctx.actor.scope, id);
  if (!existing) throw notFound('system client');
  const problem = webhookUrlProblem(input.url, policy);
  if (problem) throw validationError([{ field: 'url', message: problem }]);
  if (!existing.scopes.includes('gpmessage.read')) {
    throw validationError([
      { field: 'url', message: 'cannot be set: this system does not have the gpmessage.read scope' },
    ]);
  }
  if (existing.revokedAt) throw validationError([{ field: 'url', message: 'cannot be set: this system is revoked' }]);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const url = new URL(input.url).toString();
  const row = await runUseCase(db, ctx, async (tx, actor) => {
    const updated = await repo.setWebhook(tx, actor.scope, id, { url, secret });
    if (!updated) throw notFound('system client');
    await writeAudit(tx, ctx, {
      action: 'system-client.webhook-set',
      entityType: 'system_client',
      entityId: id,
      details: { url },
    });
    return updated;
  });
  const [view] = await toViews(db, [row]);
  return { ...(view as SystemClient), webhookSecret: secret };
}

/** Removes the webhook: messages back wait in the outbox until one is set again (or are fetched). */
export async function removeWebhook(db: Db, ctx: SignedInContext, id: string): Promise<SystemClient> {
  const row = await runUseCase(db, ctx, async (tx, actor) => {
    const updated = await repo.setWebhook(tx, actor.scope, id, null);
    if (!updated) throw notFound('system client');
    await writeAudit(tx, ctx, { action: 'system-client.webhook-removed', entityType: 'system_client', entityId: id });
    return updated;
  });
  const [view] = await toViews(db, [row]);
  return view as SystemClient;
}

/** The latest deliveries to one client of the admin's ICB: status, attempts, last error. */
export async function listDeliveries(db: Db, ctx: SignedInContext, id: string): Promise<GpMessageDeliveryList> {
  const client = await repo.findClientInScope(db, ctx.actor.scope, id);
  if (!client) throw notFound('system client');
  const rows = await repo.findDeliveriesOfClient(db, id, 50);
  // Ids, counts and errors only: nothing personal, so (like the list of clients) not an audited read.
  return {
    deliveries: rows.map((r) => ({
      id: r.id,
      gpMessageId: r.gpMessageId,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
