import { rm } from 'node:fs/promises';
import path from 'node:path';
import { removeEmbeddedCluster, startEmbeddedPostgres } from '../platform/db/embedded.js';
import { freePort } from './free-port.js';

// A throw-away embedded PostgreSQL for the test run and the benchmarks: its own data directory
// under .tmp, a free port, durability off (the data is thrown away; only speed matters).

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface ThrowawayPostgres {
  /** The `postgres` database, for creating and dropping the ones the tests use. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startThrowawayPostgres(name: string, maxConnections: number): Promise<ThrowawayPostgres> {
  const dataDir = path.resolve('.tmp', `${name}-${process.pid}`);
  await removeEmbeddedCluster(dataDir);
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'postgres',
    settings: {
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: String(maxConnections),
    },
  });
  return {
    adminUrl: withDatabase(server.url, 'postgres'),
    stop: async () => {
      await server.stop();
      await removeEmbeddedCluster(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
