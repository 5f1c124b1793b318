import type PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import { safeError } from '../../platform/logger.js';
import { type HubLog, REALTIME_RESYNC, type RealtimeHub } from '../../platform/realtime-hub.js';
import { RESIDENT_MESSAGE_QUEUED } from './notifications.service.js';
import { deliverResidentMessages, type ResidentDeliveryReport } from './resident-delivery.js';
import { createNotifyNotifier, type ResidentNotifier } from './resident-notifier.js';

export const RESIDENT_DELIVER_QUEUE = 'resident-messages.deliver';
/** Every minute: retries whose backoff has run out, and anything a missed trigger left behind. */
export const RESIDENT_DELIVER_CRON = '* * * * *';

export interface ResidentDeliveryOptions {
  boss: PgBoss;
  db: Db;
  config: Pick<Config, 'NOTIFY_API_KEY' | 'NOTIFY_BASE_URL' | 'notifyTemplates'>;
  log: HubLog;
  /** When given, a 'resident-message.queued' notification (any instance's commit) triggers a run at once. */
  hub?: RealtimeHub;
  /** Tests: a notifier other than NOTIFY_API_KEY's, shorter backoff, faster polling. */
  notifier?: ResidentNotifier | null;
  retryBaseMs?: number;
  pollingIntervalSeconds?: number;
  onRun?: (report: ResidentDeliveryReport) => void;
}

export interface ResidentDelivery {
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Delivers resident messages with a pg-boss job, as the SMTP outbox is delivered: scheduled
 * every minute, triggered promptly after a commit that queued one, 'stately' so a burst of
 * messages becomes one or two runs fleet-wide.
 */
export async function startResidentDelivery(opts: ResidentDeliveryOptions): Promise<ResidentDelivery> {
  const { boss, db, log, config } = opts;
  const notifier =
    opts.notifier !== undefined
      ? opts.notifier
      : config.NOTIFY_API_KEY
        ? createNotifyNotifier({ apiKey: config.NOTIFY_API_KEY, baseUrl: config.NOTIFY_BASE_URL })
        : null;
  // Kept across runs: a missing setting is logged once, not every minute.
  const reportedMissing = new Set<string>();

  await boss.createQueue(RESIDENT_DELIVER_QUEUE, {
    name: RESIDENT_DELIVER_QUEUE,
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 30,
    expireInSeconds: 15 * 60,
  });
  let running: Promise<ResidentDeliveryReport> | null = null;
  const workerId = await boss.work(
    RESIDENT_DELIVER_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async () => {
      const run = deliverResidentMessages(db, {
        notifier,
        templates: config.notifyTemplates,
        log,
        retryBaseMs: opts.retryBaseMs,
        reportedMissing,
      });
      running = run;
      try {
        opts.onRun?.(await run);
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(RESIDENT_DELIVER_QUEUE, RESIDENT_DELIVER_CRON, {}, { tz: 'UTC' });

  let stopped = false;
  const trigger = async () => {
    if (stopped) return;
    try {
      await boss.send(RESIDENT_DELIVER_QUEUE, {});
      boss.notifyWorker(workerId);
    } catch (err) {
      log.warn({ err: safeError(err) }, 'notify: could not trigger a delivery run');
    }
  };
  const unsubscribe =
    opts.hub?.subscribe((event) => {
      if (event.type === RESIDENT_MESSAGE_QUEUED || event.type === REALTIME_RESYNC) void trigger();
    }) ?? (() => {});

  await trigger();
  if (!notifier) {
    log.warn('notify: NOTIFY_API_KEY is not set: texts and emails to residents are kept queued and not sent');
  }
  return {
    trigger,
    async stop() {
      stopped = true;
      unsubscribe();
      await boss.offWork(RESIDENT_DELIVER_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
