import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { secretBoxOf } from '../../platform/secret-box.js';
import { setUpTestApp } from '../../test/team.js';
import {
  createTestApp,
  createTestUser,
  type Session,
  sessionCookieFrom,
  signIn,
  signInWithNewSecondFactor,
} from '../../test/toolkit.js';
import { users } from '../users/users.tables.js';
import { sessions } from './auth.tables.js';
import { totpCode } from './totp.js';

const { ctx, tenancy } = setUpTestApp();

const signInRequest = (email: string, password: string, cookie?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    headers: cookie ? { cookie } : {},
  });
const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const lastAudit = async (userId: string, action: string) =>
  (
    await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)))
      .orderBy(desc(auditEvents.id))
      .limit(1)
  )[0];

describe('password sign-in', () => {
  it('signs in with the right password: an HttpOnly, SameSite session cookie and who you are', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const res = await signInRequest(user.email.toUpperCase(), user.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('signed-in');
    expect(body.me.user.email).toBe(user.email);
    expect(body.me.permissions).toContain('team.read');
    const cookie = res.cookies.find((c) => c.name === 'waymark_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect((await me(sessionCookieFrom(res) as string)).statusCode).toBe(200);
    expect((await lastAudit(user.id, 'auth.sign-in'))?.outcome).toBe('success');
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'referrer');
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(user.password);
  });

  it('gives the same answer for an unknown email and a wrong password (no user enumeration)', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const wrong = await signInRequest(user.email, 'not the right password');
    const unknown = await signInRequest('nobody-here@test.example', 'not the right password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.cookies).toHaveLength(0);
    const failure = await lastAudit(user.id, 'auth.sign-in');
    expect(failure?.outcome).toBe('failure');
    expect(failure?.details).toMatchObject({ reason: 'wrong-password', failedSignIns: 1 });
  });

  it('locks the account softly after 5 failures, with the same answer, and unlocks after the pause', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'health_coach');
    const wrong = await signInRequest(user.email, 'wrong password 1');
    for (let i = 2; i <= 5; i++) await signInRequest(user.email, `wrong password ${i}`);
    const [locked] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(locked?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const right = await signInRequest(user.email, user.password);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(wrong.json());
    expect((await lastAudit(user.id, 'auth.sign-in'))?.details).toMatchObject({ reason: 'locked-out' });

    // The pause is over.
    await ctx.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    const after = await signInRequest(user.email, user.password);
    expect(after.statusCode).toBe(200);
    const [reset] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(reset?.failedSignIns).toBe(0);
    expect(reset?.lockedUntil).toBeNull();
  });

  it('refuses a deactivated account with the same answer', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'care_coordinator', { active: false });
    const res = await signInRequest(user.email, user.password);
    const unknown = await signInRequest('nobody-at-all@test.example', user.password);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(unknown.json());
  });

  it('names the field when the request itself is malformed, and signs nobody in', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'a@b.example' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    expect(res.cookies).toHaveLength(0);
  });
});

describe('sessions', () => {
  let user: Awaited<ReturnType<typeof createTestUser>>;
  beforeAll(async () => {
    user = await createTestUser(ctx.db, tenancy, 'team_lead');
  });

  const sessionRowOf = async (userId: string) => ctx.db.select().from(sessions).where(eq(sessions.userId, userId));

  it('gets a new session id at every sign-in; the one the browser came with ends', async () => {
    const first = await signIn(ctx, user);
    const again = await signInRequest(user.email, user.password, first.cookie);
    const second = sessionCookieFrom(again) as string;
    expect(second).not.toEqual(first.cookie);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('expires after 30 minutes idle, and not before', async () => {
    const s = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'link_worker'));
    const userId = s.me.user.id;
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 29 * 60_000) })
      .where(eq(sessions.userId, userId));
    expect((await me(s.cookie)).statusCode).toBe(200);
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, userId));
    const res = await me(s.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    expect(await sessionRowOf(userId)).toHaveLength(0);
  });

  it('expires 12 hours after sign-in however active it is', async () => {
    const s = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'link_worker'));
    const [row] = await sessionRowOf(s.me.user.id);
    const lifetime = (row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0);
    expect(lifetime).toBe(12 * 3600_000);
    await ctx.db
      .update(sessions)
      .set({
        createdAt: new Date(Date.now() - 12 * 3600_000 - 1000),
        expiresAt: new Date(Date.now() - 1000),
        lastSeenAt: new Date(),
      })
      .where(eq(sessions.userId, s.me.user.id));
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('sign-out ends the session on the server and clears the cookie', async () => {
    const s = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'referrer'));
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'waymark_session');
    expect(cleared?.value).toBe('');
    expect(await sessionRowOf(s.me.user.id)).toHaveLength(0);
    expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await lastAudit(s.me.user.id, 'auth.sign-out'))?.outcome).toBe('success');
  });

  it('refuses a signed-in write without the CSRF token, and the session survives', async () => {
    const s = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'referrer'));
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: s.cookie } });
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('csrf');
    const forged = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await me(s.cookie)).statusCode).toBe(200);
  });
});

describe('second factor (TOTP)', () => {
  it('an admin must set one up at first sign-in; the pending session is not signed in', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const first = await signInRequest(admin.email, admin.password);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.status).toBe('second-factor-setup-required');
    expect(body.setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.setup.otpauthUri).toContain('otpauth://totp/Waymark');
    const pending = sessionCookieFrom(first) as string;
    expect((await me(pending)).statusCode).toBe(401);

    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enrol',
      headers: { cookie: pending },
      payload: { code: '000000' === totpCode(body.setup.secret) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().errors[0].field).toBe('code');
    const [still] = await ctx.db.select().from(users).where(eq(users.id, admin.id));
    expect(still?.totpEnabled).toBe(false);
    expect(still?.totpSecret).toBeNull();

    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enrol',
      headers: { cookie: pending },
      payload: { code: totpCode(body.setup.secret) },
    });
    expect(ok.statusCode).toBe(200);
    const active = sessionCookieFrom(ok) as string;
    expect(active).not.toEqual(pending);
    expect((await me(active)).json().user.secondFactorEnabled).toBe(true);
    expect((await me(pending)).statusCode).toBe(401);
  });

  it('after set-up, sign-in asks for a code; a wrong or replayed code is refused, a fresh one signs in', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret, enrolledAt } = await signInWithNewSecondFactor(ctx, admin);
    const first = await signInRequest(admin.email, admin.password);
    expect(first.json()).toEqual({ status: 'second-factor-required' });
    const pending = sessionCookieFrom(first) as string;
    const post = (code: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/second-factor',
        headers: { cookie: pending },
        payload: { code },
      });

    const badFormat = await post('12ab');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0].field).toBe('code');
    // The code used at enrolment belongs to a step already used: a replay.
    const replay = await post(totpCode(secret, enrolledAt));
    expect(replay.statusCode).toBe(401);
    const next = await post(totpCode(secret, enrolledAt + 30_000));
    expect(next.statusCode).toBe(200);
    const active = sessionCookieFrom(next) as string;
    expect(active).not.toEqual(pending);
    expect((await me(active)).json().user.role).toBe('admin');
  });

  const secondFactor = (pending: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: { cookie: pending }, payload: { code } });
  const securityOf = async (id: string) => {
    const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
    return { failedSignIns: row?.failedSignIns, lockedUntil: row?.lockedUntil };
  };
  const pendingSignIn = async (user: { email: string; password: string }) => {
    const res = await signInRequest(user.email, user.password);
    expect(res.json()).toEqual({ status: 'second-factor-required' });
    return sessionCookieFrom(res) as string;
  };

  it('two submits of one code at once: one signs in, the other is refused and is not a failed attempt', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret } = await signInWithNewSecondFactor(ctx, admin);
    // Two tabs (or a double click) each with its own pending sign-in, racing with one code.
    const [tabA, tabB] = [await pendingSignIn(admin), await pendingSignIn(admin)];
    const code = totpCode(secret, Date.now() + 30_000); // the next step: not used at enrolment
    const since = (await lastAudit(admin.id, 'auth.sign-in'))?.id as bigint;
    const results = await Promise.all([secondFactor(tabA, code), secondFactor(tabB, code)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    expect(await securityOf(admin.id)).toEqual({ failedSignIns: 0, lockedUntil: null });
    const refused = await lastAudit(admin.id, 'auth.second-factor');
    const attempts = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorUserId, admin.id),
          eq(auditEvents.action, 'auth.second-factor'),
          gt(auditEvents.id, since),
        ),
      );
    expect(attempts.map((a) => [a.outcome, a.details.reason ?? a.details.stage]).sort()).toEqual([
      ['failure', 'code-reused'],
      ['success', 'signed-in'],
    ]);
    expect(refused?.details).not.toHaveProperty('failedSignIns');
  });

  it('replaying a used code more often than the lockout threshold never locks the account; a wrong code still counts', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret } = await signInWithNewSecondFactor(ctx, admin);
    const code = totpCode(secret, Date.now() + 30_000);
    expect((await secondFactor(await pendingSignIn(admin), code)).statusCode).toBe(200);
    const pending = await pendingSignIn(admin);
    for (let i = 0; i < ctx.config.LOCKOUT_THRESHOLD + 2; i++) {
      const replay = await secondFactor(pending, code);
      expect([i, replay.statusCode]).toEqual([i, 401]);
      expect(replay.json().errors[0].field).toBe('code');
    }
    expect(await securityOf(admin.id)).toEqual({ failedSignIns: 0, lockedUntil: null });
    // Not locked: the password step still leads to the second factor.
    await pendingSignIn(admin);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await secondFactor(pending, wrong)).statusCode).toBe(401);
    expect((await securityOf(admin.id)).failedSignIns).toBe(1);
  });

  it('two submits of one enrolment at once: one signs in, the other is refused, one enrolment is recorded', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const first = await signInRequest(admin.email, admin.password);
    const pending = sessionCookieFrom(first) as string;
    const code = totpCode(first.json().setup.secret);
    const enrol = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/second-factor/enrol',
        headers: { cookie: pending },
        payload: { code },
      });
    const results = await Promise.all([enrol(), enrol()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const active = await ctx.db.select().from(sessions).where(eq(sessions.userId, admin.id));
    expect(active.map((a) => a.stage)).toEqual(['active']);
    const enrolments = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, admin.id), eq(auditEvents.action, 'auth.second-factor.enrol')));
    expect(enrolments).toHaveLength(1);
  });

  it('is optional for other roles and can be turned on from the account', async () => {
    const worker = await createTestUser(ctx.db, tenancy, 'link_worker');
    const s: Session = await signIn(ctx, worker);
    const setup = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/second-factor/setup',
      headers: { cookie: s.cookie },
    });
    expect(setup.statusCode).toBe(200);
    const { secret } = setup.json();
    const enrol = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enrol',
      headers: s.headers,
      payload: { code: totpCode(secret) },
    });
    expect(enrol.statusCode).toBe(200);
    expect(enrol.json().me.user.secondFactorEnabled).toBe(true);
    const again = await signInRequest(worker.email, worker.password);
    expect(again.json().status).toBe('second-factor-required');
  });
});

describe('rate limiting', () => {
  it('answers 429 once one address exceeds the sign-in limit', async () => {
    const limited = await createTestApp({ SIGN_IN_RATE_LIMIT: '3' });
    const attempt = () =>
      limited.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'someone@test.example', password: 'whatever it is' },
        remoteAddress: '203.0.113.9',
      });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt()).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const res = await attempt();
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('rate_limited');
  });
});

// Each flow's success audit row is made to fail (a trigger raises on its insert, for one test
// user only, so parallel test files are untouched): the change the row records must roll back
// with it. A flow whose steps ran beside the audit row would leave its change behind.

beforeAll(async () => {
  await ctx.db.execute(sql`
    CREATE TABLE IF NOT EXISTS test_audit_sabotage (action text NOT NULL, actor_user_id uuid NOT NULL)`);
  await ctx.db.execute(sql`
    CREATE OR REPLACE FUNCTION test_audit_sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.outcome = 'success' AND EXISTS (
        SELECT 1 FROM test_audit_sabotage s WHERE s.action = NEW.action AND s.actor_user_id = NEW.actor_user_id
      ) THEN
        RAISE EXCEPTION 'audit write sabotaged for %', NEW.action;
      END IF;
      RETURN NEW;
    END $$`);
  await ctx.db.execute(sql`DROP TRIGGER IF EXISTS test_audit_sabotage ON audit_events`);
  await ctx.db.execute(sql`
    CREATE TRIGGER test_audit_sabotage BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION test_audit_sabotage()`);
});

afterEach(async () => {
  await ctx.db.execute(sql`DELETE FROM test_audit_sabotage`);
});

const sabotage = (action: string, userId: string) =>
  ctx.db.execute(sql`INSERT INTO test_audit_sabotage VALUES (${action}, ${userId})`);
const userRow2 = async (id: string) => (await ctx.db.select().from(users).where(eq(users.id, id)))[0];
const sessionsOf2 = (userId: string) => ctx.db.select().from(sessions).where(eq(sessions.userId, userId));
const postTo = (url: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, headers });

describe('auth writes commit with their audit row or not at all', () => {
  it('sign-in: no session is created and the failed count is not reset', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker', { failedSignIns: 2 });
    await sabotage('auth.sign-in', user.id);
    const res = await postTo('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(500);
    expect(sessionCookieFrom(res)).toBeNull();
    expect(await sessionsOf2(user.id)).toHaveLength(0);
    expect((await userRow2(user.id))?.failedSignIns).toBe(2);
  });

  it('second-factor enrolment: the factor stays off, the pending session keeps its secret', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const first = await postTo('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const { secret } = first.json().setup as { secret: string };
    const pending = sessionCookieFrom(first) as string;
    await sabotage('auth.second-factor.enrol', admin.id);

    const res = await postTo('/api/auth/second-factor/enrol', { code: totpCode(secret) }, { cookie: pending });
    expect(res.statusCode).toBe(500);
    const after = await userRow2(admin.id);
    expect(after?.totpEnabled).toBe(false);
    expect(after?.totpSecret).toBeNull();
    const [still] = await sessionsOf2(admin.id);
    expect(still?.stage).toBe('second-factor-setup');
    expect(secretBoxOf(ctx.config).open(still?.pendingTotpSecret as string)).toBe(secret);
  });

  it('second step of sign-in: the code is not used up and no signed-in session exists', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret } = await signInWithNewSecondFactor(ctx, admin);
    const first = await postTo('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const pending = sessionCookieFrom(first) as string;
    // Enrolment used this window's code; forget it so the same code is fresh for this step.
    await ctx.db.update(users).set({ totpLastStep: 0 }).where(eq(users.id, admin.id));
    const stepBefore = (await userRow2(admin.id))?.totpLastStep;
    const activeBefore = (await sessionsOf2(admin.id)).filter((s) => s.stage === 'active').length;
    await sabotage('auth.second-factor', admin.id);

    const res = await postTo('/api/auth/second-factor', { code: totpCode(secret) }, { cookie: pending });
    expect(res.statusCode).toBe(500);
    expect((await userRow2(admin.id))?.totpLastStep).toBe(stepBefore);
    const after = await sessionsOf2(admin.id);
    expect(after.filter((s) => s.stage === 'active')).toHaveLength(activeBefore);
    expect(after.filter((s) => s.stage === 'second-factor')).toHaveLength(1);
  });

  it('sign-out: the session stays signed in', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const s = await signIn(ctx, user);
    await sabotage('auth.sign-out', user.id);
    const res = await postTo('/api/auth/sign-out', {}, s.headers);
    expect(res.statusCode).toBe(500);
    expect((await me(s.cookie)).statusCode).toBe(200);
  });

  it('password change: the old password still signs in and other sessions survive', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const here: Session = await signIn(ctx, user);
    const elsewhere = await signIn(ctx, user);
    const hashBefore = (await userRow2(user.id))?.passwordHash;
    await sabotage('auth.password.change', user.id);
    const res = await postTo(
      '/api/account/password',
      { currentPassword: user.password, newPassword: 'kettle orbit meadow lantern' },
      here.headers,
    );
    expect(res.statusCode).toBe(500);
    expect((await userRow2(user.id))?.passwordHash).toBe(hashBefore);
    expect((await me(elsewhere.cookie)).statusCode).toBe(200);
  });
});
