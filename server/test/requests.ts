import type { Session, TestContext } from './toolkit.js';

/**
 * Requests as a signed-in user: reads carry the session cookie, writes its CSRF token too. `ctx`
 * is read at each call, so it may be a `setUpTestApp` context not yet filled.
 */
export function requestsAs(ctx: Pick<TestContext, 'app'>) {
  const write =
    (method: 'POST' | 'PUT' | 'PATCH') =>
    (s: Session, url: string, payload: unknown = {}) =>
      ctx.app.inject({ method, url, headers: s.headers, payload: payload as object });
  return {
    get: (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } }),
    post: write('POST'),
    put: write('PUT'),
    patch: write('PATCH'),
    del: (s: Session, url: string) => ctx.app.inject({ method: 'DELETE', url, headers: s.headers }),
  };
}
