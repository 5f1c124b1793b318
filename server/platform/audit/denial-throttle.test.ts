import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../context.js';
import type { AuditEntry } from './audit.js';
import { createDenialThrottle, type DenialRow } from './denial-throttle.js';

const ctx: RequestContext = { actor: null, ip: '192.0.2.1', requestId: 'r' };
const refusal = (actorUserId: string, route: string): AuditEntry => ({
  action: 'access.denied',
  outcome: 'denied',
  actorUserId,
  details: { method: 'GET', route, permission: 'audit.read' },
});

function throttle(opts: { maxKinds?: number; windowMs?: number } = {}) {
  let clock = 1_000_000;
  const written: DenialRow[] = [];
  const t = createDenialThrottle({
    windowMs: opts.windowMs ?? 60_000,
    maxKinds: opts.maxKinds,
    now: () => clock,
    write: async (row) => {
      written.push(row);
    },
  });
  return { t, written, advance: (ms: number) => (clock += ms) };
}

describe('denial throttle', () => {
  it('keeps at most maxKinds windows; beyond that every refusal is written (memory is bounded, no row is lost)', async () => {
    const { t } = throttle({ maxKinds: 2 });
    expect(t.admit(ctx, refusal('u1', '/a')).write).toBe(true);
    expect(t.admit(ctx, refusal('u2', '/a')).write).toBe(true);
    expect(t.admit(ctx, refusal('u3', '/a')).write).toBe(true);
    expect(t.admit(ctx, refusal('u3', '/a')).write).toBe(true);
    expect(t.trackedKinds).toBe(2);
    expect(t.admit(ctx, refusal('u1', '/a')).write).toBe(false);
    await t.close();
  });

  it('when full, makes room from ended windows and hands their counts to the caller to write first', async () => {
    const { t, advance } = throttle({ maxKinds: 2, windowMs: 1_000 });
    t.admit(ctx, refusal('u1', '/a'));
    t.admit(ctx, refusal('u1', '/a'));
    t.admit(ctx, refusal('u2', '/a'));
    advance(1_000);
    const verdict = t.admit(ctx, refusal('u3', '/a'));
    expect(verdict.write).toBe(true);
    expect(verdict.before.map((r) => [r.entry.actorUserId, r.entry.details?.repeated])).toEqual([['u1', 1]]);
    expect(t.trackedKinds).toBe(1);
    await t.close();
  });

  it('keys by the address when no one is signed in, and writes pending counts on close', async () => {
    const { t, written } = throttle();
    const anonymous: AuditEntry = { action: 'x.read', outcome: 'denied', entityType: 'thing', entityId: 'e1' };
    expect(t.admit(ctx, anonymous).write).toBe(true);
    expect(t.admit(ctx, { ...anonymous, entityId: 'e2' }).write).toBe(false);
    expect(t.admit({ ...ctx, ip: '192.0.2.2' }, anonymous).write).toBe(true);
    await t.close();
    expect(written.map((r) => [r.ctx.ip, r.entry.entityType, r.entry.details])).toEqual([
      ['192.0.2.1', 'thing', expect.objectContaining({ repeated: 1, entityIds: ['e2'] })],
    ]);
    expect(t.trackedKinds).toBe(0);
  });
});
