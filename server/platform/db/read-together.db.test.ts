import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { readTogether } from './read-together.js';

// readTogether over the pool and in a transaction, and the tests' guard (one-query-at-a-time.ts)
// that makes a Promise.all over one transaction fail where pg 8 would only warn once.

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

const slowly = (n: number) => sql`SELECT ${n}::int AS n FROM pg_sleep(0.02)`;

describe('readTogether', () => {
  it('gives each read its answer, in order, over the pool and in a transaction', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const { db } = database;
    const reads = (on: typeof db) =>
      [1, 2, 3].map((n) => async () => (await on.execute<{ n: number }>(slowly(n))).rows[0]?.n) as (() => Promise<
        number | undefined
      >)[];
    expect(await readTogether(db, reads(db))).toEqual([1, 2, 3]);
    const inTransaction = await db.transaction(async (tx) => readTogether(tx, reads(tx as unknown as typeof db)));
    expect(inTransaction).toEqual([1, 2, 3]);
  });

  it('the guard refuses three queries at once on one transaction, which readTogether never sends', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const settled = await database.db.transaction(async (tx) =>
      Promise.allSettled([1, 2, 3].map((n) => tx.execute(slowly(n)))),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = settled[2] as PromiseRejectedResult;
    expect(String((refused.reason as Error).cause ?? refused.reason)).toMatch(/still running another/);
  });
});
