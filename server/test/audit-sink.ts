import type { Db } from '../platform/db/client.js';

/**
 * A stand-in for the database where only audit rows are written (unit tests of the access hook
 * and of writeAudit): it plays the transaction appendAuditRow opens, keeps the inserted rows, and
 * serves them back in id order to verifyAuditChain, `batch` rows per query. The real chain, lock
 * and columns are covered by audit.db.test.ts.
 */
export function auditSink() {
  const rows: Record<string, unknown>[] = [];
  let served = 0;
  let nextId = 0;
  const tx = {
    // The lock is a no-op here; a batch's ids (`nextval … FROM generate_series(1, n)`) come from a
    // counter, n read from the statement's one number.
    execute: async (query: { queryChunks: unknown[] }) => {
      const text = query.queryChunks.map((chunk) => (chunk as { value?: string[] }).value?.join('') ?? '').join('');
      const count = text.includes('generate_series')
        ? (query.queryChunks.findLast((c) => typeof c === 'number') as number)
        : 0;
      return { rows: Array.from({ length: count }, () => ({ id: String(++nextId) })) };
    },
    select: () => ({
      from: () => ({
        orderBy: () => ({ limit: async () => rows.slice(-1) }),
        where: () => ({
          orderBy: () => ({
            limit: async (batch: number) => {
              const page = rows.slice(served, served + batch).map((r, i) => ({ id: BigInt(served + i + 1), ...r }));
              served += page.length;
              return page;
            },
          }),
        }),
      }),
    }),
    insert: () => ({
      values: async (values: Record<string, unknown> | Record<string, unknown>[]) => {
        rows.push(...(Array.isArray(values) ? values : [values]));
      },
    }),
  };
  const db = { ...tx, transaction: async (fn: (t: typeof tx) => Promise<void>) => fn(tx) } as unknown as Db;
  return { db, rows };
}
