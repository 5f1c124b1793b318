import type PgBoss from 'pg-boss';
import type { Db } from '../../../platform/db/client.js';
import { safeError } from '../../../platform/logger.js';
import type { HubLog } from '../../../platform/realtime-hub.js';
import { neverRefreshed, type RebuildReport, rebuildAll, refreshChanged } from './rebuild.js';

export const ANALYTICS_REFRESH_QUEUE = 'analytics.refresh';
/** Every minute: figures are at most a minute (plus a rebuild) behind the records. */
export const ANALYTICS_REFRESH_CRON = '* * * * *';
/**
 * Every month of every PCN, nightly: what the minute's change detection cannot see (a record
 * erased by the retention job at 02:30, a worker's role changed, the code table edited).
 */
export const ANALYTICS_REBUILD_QUEUE = 'analytics.rebuild';
export const ANALYTICS_REBUILD_CRON = '45 3 * * *';

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
 * Schedules the refresh every minute (the changed months of the changed PCNs) and the full
 * rebuild every night, and works both on this instance (one run of each at a time across the
 * fleet: 'stately' queues; a full rebuild waits for a PCN a refresh holds). A database whose
 * figures were never built gets a full rebuild queued at once — in the background, so the start
 * does not wait for it. Stopping lets the PCN being rebuilt finish and leaves the rest to the
 * next run.
 */
export async function startAnalyticsRefreshJob(opts: AnalyticsRefreshOptions): Promise<AnalyticsRefreshJob> {
  const { boss, db, log } = opts;
  // A run left active by an instance that died holds its queue until it expires: a refresh of
  // changed months takes seconds, and a first full rebuild of an ICB-sized database minutes (3
  // on the synthetic ICB); the nightly full rebuild may take its time.
  const expiry = { [ANALYTICS_REFRESH_QUEUE]: 15 * 60, [ANALYTICS_REBUILD_QUEUE]: 60 * 60 };
  for (const [name, expireInSeconds] of Object.entries(expiry)) {
    const options = { name, policy: 'stately' as const, retryLimit: 2, retryDelay: 30, expireInSeconds };
    // createQueue leaves an existing queue as it was: updateQueue brings its settings to these.
    await boss.createQueue(name, options);
    await boss.updateQueue(name, options);
  }
  const stopping = new AbortController();
  const running = new Set<Promise<RebuildReport[]>>();
  const handle = async (all: boolean) => {
    const run = all ? rebuildAll(db, { signal: stopping.signal }) : refreshChanged(db, { signal: stopping.signal });
    running.add(run);
    try {
      const reports = await run;
      if (reports.length > 0)
        log.info(
          {
            pcns: reports.length,
            ms: reports.reduce((sum, r) => sum + r.ms, 0),
            // The PCN-months recomputed (beside the time: what a run of changed months cost).
            months: all ? 'all' : reports.reduce((sum, r) => sum + (r.months === 'all' ? 0 : r.months), 0),
            all,
          },
          'analytics: figures rebuilt',
        );
      opts.onRun?.(reports);
    } catch (err) {
      // The PCNs that could be rebuilt were; pg-boss retries the run for the rest.
      log.error({ err: safeError(err) }, 'analytics: figures not rebuilt');
      throw err;
    } finally {
      running.delete(run);
    }
  };
  const work = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10, batchSize: 1 };
  const workerId = await boss.work<RunData>(ANALYTICS_REFRESH_QUEUE, work, ([job]) => handle(!!job?.data?.all));
  await boss.work(ANALYTICS_REBUILD_QUEUE, work, () => handle(true));
  await boss.schedule(ANALYTICS_REFRESH_QUEUE, ANALYTICS_REFRESH_CRON, {}, { tz: 'Europe/London' });
  await boss.schedule(ANALYTICS_REBUILD_QUEUE, ANALYTICS_REBUILD_CRON, {}, { tz: 'Europe/London' });
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
      for (const name of [ANALYTICS_REFRESH_QUEUE, ANALYTICS_REBUILD_QUEUE]) await boss.offWork(name).catch(() => {});
      await Promise.allSettled([...running]);
    },
  };
}
