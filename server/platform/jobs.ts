import PgBoss from 'pg-boss';
import { safeError } from './logger.js';
import './pg-boss-settle.js';
import type { HubLog } from './realtime-hub.js';

// Background jobs on pg-boss 10, in the same PostgreSQL as everything else (its own schema),
// so any number of app instances share one queue: a job runs once, on whichever instance
// fetches it, and cron schedules fire once per slot across the whole fleet.

export const JOBS_SCHEMA = 'pgboss';

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobsOptions {
  url: string;
  log: HubLog;
  /** Connections pg-boss may open (it polls and maintains; it needs few). */
  poolSize?: number;
  /** How long stop() lets running jobs finish. */
  stopTimeoutMs?: number;
}

export async function startJobs(opts: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: JOBS_SCHEMA,
    max: opts.poolSize ?? 3,
    application_name: 'waymark-jobs',
  });
  // pg-boss reports background failures (lost connection while polling, maintenance) as
  // 'error' events; unhandled, an EventEmitter 'error' would crash the process. It carries on
  // by itself once the database is back.
  boss.on('error', (err) => opts.log.error({ err: safeError(err) }, 'jobs: background error'));
  await boss.start();
  let stopping: Promise<void> | null = null;
  return {
    boss,
    stop() {
      stopping ??= boss.stop({ graceful: true, wait: true, timeout: opts.stopTimeoutMs ?? 10_000 });
      return stopping;
    },
  };
}
