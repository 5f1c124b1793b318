import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectPath } from '../paths.js';

export const MIGRATIONS_DIR = projectPath('db', 'migrations');

// Arbitrary constant naming "Waymark schema migration" among advisory locks.
const MIGRATION_LOCK_KEY = 7_402_118_275;

/**
 * Applies the committed migrations under a session-level advisory lock, so that several
 * instances starting at once take turns: the first migrates, the others then find nothing
 * left to do. Running it again is a no-op.
 */
export async function migrateDatabase(url: string): Promise<{ applied: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const before = await countApplied(client);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    const after = await countApplied(client);
    return { applied: after - before };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function countApplied(client: pg.Client): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('drizzle.__drizzle_migrations') AS t`);
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
  return Number(rows[0]?.n ?? 0);
}
