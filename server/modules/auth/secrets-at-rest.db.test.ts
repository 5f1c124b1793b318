import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { keyIdOf, SecretBox, secretBoxOf, secretsKeyOf } from '../../platform/secret-box.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestApp, createTestUser, sessionCookieFrom, signInWithNewSecondFactor } from '../../test/toolkit.js';
import { users } from '../users/users.tables.js';
import { sessions } from './auth.tables.js';
import { resealTotpSecrets } from './reseal-secrets.js';
import { totpCode } from './totp.js';

// Issue 19, point 6: TOTP secrets are kept sealed under SECRETS_ENCRYPTION_KEY; the key can be
// rotated (new key sealing, the old one retired) without anyone enrolling again.

const { ctx, tenancy } = setUpTestApp();

const storedSecret = async (id: string) =>
  (await ctx.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, id)))[0]?.s as string;

async function signInWithCode(app: typeof ctx.app, user: { email: string; password: string }, code: string) {
  const first = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  expect(first.json()).toEqual({ status: 'second-factor-required' });
  return app.inject({
    method: 'POST',
    url: '/api/auth/second-factor',
    headers: { cookie: sessionCookieFrom(first) as string },
    payload: { code },
  });
}

describe('TOTP secrets at rest', () => {
  it('are sealed in the database, the pending one too, and still sign in', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const first = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    });
    const offered = first.json().setup.secret as string;
    const [pending] = await ctx.db.select().from(sessions).where(eq(sessions.userId, admin.id));
    expect(pending?.pendingTotpSecret).toMatch(/^enc:v1:/);
    expect(pending?.pendingTotpSecret).not.toContain(offered);

    const { secret, enrolledAt } = await signInWithNewSecondFactor(ctx, admin);
    const stored = await storedSecret(admin.id);
    const key = secretsKeyOf(ctx.config.SECRETS_ENCRYPTION_KEY as string, 'key');
    expect(stored).toMatch(new RegExp(`^enc:v1:${keyIdOf(key)}:`));
    expect(stored).not.toContain(secret);
    const res = await signInWithCode(ctx.app, admin, totpCode(secret, enrolledAt + 30_000));
    expect(res.statusCode).toBe(200);
  });

  it('a secret stored plain (before encryption) is sealed by the sweep', async () => {
    const plain = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const user = await createTestUser(ctx.db, tenancy, 'link_worker', { totpSecret: plain, totpEnabled: true });
    await resealTotpSecrets(ctx.db, secretBoxOf(ctx.config));
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^enc:v1:/);
    expect(secretBoxOf(ctx.config).open(stored)).toBe(plain);
    expect((await signInWithCode(ctx.app, user, totpCode(plain))).statusCode).toBe(200);
  });

  it('survive a key rotation: the sweep seals them under the new key, and the old key can go', async () => {
    const admin = await createTestUser(ctx.db, tenancy, 'admin');
    const { secret, enrolledAt } = await signInWithNewSecondFactor(ctx, admin);
    const before = await storedSecret(admin.id);
    const oldKey = ctx.config.SECRETS_ENCRYPTION_KEY as string;
    const newKey = randomBytes(32).toString('base64');

    // Rotation: the new key seals, the old one is retired; the start-up sweep seals again.
    const rotated = { SECRETS_ENCRYPTION_KEY: newKey, SECRETS_ENCRYPTION_KEYS_RETIRED: oldKey };
    const during = await createTestApp(rotated, { sameDatabaseAs: ctx });
    const resealed = await resealTotpSecrets(ctx.db, secretBoxOf(during.config));
    expect(resealed.users).toBeGreaterThanOrEqual(1);
    const after = await storedSecret(admin.id);
    expect(after).not.toBe(before);
    expect(after).toMatch(new RegExp(`^enc:v1:${keyIdOf(secretsKeyOf(newKey, 'key'))}:`));
    expect(await resealTotpSecrets(ctx.db, secretBoxOf(during.config))).toMatchObject({ users: 0, sessions: 0 });

    // With the old key gone, the admin still signs in with the same authenticator.
    const later = await createTestApp({ SECRETS_ENCRYPTION_KEY: newKey }, { sameDatabaseAs: ctx });
    const res = await signInWithCode(later.app, admin, totpCode(secret, enrolledAt + 30_000));
    expect(res.statusCode).toBe(200);
    // …and what only knows the old key cannot open it; its sweep counts it and changes nothing.
    const oldOnly = new SecretBox(secretsKeyOf(oldKey, 'key'));
    expect(() => oldOnly.open(after)).toThrow(/neither SECRETS_ENCRYPTION_KEY/);
    expect((await resealTotpSecrets(ctx.db, oldOnly)).unreadable).toBeGreaterThanOrEqual(1);
    expect(await storedSecret(admin.id)).toBe(after);
  });
});
