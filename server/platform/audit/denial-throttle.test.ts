import { describe, expect, it, vi } from 'vitest';
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

  it('writes the count of an ended window before the next refusal of that kind, with what it covered', async () => {
    const { t, advance } = throttle({ windowMs: 1_000 });
    expect(t.admit(ctx, refusal('u1', '/a')).write).toBe(true);
    advance(400);
    expect(t.admit({ ...ctx, ip: '192.0.2.7', requestId: 'r2' }, refusal('u1', '/a')).write).toBe(false);
    advance(599);
    expect(t.admit({ ...ctx, requestId: 'r3' }, refusal('u1', '/a')).write).toBe(false);
    advance(1);
    const verdict = t.admit(ctx, refusal('u1', '/a'));
    expect(verdict.write).toBe(true);
    expect(verdict.before).toEqual([
      {
        ctx: { actor: null, ip: '192.0.2.1', requestId: 'r3' },
        entry: {
          action: 'access.denied',
          outcome: 'denied',
          entityType: undefined,
          actorUserId: 'u1',
          actorRole: null,
          icbId: null,
          details: {
            method: 'GET',
            route: '/a',
            permission: 'audit.read',
            repeated: 2,
            windowStart: new Date(1_000_000).toISOString(),
            windowEnd: new Date(1_000_999).toISOString(),
          },
        },
      },
    ]);
    await t.close();
  });

  it('writes nothing for a window that saw one refusal only, and starts a new one after it ends', async () => {
    const { t, written, advance } = throttle({ windowMs: 1_000 });
    t.admit(ctx, refusal('u1', '/a'));
    advance(1_000);
    expect(t.admit(ctx, refusal('u1', '/a'))).toEqual({ write: true, before: [] });
    expect(t.admit(ctx, refusal('u1', '/a')).write).toBe(false);
    await t.close();
    expect(written).toHaveLength(1);
  });

  it('tells kinds apart by actor, action and route, and keeps a route refusal without permission as such', async () => {
    const { t, written } = throttle();
    const noPermission: AuditEntry = {
      action: 'access.csrf-rejected',
      outcome: 'denied',
      actorUserId: 'u1',
      details: { method: 'POST', route: '/a' },
    };
    expect(t.admit(ctx, refusal('u1', '/a')).write).toBe(true);
    expect(t.admit(ctx, refusal('u1', '/b')).write).toBe(true);
    expect(t.admit(ctx, { ...refusal('u1', '/a'), details: { method: 'POST', route: '/a' } }).write).toBe(true);
    expect(t.admit(ctx, noPermission).write).toBe(true);
    expect(t.admit(ctx, noPermission).write).toBe(false);
    expect(t.trackedKinds).toBe(4);
    await t.flush();
    expect(written.map((r) => r.entry.details)).toEqual([
      expect.not.objectContaining({ permission: expect.anything() }),
    ]);
    expect(written[0]?.entry).toMatchObject({
      action: 'access.csrf-rejected',
      details: { method: 'POST', route: '/a', repeated: 1 },
    });
    expect(t.trackedKinds).toBe(0);
    await t.close();
  });

  it('samples at most ten entity ids per window', async () => {
    const { t, written } = throttle();
    const read = (id: string): AuditEntry => ({
      action: 'person.read',
      outcome: 'denied',
      actorUserId: 'u1',
      entityType: 'person',
      entityId: id,
    });
    t.admit(ctx, read('first'));
    for (let i = 0; i < 12; i++) t.admit(ctx, read(`e${i}`));
    t.admit(ctx, { action: 'person.read', outcome: 'denied', actorUserId: 'u1', entityType: 'person' });
    await t.close();
    expect(written[0]?.entry.entityType).toBe('person');
    expect(written[0]?.entry.details).toMatchObject({
      repeated: 13,
      entityIds: Array.from({ length: 10 }, (_, i) => `e${i}`),
    });
  });

  it('writes ended windows on its own timer, and reports a failed write without stopping', async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const errors: unknown[] = [];
      const written: DenialRow[] = [];
      const t = createDenialThrottle({
        windowMs: 100,
        now: () => clock,
        onError: (err) => errors.push(err),
        write: async (row) => {
          if (row.entry.actorUserId === 'u-fails') throw new Error('database gone');
          written.push(row);
        },
      });
      t.admit(ctx, refusal('u-fails', '/a'));
      t.admit(ctx, refusal('u-fails', '/a'));
      t.admit(ctx, refusal('u1', '/a'));
      t.admit(ctx, refusal('u1', '/a'));
      clock = 99;
      await vi.advanceTimersByTimeAsync(50);
      expect(written).toEqual([]);
      clock = 100;
      await vi.advanceTimersByTimeAsync(50);
      expect(written.map((r) => r.entry.actorUserId)).toEqual(['u1']);
      expect(errors).toHaveLength(1);
      expect(t.trackedKinds).toBe(0);
      await t.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves the count of an ended window of another kind to the timer while there is room', async () => {
    const { t, advance } = throttle({ windowMs: 1_000 });
    t.admit(ctx, refusal('u1', '/a'));
    t.admit(ctx, refusal('u1', '/a'));
    advance(1_000);
    expect(t.admit(ctx, refusal('u2', '/a'))).toEqual({ write: true, before: [] });
    expect(t.trackedKinds).toBe(2);
    await t.close();
  });

  it('tells refusals without a route apart by entity type', async () => {
    const { t } = throttle();
    const read = (entityType: string): AuditEntry => ({
      action: 'x.read',
      outcome: 'denied',
      actorUserId: 'u1',
      entityType,
    });
    expect(t.admit(ctx, read('person')).write).toBe(true);
    expect(t.admit(ctx, read('referral')).write).toBe(true);
    expect(t.admit(ctx, read('person')).write).toBe(false);
    expect(t.trackedKinds).toBe(2);
    await t.close();
  });

  it('checks for ended windows every half window', async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const written: DenialRow[] = [];
      const t = createDenialThrottle({ windowMs: 100, now: () => clock, write: async (row) => void written.push(row) });
      t.admit(ctx, refusal('u1', '/a'));
      t.admit(ctx, refusal('u1', '/a'));
      clock = 100;
      await vi.advanceTimersByTimeAsync(49);
      expect(written).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(written).toHaveLength(1);
      await t.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
