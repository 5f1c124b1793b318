import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  sessionCookieFrom,
  signIn,
  signInWithNewSecondFactor,
  type TestContext,
  type TestTenancy,
} from '../../test/toolkit.js';
import { users } from '../users/users.tables.js';
import { sessions } from './auth.tables.js';
import { totpCode } from './totp.js';

// Each flow's success audit row is made to fail (a trigger raises on its insert, for one test
// user only, so parallel test files are untouched): the change the row records must roll back
// with it. A flow whose steps ran beside the audit row would leave its change behind.

let ctx: TestContext;
let tenancy: TestTenancy;

beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
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
const userRow = async (id: string) => (await ctx.db.select().from(users).where(eq(users.id, id)))[0];
const sessionsOf = (userId: string) => ctx.db.select().from(sessions).where(eq(sessions.userId, userId));
const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, headers });

describe('auth writes commit with their audit row or not at all', () => {
  it('sign-in: no session is created and the failed count is not reset', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker', { failedSignIns: 2 });
    await sabotage('auth.sign-in', user.id);
    const res = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(500);
    expect(sessionCookieFrom(res)).toBeNull();
    expect(await sessionsOf(user.id)).toHaveLength(0);
    expect((await userRow(user.id))?.failedSignIns).toBe(2);
  });

  it('second-factor enrolment: the factor stays off, the pending session keeps its secret', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const first = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const { secret } = first.json().setup as { secret: string };
    const pending = sessionCookieFrom(first) as string;
    await sabotage('auth.second-factor.enrol', admin.id);

    const res = await post('/api/auth/second-factor/enrol', { code: totpCode(secret) }, { cookie: pending });
    expect(res.statusCode).toBe(500);
    const after = await userRow(admin.id);
    expect(after?.totpEnabled).toBe(false);
    expect(after?.totpSecret).toBeNull();
    const [still] = await sessionsOf(admin.id);
    expect(still?.stage).toBe('second-factor-setup');
    expect(still?.pendingTotpSecret).toBe(secret);
  });

  it('second step of sign-in: the code is not used up and no signed-in session exists', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret } = await signInWithNewSecondFactor(ctx, admin);
    const first = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const pending = sessionCookieFrom(first) as string;
    // Enrolment used this window's code; forget it so the same code is fresh for this step.
    await ctx.db.update(users).set({ totpLastStep: 0 }).where(eq(users.id, admin.id));
    const stepBefore = (await userRow(admin.id))?.totpLastStep;
    const activeBefore = (await sessionsOf(admin.id)).filter((s) => s.stage === 'active').length;
    await sabotage('auth.second-factor', admin.id);

    const res = await post('/api/auth/second-factor', { code: totpCode(secret) }, { cookie: pending });
    expect(res.statusCode).toBe(500);
    expect((await userRow(admin.id))?.totpLastStep).toBe(stepBefore);
    const after = await sessionsOf(admin.id);
    expect(after.filter((s) => s.stage === 'active')).toHaveLength(activeBefore);
    expect(after.filter((s) => s.stage === 'second-factor')).toHaveLength(1);
  });

  it('sign-out: the session stays signed in', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const s = await signIn(ctx, user);
    await sabotage('auth.sign-out', user.id);
    const res = await post('/api/auth/sign-out', {}, s.headers);
    expect(res.statusCode).toBe(500);
    expect((await me(s.cookie)).statusCode).toBe(200);
  });

  it('password change: the old password still signs in and other sessions survive', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const here: Session = await signIn(ctx, user);
    const elsewhere = await signIn(ctx, user);
    const hashBefore = (await userRow(user.id))?.passwordHash;
    await sabotage('auth.password.change', user.id);
    const res = await post(
      '/api/account/password',
      { currentPassword: user.password, newPassword: 'kettle orbit meadow lantern' },
      here.headers,
    );
    expect(res.statusCode).toBe(500);
    expect((await userRow(user.id))?.passwordHash).toBe(hashBefore);
    expect((await me(elsewhere.cookie)).statusCode).toBe(200);
  });
});
