import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '../../server/platform/db/migrate.js';
import { startThrowawayPostgres, withDatabase } from '../../server/test/throwaway-postgres.js';

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
  const server = await startThrowawayPostgres('bench-pg', 100);
  return {
    description: 'embedded PostgreSQL 17 (fsync off)',
    createDatabase: () => createDatabase(server.adminUrl),
    stop: server.stop,
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
