import type PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import { type ReminderRunReport, runReminders } from './reminders.service.js';

export const REMINDERS_QUEUE = 'reminders.daily';
/** Every day at 07:00 London time, before the working day starts (pg-boss handles BST/GMT). */
export const REMINDERS_CRON = '0 7 * * *';

export interface ReminderJobOptions {
  boss: PgBoss;
  db: Db;
  config: Pick<Config, 'REMINDER_NO_CONTACT_DAYS'>;
  log: HubLog;
  /** Tests: faster polling, and a report after each run. */
  pollingIntervalSeconds?: number;
  onRun?: (report: ReminderRunReport) => void;
}

export interface ReminderJob {
  /** Asks for a run now (tests, operators). */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/** Schedules the daily reminder run and works it on this instance (once per day fleet-wide). */
export async function startReminderJob(opts: ReminderJobOptions): Promise<ReminderJob> {
  const { boss, db, log } = opts;
  await boss.createQueue(REMINDERS_QUEUE, {
    name: REMINDERS_QUEUE,
    // At most one run waiting and one running across all instances.
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 60,
    expireInSeconds: 15 * 60,
  });
  let running: Promise<ReminderRunReport> | null = null;
  const workerId = await boss.work(
    REMINDERS_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30, batchSize: 1 },
    async () => {
      const run = runReminders(db, { now: new Date(), noContactDays: opts.config.REMINDER_NO_CONTACT_DAYS });
      running = run;
      try {
        const report = await run;
        log.info({ ...report }, 'reminders: daily run done');
        opts.onRun?.(report);
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(REMINDERS_QUEUE, REMINDERS_CRON, {}, { tz: 'Europe/London' });
  return {
    async trigger() {
      await boss.send(REMINDERS_QUEUE, {});
      boss.notifyWorker(workerId);
    },
    async stop() {
      await boss.offWork(REMINDERS_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
