import http from 'node:http';
import https from 'node:https';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../../../../common/system-clients.js';
import type { Db } from '../../../platform/db/client.js';
import type { HubLog } from '../../../platform/realtime-hub.js';
import { findGpMessageRecord } from '../../cases/cases.service.js';
import {
  claimNextDueDelivery,
  guardedLookup,
  markDelivered,
  recordDeliveryFailure,
  scopeOfClient,
  type WebhookPolicy,
} from '../../system-clients/system-clients.service.js';
import { FHIR_JSON } from '../fhir-terms.js';
import { messageBackBundle } from '../message-back.js';
import { signatureHeader } from '../webhook-signature.js';

// Pushes the message back to each system's webhook from the outbox (gp_message_deliveries). Each
// delivery is sent inside its own short transaction holding the row's lock (FOR UPDATE SKIP
// LOCKED: no other instance sends it meanwhile) and "delivered" is recorded in that transaction;
// a failure records the attempt, the error and the next try (exponential backoff), and the row
// waits. Nothing is lost; the one gap (the receiver took it, then the database went away before
// the commit) sends it again with the same Waymark-Delivery id, which the receiver drops.

export interface DeliverOptions {
  baseUrl: string;
  policy: WebhookPolicy;
  log: HubLog;
  batchSize?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timeoutMs?: number;
}

export interface WebhookReport {
  delivered: number;
  failed: number;
}

export const DEFAULT_RETRY_BASE_MS = 30_000;
export const DEFAULT_RETRY_MAX_MS = 6 * 60 * 60_000;

/** Backoff after the n-th failed attempt (n ≥ 1): base, 2×base, 4×base … capped. */
export function webhookRetryDelayMs(attempts: number, baseMs = DEFAULT_RETRY_BASE_MS, maxMs = DEFAULT_RETRY_MAX_MS) {
  return Math.min(baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30), maxMs);
}

/** POSTs the body; resolves with the status, rejects on a network error or timeout. Never follows a redirect. */
function post(url: string, body: string, headers: Record<string, string>, policy: WebhookPolicy, timeoutMs: number) {
  return new Promise<number>((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not needed
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}

const reasonOf = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return `${code}${typeof e?.message === 'string' ? e.message : String(err)}`.slice(0, 500);
};

export async function deliverMessagesBack(db: Db, opts: DeliverOptions): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, failed: 0 };
  for (let i = 0; i < (opts.batchSize ?? 50); i++) {
    const outcome = await db.transaction(async (tx) => {
      const claimed = await claimNextDueDelivery(tx);
      if (!claimed) return 'none' as const;
      const { delivery, client } = claimed;
      const fail = async (reason: string) => {
        const attempts = delivery.attempts + 1;
        const retryInMs = webhookRetryDelayMs(attempts, opts.retryBaseMs, opts.retryMaxMs);
        await recordDeliveryFailure(tx, delivery.id, reason, retryInMs);
        opts.log.warn(
          { deliveryId: delivery.id, attempts, retryInMs, error: reason },
          'webhook: not delivered; will retry',
        );
        return 'failed' as const;
      };
      // Drawn in the client's own scope: a message it may not read is never sent to it.
      const record = await findGpMessageRecord(tx, scopeOfClient(client), delivery.gpMessageId);
      if (!record) return fail('the message back is not in this system’s scope');
      const body = JSON.stringify(messageBackBundle(record, { baseUrl: opts.baseUrl }));
      try {
        const status = await post(
          client.webhookUrl as string,
          body,
          {
            'content-type': FHIR_JSON,
            [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(client.webhookSecret as string, body),
            [WEBHOOK_DELIVERY_HEADER]: delivery.id,
            'user-agent': 'Waymark-Webhook/1',
          },
          opts.policy,
          opts.timeoutMs ?? 10_000,
        );
        if (status < 200 || status >= 300) return fail(`the endpoint answered HTTP ${status}`);
      } catch (err) {
        return fail(reasonOf(err));
      }
      await markDelivered(tx, delivery.id);
      return 'delivered' as const;
    });
    if (outcome === 'none') break;
    if (outcome === 'delivered') report.delivered++;
    else report.failed++;
  }
  if (report.delivered > 0) opts.log.info({ delivered: report.delivered }, 'webhook: messages back delivered');
  return report;
}
