import type PgBoss from 'pg-boss';
import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import { type ContactReminderReport, queueContactReminders } from '../cases/cases.service.js';

export const CONTACT_REMINDERS_QUEUE = 'reminders.contact-day-before';
/**
 * On the hour from 09:00 to 18:00 London time: a contact booked for tomorrow later in the day is
 * still reminded today; the reminder's dedupe key keeps it to one per planned contact.
 */
export const CONTACT_REMINDERS_CRON = '0 9-18 * * *';

export interface ContactReminderJobOptions {
  boss: PgBoss;
  db: Db;
  log: HubLog;
  pollingIntervalSeconds?: number;
  /** Tests: the clock of the run, and a report after each. */
  now?: () => Date;
  onRun?: (report: ContactReminderReport) => void;
}

export interface ContactReminderJob {
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Queues the day-before reminders of planned contacts (texts and emails to residents; the
 * resident delivery job sends them). Idempotent, so a retried or repeated run queues nothing twice.
 */
export async function startContactReminderJob(opts: ContactReminderJobOptions): Promise<ContactReminderJob> {
  const { boss, db, log } = opts;
  await boss.createQueue(CONTACT_REMINDERS_QUEUE, {
    name: CONTACT_REMINDERS_QUEUE,
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 60,
    expireInSeconds: 15 * 60,
  });
  let running: Promise<ContactReminderReport> | null = null;
  const workerId = await boss.work(
    CONTACT_REMINDERS_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30, batchSize: 1 },
    async () => {
      const run = queueContactReminders(db, { now: opts.now?.() ?? new Date() });
      running = run;
      try {
        const report = await run;
        log.info({ ...report }, 'reminders: day-before reminders of planned contacts queued');
        opts.onRun?.(report);
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(CONTACT_REMINDERS_QUEUE, CONTACT_REMINDERS_CRON, {}, { tz: 'Europe/London' });
  return {
    async trigger() {
      await boss.send(CONTACT_REMINDERS_QUEUE, {});
      boss.notifyWorker(workerId);
    },
    async stop() {
      await boss.offWork(CONTACT_REMINDERS_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
