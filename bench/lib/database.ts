import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { removeEmbeddedCluster, startEmbeddedPostgres } from '../../server/platform/db/embedded.js';
import { migrateDatabase } from '../../server/platform/db/migrate.js';

// The benchmark's PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) when given, otherwise a
// throw-away embedded cluster tuned like the test one. Each bench case gets a fresh migrated
// database in it, dropped afterwards.

export interface BenchCluster {
  /** Where it runs, for the report header. */
  description: string;
  /** A fresh, migrated database for one bench case; dropped by `drop`. */
  createDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startBenchCluster(): Promise<BenchCluster> {
  const external = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (external) {
    return {
      description: `external PostgreSQL (${process.env.BENCH_DATABASE_URL ? 'BENCH' : 'TEST'}_DATABASE_URL)`,
      createDatabase: () => createDatabase(external),
      stop: async () => {},
    };
  }
  const dataDir = path.resolve('.tmp', `bench-pg-${process.pid}`);
  await removeEmbeddedCluster(dataDir);
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'postgres',
    // Durability is pointless for throw-away data; the figures are about query time.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '100' },
  });
  const adminUrl = withDatabase(server.url, 'postgres');
  return {
    description: 'embedded PostgreSQL 17 (fsync off)',
    createDatabase: () => createDatabase(adminUrl),
    stop: async () => {
      await server.stop();
      await removeEmbeddedCluster(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `waymark_bench_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const drop = () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  const url = withDatabase(adminUrl, name);
  try {
    await migrateDatabase(url);
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
  return { url, drop };
}
