import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { startThrowawayPostgres, withDatabase } from './throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { adminUrl: string; template: string };
  }
}

export const TEMPLATE_DB = 'waymark_test_template';

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
    // Durability is pointless for throw-away test data; speed is not.
    ({ adminUrl, stop } = await startThrowawayPostgres('test-pg', 300));
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
