import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../../common/permissions.js';
import { ROLES, type Role } from '../../../common/roles.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn, signInWithNewSecondFactor } from '../../test/toolkit.js';
import { auditEvents } from '../audit/audit.tables.js';

const { ctx, tenancy } = setUpTestApp();

const withParams = (url: string) => url.replace(/:[a-zA-Z]+/g, randomUUID());
const apiRoutes = () =>
  ctx.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');

describe('every route declares its access', () => {
  it('no registered route is without a permission or `public`', () => {
    expect(ctx.routes.length).toBeGreaterThan(10);
    const undeclared = ctx.routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('the route → permission map is reviewed as a snapshot (a diff here is a permission change)', () => {
    const table = ctx.routes
      .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))
      .map(
        (r) =>
          `${r.method.padEnd(6)} ${r.url.padEnd(42)} ${r.access && 'permission' in r.access ? r.access.permission : 'public'}`,
      )
      .sort();
    expect(table).toMatchSnapshot();
  });

  it('every non-public API route answers 401 without a session', async () => {
    const guarded = apiRoutes().filter((r) => r.access && 'permission' in r.access);
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await ctx.app.inject({ method: route.method as 'GET', url: withParams(route.url), payload: {} });
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('an unknown API path answers 404 problem+json, not the web page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});

describe('each role reaches its own routes and is refused the others', () => {
  const sessions = new Map<Role, Session>();
  beforeAll(async () => {
    for (const role of ROLES) {
      const user = await createTestUser(ctx.db, tenancy, role);
      sessions.set(role, role === 'admin' ? await signInWithNewSecondFactor(ctx, user) : await signIn(ctx, user));
    }
  });

  it('GET routes: allowed → not 403; not allowed → 403 and an audited denial', async () => {
    const gets = apiRoutes().filter((r) => r.method === 'GET' && r.access && 'permission' in r.access);
    let refusals = 0;
    for (const role of ROLES) {
      const session = sessions.get(role) as Session;
      for (const route of gets) {
        const permission = (route.access as { permission: Parameters<typeof can>[1] }).permission;
        const res = await ctx.app.inject({
          method: 'GET',
          url: withParams(route.url),
          headers: { cookie: session.cookie },
        });
        const label = `${role} GET ${route.url}`;
        if (can(role, permission)) {
          expect([label, res.statusCode === 403]).toEqual([label, false]);
          expect([label, res.statusCode < 500]).toEqual([label, true]);
        } else {
          expect([label, res.statusCode]).toEqual([label, 403]);
          refusals++;
        }
      }
    }
    expect(refusals).toBeGreaterThan(10);
    const denied = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'access.denied'),
          eq(auditEvents.actorUserId, sessions.get('referrer')?.me.user.id as string),
        ),
      )
      .orderBy(desc(auditEvents.id));
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0]?.outcome).toBe('denied');
    expect(denied[0]?.details).toMatchObject({ method: 'GET', permission: expect.any(String) });
  });

  it('a referrer cannot create users even with a valid CSRF token', async () => {
    const s = sessions.get('referrer') as Session;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: s.headers,
      payload: {
        name: 'Someone',
        email: 'x@test.example',
        role: 'referrer',
        organisationId: tenancy.practiceId,
        password: 'long enough password',
      },
    });
    expect(res.statusCode).toBe(403);
  });
});
