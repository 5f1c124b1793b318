import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll } from 'vitest';
import type { Me } from '../../common/api-types.js';
import type { Role } from '../../common/roles.js';
import { type BuiltApp, buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { totpCode } from '../modules/auth/totp.js';
import { icbs, pcns, practices, vcsOrganisations } from '../modules/organisations/organisations.tables.js';
import { users } from '../modules/users/users.tables.js';
import { connectDatabase, type Db } from '../platform/db/client.js';
import { hashPassword } from '../platform/passwords.js';
import { createRealtimeHub, type RealtimeHub } from '../platform/realtime-hub.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;
/** Five digits, unique within this process (each test file has a database of its own). */
const unique = () => String(++counter).padStart(5, '0');
/** Two characters for ICB codes (Q + 2), unique for the first 1,296 ICBs of a process. */
let icbCounter = 0;
const uniqueIcbSuffix = () => (++icbCounter % 1296).toString(36).toUpperCase().padStart(2, '0');

/** A key of this test process's own, as production would have one of its own. */
const SECRETS_KEY = randomBytes(32).toString('base64');

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '1000',
    SECRETS_ENCRYPTION_KEY: SECRETS_KEY,
    ...overrides,
  });
}

export interface TestContext extends BuiltApp {
  database: TestDatabase;
  db: Db;
  config: Config;
  /** This app's realtime hub (only with `realtime: true`), already listening. */
  hub?: RealtimeHub;
}

export interface TestAppOptions {
  /** Give the app its own realtime hub (a LISTEN connection), as every instance has in production. */
  realtime?: boolean;
  /** Event-stream keep-alive interval (default 25 s). */
  liveEventsHeartbeatMs?: number;
  /** Video signalling ping interval (default 15 s). */
  videoPingEveryMs?: number;
  /** Window of the refusal audit throttle (default 60 s). */
  auditDenialWindowMs?: number;
  /**
   * A second app instance over the database of an existing test app, with its own connection
   * pool (and hub): the way two instances behind a load balancer share one PostgreSQL.
   */
  sameDatabaseAs?: TestContext;
}

/** A real app over a fresh database, closed after the file's tests. */
export async function createTestApp(
  overrides: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestContext> {
  const shared = options.sameDatabaseAs?.database;
  const database: TestDatabase = shared
    ? { ...shared, ...connectDatabase(shared.url, 5), close: async () => {} }
    : await createTestDatabase();
  const ownPool = shared ? database : null;
  const config = testConfig(overrides);
  let hub: RealtimeHub | undefined;
  if (options.realtime) {
    hub = createRealtimeHub({ url: database.url, log: silentLog, minRetryMs: 50, maxRetryMs: 500 });
    await hub.start();
    await hub.whenListening();
  }
  const built = await buildApp({
    db: database.db,
    config,
    webRoot: '/nonexistent',
    hub,
    liveEventsHeartbeatMs: options.liveEventsHeartbeatMs,
    videoPingEveryMs: options.videoPingEveryMs,
    auditDenialWindowMs: options.auditDenialWindowMs,
  });
  await built.app.ready();
  afterAll(async () => {
    await built.app.close();
    await hub?.stop();
    // A second instance closes only its own pool; the first one drops the database.
    if (ownPool) await ownPool.pool.end();
    else await database.close();
  });
  return { ...built, database, db: database.db, config, hub };
}

const silentLog = pino({ level: 'silent' });

export interface TestTenancy {
  icbId: string;
  pcnId: string;
  practiceId: string;
  vcsOrganisationId: string;
}

/** An ICB with one PCN, one practice and one VCS organisation, with unique codes. */
export async function createTestTenancy(db: Db, existingIcbId?: string): Promise<TestTenancy> {
  const n = unique();
  let icbId = existingIcbId;
  if (!icbId) {
    const [icb] = await db
      .insert(icbs)
      .values({ code: `Q${uniqueIcbSuffix()}`, name: `Test ICB ${n}` })
      .returning();
    icbId = (icb as { id: string }).id;
  }
  const [pcn] = await db
    .insert(pcns)
    .values({ icbId, code: `U${n}`, name: `Test PCN ${n}` })
    .returning();
  const pcnId = (pcn as { id: string }).id;
  const [practice] = await db
    .insert(practices)
    .values({ pcnId, code: `T${n}`, name: `Test Practice ${n}` })
    .returning();
  const [vcs] = await db
    .insert(vcsOrganisations)
    .values({ icbId, name: `Test Charity ${n}` })
    .returning();
  return { icbId, pcnId, practiceId: (practice as { id: string }).id, vcsOrganisationId: (vcs as { id: string }).id };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export async function createTestUser(
  db: Db,
  tenancy: TestTenancy,
  role: Role,
  extra: Partial<typeof users.$inferInsert> = {},
): Promise<TestUser> {
  const email = `${role}.${unique()}.${Math.random().toString(36).slice(2, 8)}@test.example`;
  const placement =
    role === 'referrer'
      ? { pcnId: tenancy.pcnId, practiceId: tenancy.practiceId }
      : role === 'vcs_partner'
        ? { vcsOrganisationId: tenancy.vcsOrganisationId }
        : role === 'commissioner' || role === 'admin'
          ? {}
          : { pcnId: tenancy.pcnId, band: '5', fte: '1.00', caseloadCapacity: 30 };
  const [row] = await db
    .insert(users)
    .values({
      name: `Test ${role.replace('_', ' ')} ${unique()}`,
      email,
      role,
      icbId: tenancy.icbId,
      passwordHash: await hashPassword(TEST_PASSWORD),
      ...placement,
      ...extra,
    })
    .returning();
  return { id: (row as { id: string }).id, email, password: TEST_PASSWORD, role };
}

/** The session cookie from a response, as a Cookie header value. */
export function sessionCookieFrom(res: LightMyRequestResponse): string | null {
  const cookie = res.cookies.find((c) => c.name.endsWith('waymark_session'));
  return cookie ? `${cookie.name}=${cookie.value}` : null;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  me: Me;
  /** Headers for a signed-in request; writes also carry the CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through the real API (for users without a second factor). */
export async function signIn(ctx: Pick<BuiltApp, 'app'>, user: Pick<TestUser, 'email' | 'password'>): Promise<Session> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  const body = res.json();
  const cookie = sessionCookieFrom(res);
  if (res.statusCode !== 200 || body.status !== 'signed-in' || !cookie) {
    throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  }
  return { cookie, csrfToken: body.me.csrfToken, me: body.me, headers: { cookie, 'x-csrf-token': body.me.csrfToken } };
}

/**
 * Signs in a user who must (admin) or chose to set up a second factor on first sign-in:
 * password, then enrolment with a code from the offered secret. Returns the secret too, so a
 * later sign-in can answer the second-factor step.
 */
export async function signInWithNewSecondFactor(
  ctx: Pick<BuiltApp, 'app'>,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<Session & { secret: string; enrolledAt: number }> {
  const first = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  const body = first.json();
  if (body.status !== 'second-factor-setup-required') throw new Error(`expected set-up, got ${first.body}`);
  const secret: string = body.setup.secret;
  const pending = sessionCookieFrom(first) as string;
  // When the enrolment code was made: a test replaying it must use this instant, not "now",
  // or a 30-second step boundary between the two makes the "replay" a fresh code.
  const enrolledAt = Date.now();
  const enrol = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/second-factor/enrol',
    headers: { cookie: pending },
    payload: { code: totpCode(secret, enrolledAt) },
  });
  const cookie = sessionCookieFrom(enrol);
  if (enrol.statusCode !== 200 || !cookie) throw new Error(`enrolment failed: ${enrol.statusCode} ${enrol.body}`);
  const me = enrol.json().me as Me;
  return { cookie, csrfToken: me.csrfToken, me, secret, enrolledAt, headers: { cookie, 'x-csrf-token': me.csrfToken } };
}

/** Polls `check` until it returns a truthy value (returned) or the deadline passes (throws). */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
