import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/toolkit.js';

// The findings of the route fuzzing (issue 19, point 2), one test each: what routes.db.test.ts
// found, fixed, and pinned here so that it stays fixed whatever the fuzzer happens to draw.

const ctx = await createTestApp();

describe('finding 1: addresses the router itself refuses carried no security headers', () => {
  it.each([
    ['GET', 'broken percent-encoding', '/api/admin/users/%E0%A4%A', 400],
    ['PATCH', 'broken percent-encoding', '/api/admin/users/%ZZ', 400],
    ['GET', 'a path parameter longer than any id', `/api/admin/users/${'x'.repeat(500)}`, 404],
    ['PATCH', 'a path parameter longer than any id', `/api/admin/users/${'x'.repeat(500)}`, 404],
  ] as const)('%s %s: problem+json, not to be sniffed, framed or run', async (method, _what, url, status) => {
    const res = await ctx.app.inject({ method, url, ...(method === 'PATCH' ? { payload: {} } : {}) });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
