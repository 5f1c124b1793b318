import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

/**
 * Independent reads of a helper that takes either the pool or a transaction: at once on the pool
 * (each query takes a connection of its own), one after another in a transaction, whose queries
 * all go down its one connection, where pg 8 queues a second query behind the first with a
 * deprecation warning and pg 9 refuses it (server/test/one-query-at-a-time.ts holds the tests to
 * this).
 */
export async function readTogether<R extends readonly (() => unknown)[]>(
  db: DbOrTx,
  reads: readonly [...R],
): Promise<{ -readonly [K in keyof R]: R[K] extends () => infer V ? Awaited<V> : never }> {
  type Results = { -readonly [K in keyof R]: R[K] extends () => infer V ? Awaited<V> : never };
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results;
}
