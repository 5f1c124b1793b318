import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.js';
import { removeEmbeddedCluster, startEmbeddedPostgres } from '../platform/db/embedded.js';
import { migrateDatabase } from '../platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { adminUrl: string; template: string };
  }
}

export const TEMPLATE_DB = 'waymark_test_template';

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

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when given (CI runs the suite again
 * against PostgreSQL 15 that way), otherwise a throw-away embedded cluster. A migrated
 * template database is made once; each test file copies it (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const external = loadConfig().TEST_DATABASE_URL;
  let adminUrl: string;
  let stop: () => Promise<void> = async () => {};
  if (external) {
    adminUrl = external;
  } else {
    const dataDir = path.resolve('.tmp', `test-pg-${process.pid}`);
    await removeEmbeddedCluster(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      // Durability is pointless for throw-away test data; speed is not.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = withDatabase(server.url, 'postgres');
    stop = async () => {
      await server.stop();
      await removeEmbeddedCluster(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide('testDb', { adminUrl, template: TEMPLATE_DB });
  return stop;
}
