import type PgBoss from 'pg-boss';
import type { Db } from '../../../platform/db/client.js';
import { safeError } from '../../../platform/logger.js';
import type { HubLog } from '../../../platform/realtime-hub.js';
import { neverRefreshed, type RebuildReport, rebuildAll, refreshChanged } from './rebuild.js';

export const ANALYTICS_REFRESH_QUEUE = 'analytics.refresh';
/** Every minute: figures are at most a minute (plus a rebuild) behind the records. */
export const ANALYTICS_REFRESH_CRON = '* * * * *';

export interface AnalyticsRefreshOptions {
  boss: PgBoss;
  db: Db;
  log: HubLog;
  /** Tests: faster polling, and a report after each run. */
  pollingIntervalSeconds?: number;
  onRun?: (reports: RebuildReport[]) => void;
}

export interface AnalyticsRefreshJob {
  /** Asks for a run now (tests, operators). */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

interface RunData {
  /** Rebuild every PCN, not only those with changes (the first start). */
  all?: boolean;
}

/**
 * Schedules the refresh every minute and works it on this instance (one run at a time across
 * the fleet: a 'stately' queue). A database whose figures were never built gets a full rebuild
 * queued at once — in the background, so the start does not wait for it. Stopping lets the PCN
 * being rebuilt finish and leaves the rest to the next run.
 */
export async function startAnalyticsRefreshJob(opts: AnalyticsRefreshOptions): Promise<AnalyticsRefreshJob> {
  const { boss, db, log } = opts;
  await boss.createQueue(ANALYTICS_REFRESH_QUEUE, {
    name: ANALYTICS_REFRESH_QUEUE,
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 30,
    // A full rebuild of an ICB-sized database takes minutes, not hours.
    expireInSeconds: 60 * 60,
  });
  const stopping = new AbortController();
  let running: Promise<RebuildReport[]> | null = null;
  const workerId = await boss.work<RunData>(
    ANALYTICS_REFRESH_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10, batchSize: 1 },
    async ([job]) => {
      const run = job?.data?.all
        ? rebuildAll(db, { signal: stopping.signal })
        : refreshChanged(db, { signal: stopping.signal });
      running = run;
      try {
        const reports = await run;
        if (reports.length > 0)
          log.info(
            { pcns: reports.length, ms: reports.reduce((sum, r) => sum + r.ms, 0) },
            'analytics: figures rebuilt',
          );
        opts.onRun?.(reports);
      } catch (err) {
        // The PCNs that could be rebuilt were; pg-boss retries the run for the rest.
        log.error({ err: safeError(err) }, 'analytics: figures not rebuilt');
        throw err;
      } finally {
        if (running === run) running = null;
      }
    },
  );
  await boss.schedule(ANALYTICS_REFRESH_QUEUE, ANALYTICS_REFRESH_CRON, {}, { tz: 'Europe/London' });
  if (await neverRefreshed(db)) {
    await boss.send(ANALYTICS_REFRESH_QUEUE, { all: true } satisfies RunData);
    boss.notifyWorker(workerId);
  }
  return {
    async trigger() {
      await boss.send(ANALYTICS_REFRESH_QUEUE, {});
      boss.notifyWorker(workerId);
    },
    async stop() {
      stopping.abort();
      await boss.offWork(ANALYTICS_REFRESH_QUEUE).catch(() => {});
      await running?.catch(() => {});
    },
  };
}
