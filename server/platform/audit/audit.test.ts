import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Principal, RequestContext } from '../context.js';
import { auditorOf, GENESIS_HASH, hashAuditRow } from './audit.js';

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
  outcome: 'success',
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
      { outcome: 'denied' },
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
