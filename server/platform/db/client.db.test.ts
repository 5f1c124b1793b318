import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

// The pool when the server ends a connection (issue 19, point 3 (a): found by killing the database
// under load, server/faults). A client checked out for a transaction, between two of its queries,
// loses its connection: the transaction fails, the process does not crash, and the pool goes on
// with a fresh connection.

let database: TestDatabase;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  database = await createTestDatabase();
  process.on('uncaughtException', onUncaught);
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await database.close();
});

describe('connectDatabase', () => {
  it('a connection ended mid-transaction fails that transaction only, and raises nothing uncaught', async () => {
    const admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    try {
      const transaction = database.db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        // The app at work between two queries, while the server ends this connection.
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`SELECT 1`);
      });
      await expect(transaction).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const { rows } = await database.db.execute<{ ok: number }>(sql`SELECT 1 AS ok`);
      expect(rows[0]?.ok).toBe(1);
    } finally {
      await admin.end();
    }
  });
});
