import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { migrateDatabase } from './migrate.js';

async function emptyDatabase() {
  const scratch = await createTestDatabase();
  // Start from nothing: drop the template's tables so this test migrates from scratch.
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;');
  await client.end();
  return scratch;
}

describe('migrations', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  it('a second run applies nothing and changes nothing', async () => {
    const scratch = await emptyDatabase();
    opened.push(scratch);
    const first = await migrateDatabase(scratch.url);
    expect(first.applied).toBeGreaterThanOrEqual(2);
    const tables = await scratch.pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    const second = await migrateDatabase(scratch.url);
    expect(second.applied).toBe(0);
    const after = await scratch.pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    expect(after.rows[0].n).toBe(tables.rows[0].n);
  });

  it('two instances starting at once: one migrates, the other waits and finds nothing to do', async () => {
    const scratch = await emptyDatabase();
    opened.push(scratch);
    const results = await Promise.all([migrateDatabase(scratch.url), migrateDatabase(scratch.url)]);
    const applied = results.map((r) => r.applied).sort();
    expect(applied[0]).toBe(0);
    expect(applied[1]).toBeGreaterThanOrEqual(2);
    const { rows } = await scratch.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(applied[1]);
  });
});
