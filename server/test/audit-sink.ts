import { createHash } from 'node:crypto';
import type { Db } from '../platform/db/client.js';

const GENESIS = '0'.repeat(64);

/**
 * A stand-in for the database where only audit rows are written (unit tests of the access hook
 * and of writeAudit): it plays waymark_audit_append (migration 0038) — each entry hashed over the
 * last row's hash and its canonical text, and kept — and serves the rows back in id order to
 * verifyAuditChain, `batch` rows per query. The real function, lock and columns are covered by
 * audit.db.test.ts.
 */
export function auditSink() {
  const rows: Record<string, unknown>[] = [];
  let served = 0;
  const tx = {
    execute: async (query: { queryChunks: unknown[] }) => {
      const text = query.queryChunks.map((chunk) => (chunk as { value?: string[] }).value?.join('') ?? '').join('');
      if (!text.includes('waymark_audit_append')) throw new Error(`the audit sink plays no other statement: ${text}`);
      const json = query.queryChunks.find((c) => typeof c === 'string') as string;
      for (const { canonical, ...entry } of JSON.parse(json) as Record<string, unknown>[]) {
        const prevHash = (rows.at(-1)?.hash as string | undefined) ?? GENESIS;
        const hash = createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
        rows.push({ ...entry, at: new Date(entry.at as string), details: entry.details ?? {}, prevHash, hash });
      }
      return { rows: [] };
    },
    select: () => ({
      from: () => ({
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
  };
  const db = { ...tx, transaction: async (fn: (t: typeof tx) => Promise<void>) => fn(tx) } as unknown as Db;
  return { db, rows };
}
