import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  signInWithNewSecondFactor,
  type TestUser,
} from '../../test/toolkit.js';
import { outbox } from '../notifications/notifications.tables.js';
import { users } from '../users/users.tables.js';
import { passwordResetTokens } from './auth.tables.js';
import { RESET_REQUESTED } from './password.routes.js';
import { RESET_ANSWER_MS, RESETS_PER_HOUR } from './use-cases/passwords.js';

// Issue 10, point 6: change your own password, "forgot password" by a single-use expiring link,
// an administrator resets a lost second factor, and new passwords follow NCSC's rules.

const { ctx, tenancy } = setUpTestApp({ config: { PUBLIC_URL: 'https://waymark.test.example/' } });

const NEW_PASSWORD = 'kettle orbit meadow lantern';

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, headers });
const me = (s: Session) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
const signInStatus = async (email: string, password: string) =>
  (await post('/api/auth/sign-in', { email, password })).statusCode;
const hashOf = async (id: string) =>
  (await ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]?.h;
const emailsTo = (to: string) =>
  ctx.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${to}`).orderBy(outbox.id);
const auditsOf = (action: string, entityId: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.id));
const tokenIn = (text: string) => /reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('changing your own password', () => {
  let user: TestUser;
  let here: Session;
  let elsewhere: Session;
  beforeAll(async () => {
    user = await createTestUser(ctx.db, tenancy, 'link_worker');
    here = await signIn(ctx, user);
    elsewhere = await signIn(ctx, user);
  });
  const change = (payload: object) => post('/api/account/password', payload, here.headers);

  it.each([
    ['currentPassword', { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD }, /^is not right/],
    ['currentPassword', { currentPassword: '', newPassword: NEW_PASSWORD }, /enter your current password/],
    ['newPassword', { newPassword: 'short one' }, /^must be 12 characters or more$/],
    ['newPassword', { newPassword: 'Password123456!' }, /^is too common/],
    ['newPassword', { newPassword: 'aaaaaaaaaaaaaaaa' }, /^is too common/],
    ['newPassword', { newPassword: 'my waymark password' }, /name of this service/],
    ['newPassword', { newPassword: 'same as before: see below' }, /different from your current password/],
  ])('refuses a bad %s (%j): 400 naming it, nothing changed', async (field, change_, message) => {
    const body = { currentPassword: user.password, ...change_ };
    if (message.source.includes('different')) body.newPassword = user.password;
    const before = await hashOf(user.id);
    const res = await change(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await hashOf(user.id)).toBe(before);
    expect((await me(elsewhere)).statusCode).toBe(200);
  });

  it('refuses a password made of the email address', async () => {
    const local = user.email.split('@')[0] as string;
    const res = await change({ currentPassword: user.password, newPassword: `${local}-2026` });
    expect(res.json().errors).toEqual([{ field: 'newPassword', message: 'must not contain your email address' }]);
  });

  it('changes it: the new one signs in, the old does not, other sessions end, this one stays, the user is told', async () => {
    const res = await change({ currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect(await signInStatus(user.email, user.password)).toBe(401);
    expect(await signInStatus(user.email, NEW_PASSWORD)).toBe(200);
    const [notice] = await emailsTo(user.email);
    expect(notice?.payload.subject).toBe('Your Waymark password was changed');
    expect(notice?.payload.text).not.toContain(NEW_PASSWORD);
    expect(await auditsOf('auth.password.change', user.id)).toHaveLength(1);
  });

  it('wrong current passwords count towards the lockout: at the threshold the account locks and every session ends', async () => {
    // A session left open on a shared computer must not become unlimited guesses at the password.
    const strict = await createTestApp({ LOCKOUT_THRESHOLD: '3' }, { sameDatabaseAs: ctx });
    const owner = await createTestUser(ctx.db, tenancy, 'referrer');
    const open = await signIn(strict, owner);
    const other = await signIn(strict, owner);
    const guess = (n: number) =>
      strict.app.inject({
        method: 'POST',
        url: '/api/account/password',
        payload: { currentPassword: `guess number ${n}`, newPassword: NEW_PASSWORD },
        headers: open.headers,
      });
    for (const n of [1, 2]) {
      const res = await guess(n);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('currentPassword');
    }
    const third = await guess(3);
    expect(third.statusCode).toBe(401);
    expect(third.json()).toMatchObject({ code: 'account_locked', detail: expect.stringMatching(/signed out/) });
    for (const s of [open, other]) {
      expect(
        (await strict.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
      ).toBe(401);
    }
    const again = await strict.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: owner.email, password: owner.password },
    });
    expect(again.statusCode).toBe(401);
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.password.change'), eq(auditEvents.actorUserId, owner.id)))
      .orderBy(desc(auditEvents.id));
    expect(row).toMatchObject({ outcome: 'failure', details: { reason: 'wrong-current', lockedOut: true } });
  });

  it('needs a signed-in session and its CSRF token', async () => {
    expect((await post('/api/account/password', { currentPassword: 'x', newPassword: NEW_PASSWORD })).statusCode).toBe(
      401,
    );
    const res = await post(
      '/api/account/password',
      { currentPassword: 'x', newPassword: NEW_PASSWORD },
      {
        cookie: here.cookie,
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('forgot password', () => {
  const request = (email: string) => post('/api/auth/password-reset', { email });
  const complete = (token: string, newPassword: string) =>
    post('/api/auth/password-reset/complete', { token, newPassword });

  it('answers the same for an account, an unknown address and a deactivated account; only the account gets an email', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'referrer');
    const gone = await createTestUser(ctx.db, tenancy, 'referrer', { active: false });
    const answers = [];
    for (const email of [user.email, 'nobody.here@test.example', gone.email]) {
      const res = await request(email);
      answers.push({ status: res.statusCode, body: res.json() });
    }
    expect(answers).toEqual(Array(3).fill({ status: 202, body: { message: RESET_REQUESTED } }));
    expect(await emailsTo(user.email)).toHaveLength(1);
    expect(await emailsTo('nobody.here@test.example')).toHaveLength(0);
    expect(await emailsTo(gone.email)).toHaveLength(0);
  });

  it(`answers no sooner than ${RESET_ANSWER_MS} ms for an account, an unknown address and a deactivated account alike`, async () => {
    // Without a floor, an address with an account answered about twice as slowly (a token and an
    // email are written): timing alone told who has an account.
    const user = await createTestUser(ctx.db, tenancy, 'referrer');
    const gone = await createTestUser(ctx.db, tenancy, 'referrer', { active: false });
    for (const email of [user.email, 'nobody.timed@test.example', gone.email]) {
      const started = performance.now();
      expect((await request(email)).statusCode).toBe(202);
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESET_ANSWER_MS);
    }
  });

  it('stores only the hash of the link’s token, links to PUBLIC_URL, and the link works once', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'health_coach');
    const before = await signIn(ctx, user);
    await request(user.email);
    const [email] = await emailsTo(user.email);
    expect(email?.payload.text).toContain('https://waymark.test.example/reset-password#token=');
    const token = tokenIn(email?.payload.text ?? '');
    const rows = await ctx.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([sha256(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);

    // A weak choice is refused without using the link up.
    const weak = await complete(token, 'password12345');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([{ field: 'newPassword', message: expect.stringMatching(/^is too common/) }]);

    expect((await complete(token, NEW_PASSWORD)).statusCode).toBe(204);
    expect(await signInStatus(user.email, NEW_PASSWORD)).toBe(200);
    expect(await signInStatus(user.email, user.password)).toBe(401);
    expect((await me(before)).statusCode).toBe(401);
    expect(await auditsOf('auth.password-reset.complete', user.id)).toHaveLength(1);
    // The owner hears of it, in case the reset was not theirs.
    const subjects = (await emailsTo(user.email)).map((e) => e.payload.subject);
    expect(subjects).toEqual(['Reset your Waymark password', 'Your Waymark password was reset']);
    expect(JSON.stringify(await emailsTo(user.email))).not.toContain(NEW_PASSWORD);

    const again = await complete(token, 'another long phrase here');
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      { field: 'token', message: 'This link has expired or has already been used. Ask for a new one.' },
    ]);
    expect(await signInStatus(user.email, NEW_PASSWORD)).toBe(200);
  });

  it('an expired link is refused and changes nothing; a reset also lifts a lockout', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker', {
      lockedUntil: new Date(Date.now() + 3_600_000),
    });
    await request(user.email);
    await request(user.email);
    const [first, second] = await emailsTo(user.email);
    await ctx.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.id, sha256(tokenIn(first?.payload.text ?? ''))));
    const before = await hashOf(user.id);
    const expired = await complete(tokenIn(first?.payload.text ?? ''), NEW_PASSWORD);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().errors[0].field).toBe('token');
    expect(await hashOf(user.id)).toBe(before);

    expect((await complete(tokenIn(second?.payload.text ?? ''), NEW_PASSWORD)).statusCode).toBe(204);
    expect(await signInStatus(user.email, NEW_PASSWORD)).toBe(200);
  });

  it(`sends at most ${RESETS_PER_HOUR} links an hour to one address, with the same answer`, async () => {
    const user = await createTestUser(ctx.db, tenancy, 'referrer');
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) {
      const res = await request(user.email);
      expect(res.json()).toEqual({ message: RESET_REQUESTED });
    }
    expect(await emailsTo(user.email)).toHaveLength(RESETS_PER_HOUR);
  });

  it.each([
    ['/api/auth/password-reset', { email: 'not an email' }, 'email', /correct format/],
    ['/api/auth/password-reset/complete', { token: 'x', newPassword: NEW_PASSWORD }, 'token', /reset link/],
    ['/api/auth/password-reset/complete', { token: 'A'.repeat(43) }, 'newPassword', /required|enter/],
  ])('%s with bad input → 400 naming %j', async (url, payload, field, message) => {
    const res = await post(url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  });

  it('is rate limited per address', async () => {
    const limited = await createTestApp({ SIGN_IN_RATE_LIMIT: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await limited.app.inject({
            method: 'POST',
            url: '/api/auth/password-reset',
            payload: { email: 'a@test.example' },
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});

describe('an administrator resets a user’s second factor', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, tenancy, 'admin'));
  });
  const reset = (id: string, s: Session = admin) => post(`/api/admin/users/${id}/second-factor/reset`, {}, s.headers);

  it('forgets the authenticator, ends the user’s sessions, and the next sign-in sets up a new one', async () => {
    const colleague = await createTestUser(ctx.db, tenancy, 'admin');
    const theirs = await signInWithNewSecondFactor(ctx, colleague);
    const res = await reset(colleague.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: colleague.id, secondFactorEnabled: false });
    expect((await me(theirs)).statusCode).toBe(401);
    const again = await post('/api/auth/sign-in', { email: colleague.email, password: colleague.password });
    expect(again.json().status).toBe('second-factor-setup-required');
    const [row] = await auditsOf('user.second-factor.reset', colleague.id);
    expect(row).toMatchObject({ actorUserId: admin.me.user.id, outcome: 'success' });
    const [notice] = await emailsTo(colleague.email);
    expect(notice?.payload.subject).toBe('Your Waymark two-factor authentication was reset');
  });

  it('refuses one’s own, a user without one (409), and another ICB’s user as unknown (404); nothing changes', async () => {
    expect((await reset(admin.me.user.id)).statusCode).toBe(409);
    const plain = await createTestUser(ctx.db, tenancy, 'link_worker');
    const noFactor = await reset(plain.id);
    expect(noFactor.statusCode).toBe(409);
    expect(noFactor.json().detail).toMatch(/has no two-factor authentication/);

    const elsewhere = await createTestTenancy(ctx.db);
    const stranger = await createTestUser(ctx.db, elsewhere, 'admin');
    await signInWithNewSecondFactor(ctx, stranger);
    expect((await reset(stranger.id)).statusCode).toBe(404);
    const [row] = await ctx.db.select({ on: users.totpEnabled }).from(users).where(eq(users.id, stranger.id));
    expect(row?.on).toBe(true);
  });

  it('is for administrators only', async () => {
    const lead = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'team_lead'));
    expect((await reset(admin.me.user.id, lead)).statusCode).toBe(403);
  });
});
