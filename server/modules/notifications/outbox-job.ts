import type PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import { safeError } from '../../platform/logger.js';
import { type HubLog, REALTIME_RESYNC, type RealtimeHub } from '../../platform/realtime-hub.js';
import { createSmtpMailer, type Mailer, mailDomainOf } from './mailer.js';
import { OUTBOX_QUEUED } from './notifications.service.js';
import { type DeliveryReport, deliverOutbox } from './outbox.js';

export const OUTBOX_DELIVER_QUEUE = 'outbox.deliver';
/** Every minute: retries whose backoff has run out, and anything a missed trigger left behind. */
export const OUTBOX_DELIVER_CRON = '* * * * *';

export interface OutboxDeliveryOptions {
  boss: PgBoss;
  db: Db;
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>;
  log: HubLog;
  /** When given, an 'outbox.queued' notification (any instance's commit) triggers a run at once. */
  hub?: RealtimeHub;
  /** Tests: a mailer other than SMTP_URL's, shorter backoff, faster polling. */
  mailer?: Mailer | null;
  retryBaseMs?: number;
  pollingIntervalSeconds?: number;
  /** Called after each run (tests, metrics). */
  onRun?: (report: DeliveryReport) => void;
}

export interface OutboxDelivery {
  /** Asks for a run now (coalesced: at most one waiting and one running, fleet-wide). */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox with a pg-boss job: scheduled every minute and triggered promptly after
 * a commit that queued an email. The queue is 'stately' (at most one job waiting and one
 * running across all instances), so a burst of emails becomes one or two runs, not one each.
 */
export async function startOutboxDelivery(opts: OutboxDeliveryOptions): Promise<OutboxDelivery> {
  const { boss, db, log } = opts;
  const mailer =
    opts.mailer !== undefined
      ? opts.mailer
      : opts.config.SMTP_URL
        ? createSmtpMailer({ url: opts.config.SMTP_URL, from: opts.config.MAIL_FROM })
        : null;
  const messageIdDomain = mailDomainOf(opts.config.MAIL_FROM);

  await boss.createQueue(OUTBOX_DELIVER_QUEUE, {
    name: OUTBOX_DELIVER_QUEUE,
    policy: 'stately',
    // A run that throws (the database went away mid-run) is simply tried again; the rows
    // themselves carry the email's own attempts and backoff.
    retryLimit: 5,
    retryDelay: 30,
    expireInSeconds: 15 * 60,
  });
  let running: Promise<DeliveryReport> | null = null;
  const workerId = await boss.work(
    OUTBOX_DELIVER_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async () => {
      const run = deliverOutbox(db, { mailer, log, messageIdDomain, retryBaseMs: opts.retryBaseMs });
      running = run;
      try {
        opts.onRun?.(await run);
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(OUTBOX_DELIVER_QUEUE, OUTBOX_DELIVER_CRON, {}, { tz: 'UTC' });

  let stopped = false;
  const trigger = async () => {
    if (stopped) return;
    try {
      // null when a run is already waiting: that one will pick the new email up.
      await boss.send(OUTBOX_DELIVER_QUEUE, {});
      boss.notifyWorker(workerId); // fetch now rather than at the next poll
    } catch (err) {
      // The scheduled run catches up; nothing is lost.
      log.warn({ err: safeError(err) }, 'outbox: could not trigger a delivery run');
    }
  };
  const unsubscribe =
    opts.hub?.subscribe((event) => {
      // After the hub reconnects, a queued email's notification may have been missed.
      if (event.type === OUTBOX_QUEUED || event.type === REALTIME_RESYNC) void trigger();
    }) ?? (() => {});

  // Anything left unsent by the previous run of the app goes out now, not at the next minute.
  await trigger();
  if (!mailer) {
    log.warn('outbox: SMTP_URL is not set: emails are kept in the outbox and not sent');
  }

  return {
    trigger,
    async stop() {
      stopped = true;
      unsubscribe();
      await boss.offWork(OUTBOX_DELIVER_QUEUE).catch(() => {});
      // Let a run in progress finish its current email (it holds a database transaction).
      await running?.catch(() => {});
      mailer?.close();
    },
  };
}
