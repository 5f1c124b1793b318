import type PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import { safeError } from '../../platform/logger.js';
import { type HubLog, REALTIME_RESYNC, type RealtimeHub } from '../../platform/realtime-hub.js';
import { GP_MESSAGE_DELIVERY_QUEUED } from '../system-clients/system-clients.service.js';
import { FHIR_BASE } from './fhir-base.js';
import { DEFAULT_RETRY_BASE_MS, deliverMessagesBack, type WebhookReport } from './use-cases/deliver-messages-back.js';

export const MESSAGE_BACK_DELIVER_QUEUE = 'gpmessage.deliver';
/** Every minute: retries whose backoff has run out, and anything a missed trigger left behind. */
export const MESSAGE_BACK_DELIVER_CRON = '* * * * *';

export interface MessageBackDeliveryOptions {
  boss: PgBoss;
  db: Db;
  config: Pick<Config, 'publicUrl' | 'WEBHOOK_ALLOW_LOOPBACK' | 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'>;
  log: HubLog;
  hub?: RealtimeHub;
  /** Tests: shorter backoff, faster polling. */
  retryBaseMs?: number;
  pollingIntervalSeconds?: number;
  onRun?: (report: WebhookReport) => void;
}

export interface MessageBackDelivery {
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Pushes the message back to webhooks with a pg-boss job, as the email outbox does: scheduled
 * every minute and triggered as soon as a discharge commits. The queue is 'stately' (at most one
 * run waiting and one running across every instance).
 */
export async function startMessageBackDelivery(opts: MessageBackDeliveryOptions): Promise<MessageBackDelivery> {
  const { boss, db, log, config } = opts;
  await boss.createQueue(MESSAGE_BACK_DELIVER_QUEUE, {
    name: MESSAGE_BACK_DELIVER_QUEUE,
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 30,
    expireInSeconds: 15 * 60,
  });
  const policy = {
    allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  };
  let running: Promise<WebhookReport> | null = null;
  let stopped = false;
  const workerId = await boss.work(
    MESSAGE_BACK_DELIVER_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async () => {
      const run = deliverMessagesBack(db, {
        baseUrl: `${config.publicUrl}${FHIR_BASE}`,
        policy,
        log,
        retryBaseMs: opts.retryBaseMs,
      });
      running = run;
      try {
        const report = await run;
        opts.onRun?.(report);
        // A failed delivery is tried again after its backoff, not only at the next minute's run.
        if (report.failed > 0 && !stopped) {
          const seconds = Math.max(1, Math.ceil((opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) / 1000));
          await boss.send(MESSAGE_BACK_DELIVER_QUEUE, {}, { startAfter: seconds }).catch(() => null);
        }
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(MESSAGE_BACK_DELIVER_QUEUE, MESSAGE_BACK_DELIVER_CRON, {}, { tz: 'UTC' });

  const trigger = async () => {
    if (stopped) return;
    try {
      await boss.send(MESSAGE_BACK_DELIVER_QUEUE, {});
      boss.notifyWorker(workerId);
    } catch (err) {
      log.warn({ err: safeError(err) }, 'webhook: could not trigger a delivery run');
    }
  };
  const unsubscribe =
    opts.hub?.subscribe((event) => {
      if (event.type === GP_MESSAGE_DELIVERY_QUEUED || event.type === REALTIME_RESYNC) void trigger();
    }) ?? (() => {});
  await trigger();
  return {
    trigger,
    async stop() {
      stopped = true;
      unsubscribe();
      await boss.offWork(MESSAGE_BACK_DELIVER_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
