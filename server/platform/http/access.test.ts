import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { auditSink } from '../../test/audit-sink.js';
import type { Principal } from '../context.js';
import {
  type AuthenticatedSession,
  type RegisteredRoute,
  registerAccessControl,
  requestContext,
  signedInContext,
} from './access.js';
import { registerErrorHandler } from './problem.js';

// The access hook without a database: the audit rows it appends are caught by auditSink.
const reader: Principal = {
  userId: 'u-reader',
  name: 'Reader',
  role: 'referrer',
  scope: { kind: 'practice', icbId: 'I', pcnId: 'P', practiceId: 'G' },
  permissions: ['referral.read'],
};
const sessions: Record<string, AuthenticatedSession> = { 'good-token': { principal: reader, csrfToken: 'csrf-1' } };
const signedIn = { cookies: { sid: 'good-token' } };

let app: FastifyInstance;
afterEach(() => app?.close());

async function build(opts: { publicPrefixes?: string[] } = {}) {
  const sink = auditSink();
  const tokensSeen: string[] = [];
  app = Fastify();
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  const routes = registerAccessControl(app, {
    db: sink.db,
    cookieName: 'sid',
    publicPrefixes: opts.publicPrefixes,
    authenticate: async (token) => {
      tokensSeen.push(token);
      return sessions[token] ?? null;
    },
  });
  const echo = async (request: Parameters<typeof requestContext>[0]) => ({
    principal: request.principal === null ? null : request.principal.userId,
    csrfToken: request.csrfToken,
    sessionToken: request.sessionToken,
    throttled: request.auditDenials !== null,
  });
  app.get('/open', { config: { access: { public: true } } }, echo);
  app.get('/docs/page', echo);
  app.get('/docs/guarded', { config: { access: { permission: 'audit.read' } } }, echo);
  app.get('/undeclared', echo);
  app.route({
    method: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    url: '/referrals',
    config: { access: { permission: 'referral.read' } },
    handler: echo,
  });
  app.post('/users', { config: { access: { permission: 'user.manage' } } }, echo);
  await app.ready();
  return { ...sink, routes, tokensSeen };
}

describe('route access hook', () => {
  it('lists every route with each method and its declared access', async () => {
    const { routes } = await build({ publicPrefixes: ['/docs', '/elsewhere'] });
    expect(routes.every((r) => typeof r.url === 'string')).toBe(true);
    const byKey = (r: RegisteredRoute) => `${r.method} ${r.url}`;
    expect(
      Object.fromEntries(
        routes.filter((r) => r.method !== 'HEAD' || r.url === '/referrals').map((r) => [byKey(r), r.access]),
      ),
    ).toEqual({
      'GET /open': { public: true },
      'GET /docs/page': { public: true },
      'GET /docs/guarded': { permission: 'audit.read' },
      'GET /undeclared': undefined,
      'GET /referrals': { permission: 'referral.read' },
      'POST /referrals': { permission: 'referral.read' },
      'HEAD /referrals': { permission: 'referral.read' },
      'OPTIONS /referrals': { permission: 'referral.read' },
      'POST /users': { permission: 'user.manage' },
    });
  });

  it('serves a public route to anyone without looking up a session', async () => {
    const { tokensSeen } = await build();
    const res = await app.inject({ method: 'GET', url: '/open', ...signedIn });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ principal: null, csrfToken: null, sessionToken: 'good-token', throttled: true });
    expect(tokensSeen).toEqual([]);
  });

  it('makes routes under a public prefix public only when they declare nothing themselves', async () => {
    const { rows } = await build({ publicPrefixes: ['/elsewhere', '/docs'] });
    expect((await app.inject({ method: 'GET', url: '/docs/page' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/guarded' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/docs/guarded', ...signedIn })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/undeclared' })).statusCode).toBe(401);
    expect(rows).toHaveLength(1);
  });

  it('answers 401 without a session or with an unknown one, and writes no audit row', async () => {
    const { rows, tokensSeen } = await build();
    const none = await app.inject({ method: 'GET', url: '/referrals' });
    expect([none.statusCode, none.json().code, none.json().detail]).toEqual([
      401,
      'unauthenticated',
      'You need to sign in.',
    ]);
    const unknown = await app.inject({ method: 'GET', url: '/referrals', cookies: { sid: 'forged' } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'unauthenticated']);
    expect(tokensSeen).toEqual(['forged']);
    expect(rows).toEqual([]);
  });

  it('leaves an unknown path to the not-found handler, even without a session', async () => {
    const { rows } = await build();
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    expect(rows).toEqual([]);
  });

  it('lets a signed-in user with the permission through, with their principal and CSRF token on the request', async () => {
    const { rows } = await build();
    const res = await app.inject({ method: 'GET', url: '/referrals', ...signedIn });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      principal: 'u-reader',
      csrfToken: 'csrf-1',
      sessionToken: 'good-token',
      throttled: true,
    });
    for (const method of ['HEAD', 'OPTIONS'] as const) {
      expect((await app.inject({ method, url: '/referrals', ...signedIn })).statusCode).toBe(200);
    }
    expect(rows).toEqual([]);
  });

  it('refuses a signed-in user without the permission with 403, and audits the refusal', async () => {
    const { rows } = await build();
    const res = await app.inject({ method: 'POST', url: '/users', ...signedIn, headers: { 'x-csrf-token': 'csrf-1' } });
    expect([res.statusCode, res.json().code, res.json().detail]).toEqual([
      403,
      'forbidden',
      'You do not have permission to do this.',
    ]);
    expect(rows).toMatchObject([
      {
        action: 'access.denied',
        outcome: 'denied',
        actorUserId: 'u-reader',
        actorRole: 'referrer',
        icbId: 'I',
        details: { method: 'POST', route: '/users', permission: 'user.manage' },
      },
    ]);
  });

  it('denies by default a route that declares no access, even to a signed-in user', async () => {
    const { rows } = await build();
    const res = await app.inject({ method: 'GET', url: '/undeclared', ...signedIn });
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    expect(rows).toMatchObject([
      { action: 'access.denied', details: { method: 'GET', route: '/undeclared', permission: null } },
    ]);
  });

  it('refuses a cookie-authenticated write without the right CSRF token, and audits it', async () => {
    const { rows } = await build();
    const missing = await app.inject({ method: 'POST', url: '/referrals', ...signedIn });
    expect([missing.statusCode, missing.json().code, missing.json().detail]).toEqual([
      403,
      'csrf',
      'This request was missing its security token. Reload the page and try again.',
    ]);
    const wrong = await app.inject({
      method: 'POST',
      url: '/referrals',
      ...signedIn,
      headers: { 'x-csrf-token': 'csrf-2' },
    });
    expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'csrf']);
    expect(rows).toMatchObject([
      {
        action: 'access.csrf-rejected',
        outcome: 'denied',
        actorUserId: 'u-reader',
        details: { method: 'POST', route: '/referrals' },
      },
    ]);
    const right = await app.inject({
      method: 'POST',
      url: '/referrals',
      ...signedIn,
      headers: { 'x-csrf-token': 'csrf-1' },
    });
    expect(right.statusCode).toBe(200);
  });

  it('counts repeated refusals and writes the count when the app closes', async () => {
    const { rows } = await build();
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/undeclared', ...signedIn });
    expect(rows).toHaveLength(1);
    await app.close();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: 'access.denied', details: { repeated: 2, route: '/undeclared' } });
  });
});

describe('requestContext', () => {
  it("carries the request's actor, address and id to the use-case; no throttle outside a request", () => {
    const request = { principal: reader, ip: '192.0.2.9', id: 'req-9', auditDenials: null } as unknown as Parameters<
      typeof requestContext
    >[0];
    expect(requestContext(request)).toEqual({
      actor: reader,
      ip: '192.0.2.9',
      requestId: 'req-9',
      auditDenials: undefined,
    });
  });
});

describe('signedInContext', () => {
  const requestOf = (principal: unknown) =>
    ({ principal, ip: '192.0.2.9', id: 'req-9', auditDenials: null }) as unknown as Parameters<
      typeof signedInContext
    >[0];

  it('hands the use-case the signed-in actor with the address and id of the request', () => {
    expect(signedInContext(requestOf(reader))).toEqual({
      actor: reader,
      ip: '192.0.2.9',
      requestId: 'req-9',
      auditDenials: undefined,
    });
  });

  it('answers 401 (never a context without an actor) when no one is signed in', () => {
    expect(() => signedInContext(requestOf(null))).toThrow(
      expect.objectContaining({ code: 'unauthenticated', userMessage: 'You need to sign in.' }),
    );
  });
});
