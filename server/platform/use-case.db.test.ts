import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { verifyAuditChain, writeAudit, writeAuditAlone } from './audit/audit.js';
import { auditEvents } from './audit/audit.tables.js';
import type { SignedInContext } from './context.js';
import type { Tx } from './db/client.js';
import { nothingChanged, runUseCase } from './use-case.js';

// Audit and transactions by construction (issue 11, point 2): a write and its audit row commit
// together or not at all, and a write that forgets its row is refused rather than committed.

let database: TestDatabase;
const ctx: SignedInContext = {
  actor: {
    userId: '00000000-0000-4000-8000-000000000001',
    name: 'Test Worker',
    role: 'link_worker',
    scope: {
      kind: 'pcn',
      icbId: '00000000-0000-4000-8000-0000000000a1',
      pcnId: '00000000-0000-4000-8000-0000000000b1',
    },
    permissions: [],
  },
  ip: '127.0.0.1',
  requestId: 'req-use-case',
};

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`CREATE TABLE use_case_probe (id int PRIMARY KEY)`);
});
afterAll(() => database.close());

const probes = async (id: number) =>
  (await database.db.execute(sql`SELECT id FROM use_case_probe WHERE id = ${id}`)).rows.length;
const rowsOf = async (action: string) =>
  (await database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]?.n;
const insertProbe = (tx: Tx, id: number) => tx.execute(sql`INSERT INTO use_case_probe (id) VALUES (${id})`);

describe('runUseCase', () => {
  it('commits the change with its audit row, and hands the work the actor', async () => {
    const result = await runUseCase(database.db, ctx, async (tx, actor) => {
      await insertProbe(tx, 1);
      await writeAudit(tx, ctx, { action: 'probe.written', entityId: '1' });
      return actor.userId;
    });
    expect(result).toBe(ctx.actor.userId);
    expect(await probes(1)).toBe(1);
    expect(await rowsOf('probe.written')).toBe(1);
  });

  it('refuses a write that finished without its audit row, and keeps nothing of it', async () => {
    await expect(
      runUseCase(database.db, ctx, async (tx) => {
        await insertProbe(tx, 2);
      }),
    ).rejects.toThrow(/without writing its audit row/);
    expect(await probes(2)).toBe(0);
  });

  it('accepts a run that declares it changed nothing (a retried request answered from its first answer)', async () => {
    const answer = await runUseCase(database.db, ctx, async (tx) => nothingChanged(tx, 'the first answer'));
    expect(answer).toBe('the first answer');
  });

  it('does not count a refusal row as the audit of a success', async () => {
    await expect(
      runUseCase(database.db, ctx, async (tx) => {
        await insertProbe(tx, 3);
        await writeAudit(tx, ctx, { action: 'probe.refused', outcome: 'denied' });
      }),
    ).rejects.toThrow(/without writing its audit row/);
    expect(await probes(3)).toBe(0);
  });

  it('rolls back the audit row when the change fails after it', async () => {
    await expect(
      runUseCase(database.db, ctx, async (tx) => {
        await writeAudit(tx, ctx, { action: 'probe.rolled-back' });
        await insertProbe(tx, 4);
        await insertProbe(tx, 4); // a duplicate key: the change fails after its audit row
      }),
    ).rejects.toThrow();
    expect(await probes(4)).toBe(0);
    expect(await rowsOf('probe.rolled-back')).toBe(0);
  });
});

describe('the audit chain lock (issue 18, point 4)', () => {
  it('is not held while a use-case works: another audited write gets through meanwhile', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let wrote = () => {};
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    const slow = runUseCase(database.db, ctx, async (tx) => {
      await insertProbe(tx, 10);
      await writeAudit(tx, ctx, { action: 'probe.slow', entityId: '10' });
      wrote();
      await held; // the rest of a long use-case, its audit row already written
    });
    await written;
    // Before, the slow use-case's first audit row took the chain's lock until its commit, and
    // this would wait for it (the test would time out).
    await writeAuditAlone(database.db, ctx, { action: 'probe.meanwhile' });
    expect(await rowsOf('probe.meanwhile')).toBe(1);
    release();
    await slow;
    // In the chain, the slow use-case's row comes after the one written meanwhile: rows are
    // appended at commit time, in the order of the chain, which still verifies.
    const order = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.action} IN ('probe.slow', 'probe.meanwhile')`)
      .orderBy(auditEvents.id);
    expect(order.map((r) => r.action)).toEqual(['probe.meanwhile', 'probe.slow']);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("keeps a use-case's rows in the order it wrote them", async () => {
    await runUseCase(database.db, ctx, async (tx) => {
      await insertProbe(tx, 11);
      for (const n of [1, 2, 3]) await writeAudit(tx, ctx, { action: 'probe.ordered', entityId: String(n) });
    });
    const rows = await database.db
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'probe.ordered'))
      .orderBy(auditEvents.id);
    expect(rows.map((r) => r.entityId)).toEqual(['1', '2', '3']);
  });
});

describe('writeAudit', () => {
  it('refuses a handle that is not a transaction, whatever the types said', async () => {
    const notATransaction = database.db as unknown as Tx;
    await expect(writeAudit(notATransaction, ctx, { action: 'probe.outside' })).rejects.toThrow(
      /needs the transaction of the change/,
    );
    expect(await rowsOf('probe.outside')).toBe(0);
  });

  it('writes a row that records no change in a transaction of its own', async () => {
    await writeAuditAlone(database.db, ctx, { action: 'probe.read', entityId: 'x' });
    expect(await rowsOf('probe.read')).toBe(1);
  });
});
