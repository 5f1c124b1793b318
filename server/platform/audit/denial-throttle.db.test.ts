import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import { createTestApp, createTestUser, signIn, waitUntil } from '../../test/toolkit.js';
import { auditEvents } from './audit.tables.js';

// Refused requests are audited, but one account repeating a refused request must not be able
// to write a row per request (the security test saw ~270 rows a second).

const { ctx, tenancy } = setUpTestApp();

const refusalsOf = (userId: string, action = 'access.denied') =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')))
    .orderBy(asc(auditEvents.id));

describe('audit rows of refused requests are throttled per account and kind', () => {
  it('a burst of 200 refusals writes the first at once and one count of the rest when the app closes; other kinds and accounts are written at once', async () => {
    // An instance of its own (default 60 s window) over the same database, closed by the test.
    const instance = await createTestApp({}, { sameDatabaseAs: ctx });
    const referrer = await signIn(instance, await createTestUser(ctx.db, tenancy, 'referrer'));
    const id = referrer.me.user.id;
    const refuse = (url: string, cookie = referrer.cookie) =>
      instance.app.inject({ method: 'GET', url, headers: { cookie } });

    const burst = await Promise.all(Array.from({ length: 200 }, () => refuse('/api/admin/audit')));
    expect(new Set(burst.map((r) => r.statusCode))).toEqual(new Set([403]));
    let rows = await refusalsOf(id);
    expect(rows.map((r) => r.details)).toEqual([
      { method: 'GET', route: '/api/admin/audit', permission: 'audit.read' },
    ]);

    // Another kind from the same account is written at once…
    expect((await refuse('/api/admin/users')).statusCode).toBe(403);
    rows = await refusalsOf(id);
    expect(rows.map((r) => r.details.route)).toEqual(['/api/admin/audit', '/api/admin/users']);
    // …and so is the same route refused to another account.
    const other = await signIn(instance, await createTestUser(ctx.db, tenancy, 'referrer'));
    expect((await refuse('/api/admin/audit', other.cookie)).statusCode).toBe(403);
    expect(await refusalsOf(other.me.user.id)).toHaveLength(1);

    // A use-case's refusals (entity kind): probing 20 referrals writes the first, counts the rest.
    const probed = Array.from({ length: 20 }, () => randomUUID());
    for (const referralId of probed) expect((await refuse(`/api/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await refusalsOf(id, 'referral.read')).map((r) => r.entityId)).toEqual([probed[0]]);

    await instance.app.close();
    rows = await refusalsOf(id);
    expect(rows).toHaveLength(3);
    const count = rows[2];
    expect(count?.details).toMatchObject({
      method: 'GET',
      route: '/api/admin/audit',
      permission: 'audit.read',
      repeated: 199,
      windowStart: expect.any(String),
      windowEnd: expect.any(String),
    });
    expect(count?.actorRole).toBe('referrer');
    expect(count?.icbId).toBe(tenancy.icbId);
    const reads = await refusalsOf(id, 'referral.read');
    expect(reads).toHaveLength(2);
    expect(reads[1]?.entityType).toBe('referral');
    expect(reads[1]?.details).toMatchObject({ repeated: 19, entityIds: probed.slice(1, 11) });
  });

  it('when the window ends the count is written by itself, and the next refusal is written at once', async () => {
    const instance = await createTestApp({}, { sameDatabaseAs: ctx, auditDenialWindowMs: 1_500 });
    const referrer = await signIn(instance, await createTestUser(ctx.db, tenancy, 'referrer'));
    const id = referrer.me.user.id;
    const refuse = () =>
      instance.app.inject({ method: 'GET', url: '/api/admin/audit', headers: { cookie: referrer.cookie } });

    await Promise.all(Array.from({ length: 5 }, refuse));
    expect(await refusalsOf(id)).toHaveLength(1);
    const rows = await waitUntil(async () => ((await refusalsOf(id)).length === 2 ? refusalsOf(id) : null), {
      what: 'the count row',
      timeoutMs: 5_000,
    });
    expect(rows[1]?.details).toMatchObject({ repeated: 4 });
    expect((await refuse()).statusCode).toBe(403);
    const after = await refusalsOf(id);
    expect(after).toHaveLength(3);
    expect(after[2]?.details).not.toHaveProperty('repeated');
  });
});
