import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RegisteredRoute } from '../platform/http/access.js';
import { createTestApp, createTestTenancy, createTestUser, signIn } from '../test/toolkit.js';
import { routeLabel } from './route-table.js';

// Issue 11, point 7: every API route declares what it answers, so the serializer drops any field
// the schema does not name (personal data cannot leave by accident) and the OpenAPI document
// shows the shapes. A new route without a response schema fails here.

const ctx = await createTestApp();

// Routes whose success answer is not a JSON body the serializer writes. Each says why.
const NOT_JSON: Record<string, string> = {
  'GET /api/events': 'a text/event-stream written to the raw socket',
  'GET /api/video/signal': 'a WebSocket (101 Switching Protocols): JSON messages checked by common/video.ts',
  'GET /api/public/video/signal': 'a WebSocket (101 Switching Protocols): JSON messages checked by common/video.ts',
};

const apiRoutes = () =>
  ctx.routes.filter(
    (r) =>
      (r.url.startsWith('/api/') || r.url.startsWith('/oruk') || r.url === '/healthz' || r.url === '/readyz') &&
      !r.url.startsWith('/api/docs') &&
      r.method !== 'HEAD',
  );

const successSchemas = (route: RegisteredRoute) => {
  const response = ((route.schema ?? {}) as { response?: Record<string, unknown> }).response ?? {};
  return Object.entries(response).filter(([status]) => /^2\d\d$/.test(status));
};

describe('every API route declares its response', () => {
  it('each route has a zod schema for its success status', () => {
    expect(apiRoutes().length).toBeGreaterThan(100);
    const missing = apiRoutes()
      .map(routeLabel)
      .filter((label) => !NOT_JSON[label])
      .filter((label) => {
        const route = apiRoutes().find((r) => routeLabel(r) === label) as RegisteredRoute;
        const success = successSchemas(route);
        return success.length === 0 || !success.every(([, s]) => s instanceof z.ZodType);
      });
    expect(missing).toEqual([]);
  });

  it('a field the schema does not declare is not sent', async () => {
    const tenancy = await createTestTenancy(ctx.db);
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const session = await signIn(ctx, user);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    const route = ctx.routes.find((r) => routeLabel(r) === 'GET /api/auth/me') as RegisteredRoute;
    const [, schema] = successSchemas(route)[0] ?? [];
    expect(schema).toBeInstanceOf(z.ZodType);
    // The serializer the app sets, over the route's own schema: a password hash a repository
    // might one day select is dropped, and the declared fields go out unchanged.
    const serialise = serializerCompiler({ schema: schema as z.ZodType, method: 'GET', url: '/api/auth/me' });
    const sent = JSON.parse(serialise({ ...me, passwordHash: '$argon2id$secret' }) as string);
    expect(sent).toEqual(me);
    expect(sent).not.toHaveProperty('passwordHash');
  });
});

describe('the OpenAPI document shows response shapes', () => {
  it('each JSON route documents the properties of its success answer', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const me = doc.paths['/api/auth/me']?.get?.responses?.['200']?.content?.['application/json'] as {
      schema?: { properties?: Record<string, unknown> };
    };
    expect(Object.keys(me?.schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['user', 'organisation', 'permissions', 'csrfToken']),
    );
    const undocumented = apiRoutes()
      .filter((r) => !NOT_JSON[routeLabel(r)])
      .filter((r) => {
        const path = r.url.replace(/:([a-zA-Z]+)/g, '{$1}');
        const responses = doc.paths[path]?.[r.method.toLowerCase()]?.responses ?? {};
        return !Object.keys(responses).some((status) => /^2\d\d$/.test(status));
      })
      .map(routeLabel);
    expect(undocumented).toEqual([]);
  });
});
