import type PgBoss from 'pg-boss';
import type { RetentionDestroyResult } from '../../../common/records.js';
import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import { runScheduledRetention } from './records.service.js';

export const RETENTION_QUEUE = 'records.retention';
/** Every night at 02:30 London time, when nobody works on the records (pg-boss handles BST/GMT). */
export const RETENTION_CRON = '30 2 * * *';

export interface RetentionJobOptions {
  boss: PgBoss;
  db: Db;
  log: HubLog;
  pollingIntervalSeconds?: number;
  onRun?: (report: Record<string, RetentionDestroyResult>) => void;
}

export interface RetentionJob {
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Scheduled destruction (issue 19): once a night fleet-wide, every ICB whose administrator switched
 * it on has its records past retention destroyed, exactly as "destroy now" does (one person per
 * transaction, a stub and an audit row each). Idempotent: a retried run finds nothing left to do.
 */
export async function startRetentionJob(opts: RetentionJobOptions): Promise<RetentionJob> {
  const { boss, db, log } = opts;
  await boss.createQueue(RETENTION_QUEUE, {
    name: RETENTION_QUEUE,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 300,
    expireInSeconds: 60 * 60,
  });
  let running: Promise<unknown> | null = null;
  const workerId = await boss.work(
    RETENTION_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 60, batchSize: 1 },
    async () => {
      const run = runScheduledRetention(db);
      running = run;
      try {
        const report = await run;
        // Counts per ICB only: no personal data in the log.
        log.info({ icbs: Object.keys(report).length, report }, 'retention: scheduled run done');
        opts.onRun?.(report);
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'Europe/London' });
  return {
    async trigger() {
      await boss.send(RETENTION_QUEUE, {});
      boss.notifyWorker(workerId);
    },
    async stop() {
      await boss.offWork(RETENTION_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
