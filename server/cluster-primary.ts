import cluster, { type Worker } from 'node:cluster';
import type pino from 'pino';

// WEB_CONCURRENCY > 1: this process is the primary of that many app processes sharing one port
// (node:cluster hands each new connection to a worker in turn). It has already done what is done
// once (embedded PostgreSQL, migrations, demo data); each worker is an instance as the architecture
// means it (realtime, jobs and the audit chain already go through PostgreSQL). The primary serves
// nothing itself: it forks the workers, replaces one that dies after it was serving, and on
// SIGTERM/SIGINT passes SIGTERM on, waits for every worker to drain and exit, then stops.

export interface Workers {
  /** Resolves once every worker listens; rejects if one exits before it ever listened. */
  ready: Promise<void>;
}

export function startWorkers(opts: {
  count: number;
  env: Record<string, string>;
  log: pino.Logger;
  /** After every worker has exited on shutdown (or a failed start): stop what the primary started. */
  stop: () => Promise<void>;
}): Workers {
  let shuttingDown = false;
  // Counted here rather than read from cluster.workers, which drops a worker only once its
  // channel has closed too.
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  let resolveReady: () => void = () => {};
  let rejectReady: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  const fork = () => {
    const worker = cluster.fork(opts.env);
    live.add(worker);
    worker.on('listening', () => {
      listening.add(worker);
      if (listening.size === opts.count) resolveReady();
      // One at a time at start: two first starts at once on a new database deadlock in pg-boss's
      // set-up (and on any database they would race to create the same schedules).
      else if (!shuttingDown && live.size < opts.count) fork();
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      const served = listening.delete(worker);
      if (shuttingDown) {
        if (live.size === 0) void finish(0);
        return;
      }
      if (!served) {
        // A worker that never listened will not do better the next time (config, database, port).
        opts.log.error({ code, signal }, 'an app process stopped before it served: stopping');
        rejectReady(new Error(`an app process exited (code ${code}, signal ${signal}) before it listened`));
        void shutdown(1);
        return;
      }
      opts.log.error({ code, signal, pid: worker.process.pid }, 'an app process stopped: starting another');
      fork();
    });
  };

  let exitCode = 0;
  const finish = async (code: number) => {
    await opts.stop().catch((err) => opts.log.error({ err }, 'error stopping the database'));
    process.exit(exitCode || code);
  };
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    exitCode = code;
    const force = setTimeout(() => {
      opts.log.error('app processes took longer than 25 s to stop; killing them');
      for (const w of live) w.process.kill('SIGKILL');
    }, 25_000);
    force.unref();
    if (live.size === 0) return finish(code);
    for (const w of live) w.process.kill('SIGTERM');
  };
  // `on`, not `once`: Ctrl-C under `npm start` arrives twice (the terminal's and npm's).
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));

  fork();
  return { ready };
}
