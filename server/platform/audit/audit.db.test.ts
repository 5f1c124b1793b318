import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { RequestContext } from '../context.js';
import { GENESIS_HASH, hashAuditRow, verifyAuditChain, writeAudit, writeAuditAlone } from './audit.js';
import { auditEvents } from './audit.tables.js';

const run = promisify(execFile);
const ctx: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'req-1' };
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function databaseWithChain(rows: number): Promise<TestDatabase> {
  const database = await createTestDatabase();
  opened.push(database);
  for (let i = 0; i < rows; i++) {
    await writeAuditAlone(database.db, ctx, {
      action: 'test.event',
      entityType: 'thing',
      entityId: String(i),
      details: { i, nested: { b: 1, a: [i] } },
    });
  }
  return database;
}

/** Goes behind the application's back, as a superuser with the append-only trigger off. */
async function tamper(database: TestDatabase, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await client.query(statement);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  } finally {
    await client.end();
  }
}

const ids = async (database: TestDatabase) =>
  (await database.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(asc(auditEvents.id))).map((r) =>
    String(r.id),
  );

describe('audit hash chain', () => {
  it('links every row to the one before and verifies as intact', async () => {
    const database = await databaseWithChain(5);
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows).toHaveLength(5);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 5 });
  });

  it('hashes in PostgreSQL exactly as the app verifies: text beyond ASCII, nested details, no ICB', async () => {
    const database = await databaseWithChain(1);
    await writeAuditAlone(database.db, ctx, {
      action: 'test.unicode',
      entityType: 'person',
      entityId: 'Zoë Ōkami-Ngữ 🙂',
      icbId: null,
      details: { note: 'naïve “quotes” \\ back\nslash', nested: { b: 2, a: [1, 'ü', null, true] } },
    });
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const [first, last] = [rows[0], rows[1]];
    if (!first || !last) throw new Error('expected two rows');
    expect(last.prevHash).toBe(first.hash);
    expect(last.hash).toBe(hashAuditRow(first.hash, last));
    expect(last.entityId).toBe('Zoë Ōkami-Ngữ 🙂');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 2 });
  });

  it('verifies a row whose request had no address (its client had gone) or no id', async () => {
    const database = await databaseWithChain(1);
    const gone = { ...ctx, ip: undefined, requestId: undefined } as unknown as RequestContext;
    await writeAuditAlone(database.db, gone, { action: 'test.client-gone' });
    await database.db.transaction((tx) => writeAudit(tx, gone, { action: 'test.client-gone' }));
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows.slice(1).map((r) => [r.ip, r.requestId])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 3 });
  });

  it('stays one straight chain when many requests write at once', async () => {
    const database = await databaseWithChain(0);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        writeAuditAlone(database.db, ctx, { action: 'test.parallel', details: { i } }),
      ),
    );
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 25 });
  });

  it('appends rows that record no change in batches: one transaction for many requests, one chain with the changes', async () => {
    const database = await databaseWithChain(1);
    // Reads (alone) and changes (in their own transactions) at the same moment, in one chain.
    await Promise.all([
      ...Array.from({ length: 60 }, (_, i) =>
        writeAuditAlone(database.db, ctx, { action: 'test.read', entityId: String(i) }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        database.db.transaction((tx) => writeAudit(tx, ctx, { action: 'test.change', entityId: String(i) })),
      ),
    ]);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 66 });
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(
      rows
        .filter((r) => r.action === 'test.read')
        .map((r) => Number(r.entityId))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Rows written by one transaction share its id (xmin): row by row, the 60 reads would have
    // taken 60 transactions; batched, the first goes alone and the others wait for it, together.
    const transactions = await database.pool.query<{ reads: number; changes: number }>(
      `SELECT count(DISTINCT xmin::text) FILTER (WHERE action = 'test.read')::int AS reads,
              count(DISTINCT xmin::text) FILTER (WHERE action = 'test.change')::int AS changes
         FROM audit_events`,
    );
    expect(transactions.rows[0]?.reads).toBeLessThanOrEqual(3);
    expect(transactions.rows[0]?.changes).toBe(5);
  });

  it('refuses only the row that cannot be stored when it came in a batch with others', async () => {
    const database = await databaseWithChain(0);
    const results = await Promise.allSettled([
      writeAuditAlone(database.db, ctx, { action: 'test.first' }),
      ...Array.from({ length: 5 }, (_, i) =>
        writeAuditAlone(database.db, ctx, { action: 'test.good', details: { i } }),
      ),
      // PostgreSQL's jsonb cannot hold a NUL character: this row fails wherever it goes.
      writeAuditAlone(database.db, ctx, { action: 'test.bad', details: { text: 'a\u0000b' } }),
      ...Array.from({ length: 5 }, (_, i) =>
        writeAuditAlone(database.db, ctx, { action: 'test.good', details: { i } }),
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      ...Array(6).fill('fulfilled'),
      'rejected',
      ...Array(5).fill('fulfilled'),
    ]);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 11 });
  });

  it('is written in the same transaction as the change: a rolled-back change leaves no audit row', async () => {
    const database = await databaseWithChain(1);
    await expect(
      database.db.transaction(async (tx) => {
        await writeAudit(tx, ctx, { action: 'test.rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ids(database)).toHaveLength(1);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const database = await databaseWithChain(2);
    await expect(database.pool.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(database.pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(database.pool.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await ids(database)).toHaveLength(2);
  });

  it('names the first edited row', async () => {
    const database = await databaseWithChain(6);
    const [, , third] = await ids(database);
    await tamper(database, `UPDATE audit_events SET details = '{"i": 99}' WHERE id = ${third}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      firstBadId: third,
      checked: 2,
      reason: expect.stringContaining('edited'),
    });
  });

  it('names the row after a deleted one', async () => {
    const database = await databaseWithChain(6);
    const all = await ids(database);
    await tamper(database, `DELETE FROM audit_events WHERE id = ${all[3]}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      firstBadId: all[4],
      reason: expect.stringContaining('removed'),
    });
  });

  it('rows without an ICB hash exactly as they did before rows carried one (old chains still verify)', () => {
    // Hashes computed by the code before the icb_id column existed.
    const row = {
      at: new Date('2026-03-01T09:30:00.000Z'),
      actorUserId: '11111111-1111-4111-8111-111111111111',
      actorRole: 'admin',
      action: 'user.update',
      outcome: 'success' as const,
      entityType: 'user',
      entityId: '22222222-2222-4222-8222-222222222222',
      ip: '192.0.2.10',
      requestId: 'req-42',
      icbId: null,
      details: { fields: ['name', 'band'] },
    };
    expect(hashAuditRow(GENESIS_HASH, row)).toBe('a5d39e8e2f333d71eb2d932d0170ffa127d17878e2b03434add180ac602032bf');
    const bare = {
      ...row,
      actorUserId: null,
      actorRole: null,
      entityType: null,
      entityId: null,
      ip: null,
      requestId: null,
      details: {},
    };
    expect(hashAuditRow('a'.repeat(64), bare)).toBe('7f62ffd41a00933e0e3232f4453c18de6e644cafc8e397a9cc67074f4abea9a4');
    // With an ICB the hash covers it.
    expect(hashAuditRow(GENESIS_HASH, { ...row, icbId: '33333333-3333-4333-8333-333333333333' })).not.toBe(
      hashAuditRow(GENESIS_HASH, row),
    );
  });

  it.each([
    ['moved to another ICB', 'new', `'44444444-4444-4444-8444-444444444444'`],
    ['taken out of every ICB', 'new', 'NULL'],
    ['an old row given an ICB', 'old', `'44444444-4444-4444-8444-444444444444'`],
  ])('detects an ICB edited behind the trigger: %s', async (_label, which, value) => {
    const database = await databaseWithChain(2); // no ICB, like rows written before the column
    const icbId = '33333333-3333-4333-8333-333333333333';
    await writeAuditAlone(database.db, ctx, { action: 'test.scoped', icbId });
    const withActor: RequestContext = {
      ...ctx,
      actor: {
        userId: '55555555-5555-4555-8555-555555555555',
        name: 'A',
        role: 'admin',
        scope: { kind: 'icb', icbId },
        permissions: [],
      },
    };
    await writeAuditAlone(database.db, withActor, { action: 'test.scoped-by-actor' });
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows.map((r) => r.icbId)).toEqual([null, null, icbId, icbId]);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 4 });
    const target = String(rows[which === 'old' ? 1 : 2]?.id);
    await tamper(database, `UPDATE audit_events SET icb_id = ${value} WHERE id = ${target}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      firstBadId: target,
      reason: expect.stringContaining('edited'),
    });
  });

  it('npm run audit:verify exits 0 on an intact chain and 1 naming the tampered row', async () => {
    const database = await databaseWithChain(4);
    const env = { ...process.env, DATABASE_URL: database.url };
    const ok = await run('npx', ['tsx', 'server/scripts/audit-verify.ts'], { env });
    expect(ok.stdout).toContain('Audit chain intact: 4 rows checked.');
    const [, second] = await ids(database);
    await tamper(database, `UPDATE audit_events SET actor_role = 'admin' WHERE id = ${second}`);
    const broken = await run('npx', ['tsx', 'server/scripts/audit-verify.ts'], { env }).catch((e) => e);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at row ${second}`);
  });
});
