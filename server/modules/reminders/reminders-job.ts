import type PgBoss from 'pg-boss';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import { type AccessEndReport, endPartnerAccess } from '../onward-referrals/chase.service.js';
import { type ReminderRunReport, runReminders } from './reminders.service.js';

/** One morning's run: the reminder tasks, and the organisations' access ended (issue 12). */
export type DailyRunReport = ReminderRunReport & { accessEnded: AccessEndReport['ended'] };

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
  onRun?: (report: DailyRunReport) => void;
}

export interface ReminderJob {
  /** Asks for a run now (tests, operators). */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Schedules the daily run and works it on this instance (once per day fleet-wide): first the
 * details shared with organisations whose access has ended are removed, then the reminders.
 * Both are idempotent, so a retried run changes nothing twice.
 */
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
  let running: Promise<DailyRunReport> | null = null;
  const workerId = await boss.work(
    REMINDERS_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30, batchSize: 1 },
    async () => {
      const now = new Date();
      const run = (async (): Promise<DailyRunReport> => {
        const { ended } = await endPartnerAccess(db, { now });
        const reminders = await runReminders(db, { now, noContactDays: opts.config.REMINDER_NO_CONTACT_DAYS });
        return { ...reminders, accessEnded: ended };
      })();
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
