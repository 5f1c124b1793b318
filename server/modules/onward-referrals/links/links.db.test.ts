import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, max, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../../test/team.js';
import { outbox } from '../../notifications/notifications.tables.js';
import { onwardEvents, onwardLinks } from '../onward-referrals.tables.js';
import { CODE_ATTEMPTS, CODES_PER_HOUR } from './public-link.js';
import { codeEmailedTo, createLinkedCase, expireLink, TEST_SHARED, type TestLinkedReferral } from './test-links.js';

// The holder of a secure link, through HTTP: what opening shows (no personal data), the one-time
// code (emailed, hashed, counted, limited) and the access it gives; expired, withdrawn and
// unknown links all get the same plain answer; every use leaves an audit row.

const { ctx, tenancy, worker } = setUpTestApp({ team: { worker: 'link_worker' } });

// Each request from an address of its own: refusals from one address within a minute are
// counted into one audit row (the denial throttle), and this file counts rows one by one.
let requests = 0;
const nextAddress = () => `10.0.${Math.floor(++requests / 250)}.${requests % 250}`;
const post = (step: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url: `/api/referral-link/${step}`, payload, remoteAddress: nextAddress() });

const newLinked = (): Promise<TestLinkedReferral> => createLinkedCase(ctx.db, tenancy, worker);

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const auditSince = (since: bigint) =>
  ctx.db
    .select({
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      entityId: auditEvents.entityId,
      actorUserId: auditEvents.actorUserId,
      icbId: auditEvents.icbId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, since))
    .orderBy(auditEvents.id);
const eventsOf = (onwardId: string) =>
  ctx.db
    .select({ type: onwardEvents.type, via: onwardEvents.via, actorUserId: onwardEvents.actorUserId })
    .from(onwardEvents)
    .where(eq(onwardEvents.onwardReferralId, onwardId))
    .orderBy(onwardEvents.id);
const linkRow = async (linkId: string) =>
  (await ctx.db.select().from(onwardLinks).where(eq(onwardLinks.id, linkId)))[0] as typeof onwardLinks.$inferSelect;
const emailsTo = (to: string) =>
  ctx.db
    .select({ text: sql<string>`${outbox.payload}->>'text'` })
    .from(outbox)
    .where(sql`${outbox.payload}->>'to' = ${to}`);

/** Nothing the worker shared, and not the organisation's address either. */
function expectNoPersonalData(body: string, linked: TestLinkedReferral) {
  for (const secret of [TEST_SHARED.name, TEST_SHARED.phone, TEST_SHARED.reason, 'Prefers mornings', linked.email]) {
    expect(body).not.toContain(secret);
  }
}

async function verified(linked: TestLinkedReferral): Promise<string> {
  expect((await post('code', { token: linked.token })).statusCode).toBe(202);
  const res = await post('verify', { token: linked.token, code: await codeEmailedTo(ctx.db, linked.email) });
  expect(res.statusCode).toBe(200);
  return res.json().access;
}

let linked: TestLinkedReferral;
beforeAll(async () => {
  linked = await newLinked();
});

describe('opening a secure link', () => {
  it('shows the service, the team and the masked mailbox, nothing about the person; link_opened once, every open audited', async () => {
    const before = await lastAuditId();
    const first = await post('open', { token: linked.token });
    expect(first.statusCode).toBe(200);
    const [local, domain] = linked.email.split('@');
    expect(first.json()).toEqual({
      state: 'valid',
      serviceName: linked.serviceName,
      teamName: expect.stringMatching(/^Test PCN /),
      sentTo: `${local?.[0]}***@${domain}`,
      codeBy: 'email',
      selfReferral: false,
      codeNeeded: true,
    });
    expectNoPersonalData(first.body, linked);
    expect((await post('open', { token: linked.token })).statusCode).toBe(200);

    const opened = (await eventsOf(linked.onwardId)).filter((e) => e.type === 'link_opened');
    expect(opened).toEqual([{ type: 'link_opened', via: 'link', actorUserId: null }]);
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.outcome, r.entityId, r.actorUserId, r.icbId])).toEqual([
      ['onward.link.open', 'success', linked.onwardId, null, tenancy.icbId],
      ['onward.link.open', 'success', linked.onwardId, null, tenancy.icbId],
    ]);
  });
});

describe('the one-time code', () => {
  it('is emailed to the link’s address only (never one given in the request), stored hashed, never answered', async () => {
    const own = await newLinked();
    const before = await lastAuditId();
    const res = await post('code', { token: own.token, email: 'someone.else@attacker.test.example' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      sentTo: expect.stringMatching(/^r\*\*\*@walkers\.test\.example$/),
      codeBy: 'email',
      expiresInMinutes: 10,
    });
    const code = await codeEmailedTo(ctx.db, own.email);
    expect(res.body).not.toContain(code);
    expect(await emailsTo('someone.else@attacker.test.example')).toEqual([]);
    const row = await linkRow(own.linkId);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect((await auditSince(before)).map((r) => [r.action, r.outcome])).toEqual([['onward.link.code', 'success']]);
    expect((await eventsOf(own.onwardId)).map((e) => e.type)).toContain('code_sent');
  });

  it('gives a 30-minute access for the right code, once; the code is spent', async () => {
    const own = await newLinked();
    await post('code', { token: own.token });
    const code = await codeEmailedTo(ctx.db, own.email);
    const before = await lastAuditId();
    const res = await post('verify', { token: own.token, code });
    expect(res.statusCode).toBe(200);
    const { access, expiresAt } = res.json();
    expect(access).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const row = await linkRow(own.linkId);
    expect(row.accessHash).toBe(createHash('sha256').update(access).digest('hex'));
    expect(row.codeHash).toBeNull();
    expect((await auditSince(before)).map((r) => [r.action, r.outcome])).toEqual([['onward.link.verify', 'success']]);

    const again = await post('verify', { token: own.token, code });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([{ field: 'code', message: expect.stringContaining('ask for a new code') }]);
    // With the access, opening no longer asks for a code; with a made-up one it does.
    expect((await post('open', { token: own.token, access })).json().codeNeeded).toBe(false);
    const madeUp = randomBytes(32).toString('base64url');
    expect((await post('open', { token: own.token, access: madeUp })).json().codeNeeded).toBe(true);
  });

  it('counts wrong codes and locks the code at 5, even when the right one follows; a new code works', async () => {
    const own = await newLinked();
    await post('code', { token: own.token });
    const code = await codeEmailedTo(ctx.db, own.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const before = await lastAuditId();
    const messages: string[] = [];
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const res = await post('verify', { token: own.token, code: wrong });
      expect(res.statusCode).toBe(400);
      messages.push(res.json().errors[0].message);
    }
    expect(messages[0]).toContain('4 tries left');
    expect(messages[3]).toContain('1 try left');
    expect(messages[4]).toContain('too many times');
    expect((await linkRow(own.linkId)).codeAttempts).toBe(CODE_ATTEMPTS);
    const locked = await post('verify', { token: own.token, code });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().errors).toEqual([{ field: 'code', message: expect.stringContaining('too many times') }]);
    expect((await linkRow(own.linkId)).accessHash).toBeNull();
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.outcome, (r.details as { reason?: string }).reason])).toEqual([
      ...Array.from({ length: CODE_ATTEMPTS }, () => ['onward.link.verify', 'failure', 'wrong-code']),
      ['onward.link.verify', 'failure', 'locked'],
    ]);

    await post('code', { token: own.token });
    const fresh = await post('verify', { token: own.token, code: await codeEmailedTo(ctx.db, own.email) });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses an expired code', async () => {
    const own = await newLinked();
    await post('code', { token: own.token });
    await ctx.db
      .update(onwardLinks)
      .set({ codeExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(onwardLinks.id, own.linkId));
    const res = await post('verify', { token: own.token, code: await codeEmailedTo(ctx.db, own.email) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'code', message: expect.stringContaining('has expired') }]);
  });

  it(`sends at most ${CODES_PER_HOUR} codes an hour per link`, async () => {
    const own = await newLinked();
    const statuses: number[] = [];
    for (let i = 0; i <= CODES_PER_HOUR; i++) statuses.push((await post('code', { token: own.token })).statusCode);
    expect(statuses).toEqual([...Array(CODES_PER_HOUR).fill(202), 429]);
    const codes = (await emailsTo(own.email)).filter((e) => e.text.includes('one-time code is'));
    expect(codes).toHaveLength(CODES_PER_HOUR);
  });

  it('refuses a code that is not 6 digits, naming the field, and counts nothing', async () => {
    const own = await newLinked();
    await post('code', { token: own.token });
    const res = await post('verify', { token: own.token, code: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'code', message: 'must be the 6 digits from the email' }]);
    expect((await linkRow(own.linkId)).codeAttempts).toBe(0);
  });
});

describe('a link that no longer works', () => {
  it('answers an expired, a withdrawn and an unknown link alike, at every step, and audits each refusal', async () => {
    const expired = await newLinked();
    await expireLink(ctx.db, expired.linkId);
    const revoked = await newLinked();
    await ctx.db.update(onwardLinks).set({ revokedAt: new Date() }).where(eq(onwardLinks.id, revoked.linkId));
    const unknown = randomBytes(32).toString('base64url');

    const before = await lastAuditId();
    const answers = async (token: string) => ({
      open: (await post('open', { token })).body,
      code: await post('code', { token }),
      verify: await post('verify', { token, code: '123456' }),
    });
    const a = await answers(expired.token);
    const b = await answers(revoked.token);
    const c = await answers(unknown);
    expect(JSON.parse(a.open)).toEqual({ state: 'ended' });
    expect(b.open).toBe(a.open);
    expect(c.open).toBe(a.open);
    for (const step of ['code', 'verify'] as const) {
      expect(a[step].statusCode).toBe(404);
      expect(a[step].json().detail).toContain('no longer works');
      expect(b[step].body).toBe(a[step].body);
      expect(c[step].body).toBe(a[step].body);
    }
    // No code was sent for a dead link.
    for (const l of [expired, revoked]) {
      expect((await emailsTo(l.email)).filter((e) => e.text.includes('one-time code is'))).toEqual([]);
    }
    const rows = await auditSince(before);
    const denied = rows.filter((r) => r.outcome === 'denied');
    expect(new Set(denied.map((r) => (r.details as { reason?: string }).reason))).toEqual(
      new Set(['expired', 'revoked', 'unknown']),
    );
    // The unknown token's rows belong to no ICB; the others to the referral's.
    expect(denied.filter((r) => r.entityId === expired.onwardId).every((r) => r.icbId === tenancy.icbId)).toBe(true);
    expect(
      denied.filter((r) => (r.details as { reason?: string }).reason === 'unknown').every((r) => r.icbId === null),
    ).toBe(true);
    expect(rows.filter((r) => r.outcome === 'success')).toEqual([]);
    // Nothing of the dead links moved.
    const links = await ctx.db
      .select({ codeHash: onwardLinks.codeHash, lastUsedAt: onwardLinks.lastUsedAt })
      .from(onwardLinks)
      .where(inArray(onwardLinks.id, [expired.linkId, revoked.linkId]));
    expect(links).toEqual([
      { codeHash: null, lastUsedAt: null },
      { codeHash: null, lastUsedAt: null },
    ]);
  });

  it('ends an access session with its link: a code verified before the expiry gives nothing after', async () => {
    const own = await newLinked();
    const access = await verified(own);
    await expireLink(ctx.db, own.linkId);
    const res = await post('open', { token: own.token, access });
    expect(res.json()).toEqual({ state: 'ended' });
    const rows = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, own.onwardId), eq(auditEvents.outcome, 'denied')));
    expect(rows[0]?.n).toBe(1);
  });
});
