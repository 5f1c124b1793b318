import { createHash } from 'node:crypto';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { auditSink } from '../../test/audit-sink.js';
import type { Principal, RequestContext } from '../context.js';
import type { Tx } from '../db/client.js';
import {
  type AuditOutcome,
  auditorOf,
  GENESIS_HASH,
  hashAuditRow,
  hasWrittenAudit,
  verifyAuditChain,
  writeAudit,
  writeAuditAlone,
} from './audit.js';
import { createDenialThrottle } from './denial-throttle.js';

const lead: Principal = {
  userId: 'u-lead',
  name: 'Lead',
  role: 'team_lead',
  scope: { kind: 'pcn', icbId: 'icb-1', pcnId: 'pcn-1' },
  permissions: [],
};
const signedIn: RequestContext = { actor: lead, ip: '192.0.2.1', requestId: 'r1' };
const anonymous: RequestContext = { actor: null, ip: '192.0.2.1', requestId: 'r1' };

const row = {
  icbId: 'icb-1',
  at: new Date('2026-01-02T03:04:05.000Z'),
  actorUserId: 'u-lead',
  actorRole: 'team_lead',
  action: 'referral.triage',
  outcome: 'success' as AuditOutcome,
  entityType: 'referral',
  entityId: 'ref-1',
  ip: '192.0.2.1',
  requestId: 'r1',
  details: { priority: 'urgent' },
};

describe('auditorOf', () => {
  it('names the signed-in actor and their ICB by default', () => {
    expect(auditorOf(signedIn, { action: 'x' })).toEqual({
      actorUserId: 'u-lead',
      actorRole: 'team_lead',
      icbId: 'icb-1',
    });
  });

  it('names no one when no one is signed in and the entry says nothing', () => {
    expect(auditorOf(anonymous, { action: 'x' })).toEqual({ actorUserId: null, actorRole: null, icbId: null });
  });

  it("lets the entry override each field, including with null (an unknown account's row belongs to no ICB)", () => {
    expect(auditorOf(signedIn, { action: 'x', actorUserId: 'u-tried', actorRole: 'referrer', icbId: 'icb-2' })).toEqual(
      {
        actorUserId: 'u-tried',
        actorRole: 'referrer',
        icbId: 'icb-2',
      },
    );
    expect(auditorOf(signedIn, { action: 'x', actorUserId: null, actorRole: null, icbId: null })).toEqual({
      actorUserId: null,
      actorRole: null,
      icbId: null,
    });
  });
});

describe('hashAuditRow', () => {
  it('is a SHA-256 over the previous hash, a newline and the canonical row', () => {
    const hash = hashAuditRow(GENESIS_HASH, row);
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    const canonical =
      '{"action":"referral.triage","actorRole":"team_lead","actorUserId":"u-lead","at":"2026-01-02T03:04:05.000Z",' +
      '"details":{"priority":"urgent"},"entityId":"ref-1","entityType":"referral","icbId":"icb-1","ip":"192.0.2.1",' +
      '"outcome":"success","requestId":"r1"}';
    expect(hash).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex'));
  });

  it('changes when any field of the row, or the previous hash, changes', () => {
    const base = hashAuditRow(GENESIS_HASH, row);
    const edits: Partial<typeof row>[] = [
      { icbId: 'icb-2' },
      { at: new Date('2026-01-02T03:04:06.000Z') },
      { actorUserId: 'u-other' },
      { actorRole: 'admin' },
      { action: 'referral.allocate' },
      { outcome: 'denied' as const },
      { entityType: 'person' },
      { entityId: 'ref-2' },
      { ip: '192.0.2.2' },
      { requestId: 'r2' },
      { details: { priority: 'routine' } },
    ];
    for (const edit of edits) expect([edit, hashAuditRow(GENESIS_HASH, { ...row, ...edit })]).not.toEqual([edit, base]);
    expect(hashAuditRow('1'.repeat(64), row)).not.toBe(base);
  });

  it('hashes a row without an ICB as rows written before the column existed', () => {
    const noIcb = { ...row, icbId: null };
    const canonical =
      '{"action":"referral.triage","actorRole":"team_lead","actorUserId":"u-lead","at":"2026-01-02T03:04:05.000Z",' +
      '"details":{"priority":"urgent"},"entityId":"ref-1","entityType":"referral","ip":"192.0.2.1",' +
      '"outcome":"success","requestId":"r1"}';
    expect(hashAuditRow(GENESIS_HASH, noIcb)).toBe(
      createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex'),
    );
  });
});

/** The sink dressed as a transaction (what runUseCase hands its work). */
const sinkTransaction = () => {
  const sink = auditSink();
  return { ...sink, tx: Object.assign(Object.create(PgTransaction.prototype), sink.db) as Tx };
};

describe('writeAudit (the row of a change, in its transaction)', () => {
  it('refuses a handle that is not a transaction, and writes nothing', async () => {
    const { db, rows } = auditSink();
    await expect(writeAudit(db as unknown as Tx, signedIn, { action: 'case.note-added' })).rejects.toThrow(
      'writeAudit(case.note-added) needs the transaction of the change it records',
    );
    expect(rows).toEqual([]);
  });

  it('writes the row in the transaction and marks the transaction as audited by a success only', async () => {
    const success = sinkTransaction();
    expect(hasWrittenAudit(success.tx)).toBe(false);
    await writeAudit(success.tx, signedIn, { action: 'case.note-added', entityId: 'ref-1' });
    expect(success.rows).toMatchObject([{ action: 'case.note-added', outcome: 'success', entityId: 'ref-1' }]);
    expect(hasWrittenAudit(success.tx)).toBe(true);

    for (const outcome of ['denied', 'failure'] as const) {
      const refused = sinkTransaction();
      await writeAudit(refused.tx, signedIn, { action: 'case.note-added', outcome });
      expect(refused.rows).toMatchObject([{ outcome }]);
      expect(hasWrittenAudit(refused.tx)).toBe(false);
    }
  });
});

describe('writeAuditAlone', () => {
  it('appends a row that names the actor, defaults what the entry leaves out and links to the row before', async () => {
    const { db, rows } = auditSink();
    await writeAuditAlone(db, signedIn, { action: 'person.read' });
    await writeAuditAlone(db, anonymous, {
      action: 'referral.triage',
      outcome: 'failure',
      entityType: 'referral',
      entityId: 'ref-1',
      details: { a: 1 },
    });
    expect(rows).toMatchObject([
      {
        action: 'person.read',
        outcome: 'success',
        entityType: null,
        entityId: null,
        details: {},
        actorUserId: 'u-lead',
        icbId: 'icb-1',
        ip: '192.0.2.1',
        requestId: 'r1',
        prevHash: GENESIS_HASH,
      },
      {
        action: 'referral.triage',
        outcome: 'failure',
        entityType: 'referral',
        entityId: 'ref-1',
        details: { a: 1 },
        actorUserId: null,
        icbId: null,
        prevHash: rows[0]?.hash,
      },
    ]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 2 });
  });

  it('sends refusals, and only refusals, through the request’s throttle', async () => {
    const { db, rows } = auditSink();
    const auditDenials = createDenialThrottle({ write: async ({ ctx, entry }) => writeAuditAlone(db, ctx, entry) });
    const ctx = { ...signedIn, auditDenials };
    for (let i = 0; i < 3; i++)
      await writeAuditAlone(db, ctx, { action: 'person.read', outcome: 'denied', entityType: 'person' });
    for (let i = 0; i < 2; i++)
      await writeAuditAlone(db, ctx, { action: 'person.read', outcome: 'failure', entityType: 'person' });
    for (let i = 0; i < 2; i++)
      await writeAuditAlone(db, signedIn, { action: 'person.read', outcome: 'denied', entityType: 'person' });
    expect(rows.map((r) => r.outcome)).toEqual(['denied', 'failure', 'failure', 'denied', 'denied']);
    await auditDenials.close();
    expect(rows.at(-1)).toMatchObject({ outcome: 'denied', details: { repeated: 2 } });
  });

  it('writes the count of an ended window before the refusal that follows it', async () => {
    const { db, rows } = auditSink();
    let clock = 0;
    const auditDenials = createDenialThrottle({
      windowMs: 10,
      now: () => clock,
      write: async ({ ctx, entry }) => writeAuditAlone(db, ctx, entry),
    });
    const ctx = { ...signedIn, auditDenials };
    await writeAuditAlone(db, ctx, { action: 'person.read', outcome: 'denied', entityType: 'person' });
    await writeAuditAlone(db, ctx, { action: 'person.read', outcome: 'denied', entityType: 'person' });
    clock = 10;
    await writeAuditAlone(db, ctx, { action: 'person.read', outcome: 'denied', entityType: 'person', entityId: 'p9' });
    expect(rows.map((r) => [r.entityId, (r.details as { repeated?: number }).repeated])).toEqual([
      [null, undefined],
      [null, 1],
      ['p9', undefined],
    ]);
    await auditDenials.close();
  });
});

describe('verifyAuditChain', () => {
  async function chain(n: number) {
    const sink = auditSink();
    for (let i = 0; i < n; i++) await writeAuditAlone(sink.db, signedIn, { action: `a.${i}` });
    return sink;
  }

  it('checks every row across batches', async () => {
    const { db } = await chain(5);
    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, checked: 5 });
  });

  it('names the first edited row', async () => {
    const { db, rows } = await chain(3);
    (rows[1] as { action: string }).action = 'a.edited';
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 1,
      firstBadId: '2',
      reason: 'its content does not match its hash (the row was edited)',
    });
  });

  it('names the first row that no longer links to the one before it', async () => {
    const { db, rows } = await chain(3);
    rows.splice(1, 1);
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 1,
      firstBadId: '2',
      reason: 'does not link to the row before it (a row was removed or inserted)',
    });
  });
});
