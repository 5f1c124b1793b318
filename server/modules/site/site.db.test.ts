import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/toolkit.js';

// Issue 10, point 8: the footer pages read this deployment's facts, signed out, and nothing more.

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ SUPPORT_EMAIL: 'help@icb.example', SESSION_IDLE_MINUTES: '20' });
});

describe('GET /api/public/site', () => {
  it('answers signed out with the configured contact address and session cookie facts', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/site' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      supportEmail: 'help@icb.example',
      sessionCookie: 'waymark_session',
      sessionIdleMinutes: 20,
      sessionAbsoluteHours: 12,
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
