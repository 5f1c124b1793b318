import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from './security-headers.js';

async function answersOf(cookieSecure: boolean) {
  const app = Fastify();
  registerSecurityHeaders(app, { cookieSecure });
  app.get('/a', async () => ({ ok: true }));
  app.get('/fails', async () => {
    throw new Error('broken');
  });
  await app.ready();
  const answers = [await app.inject('/a'), await app.inject('/a'), await app.inject('/fails')];
  await app.close();
  return answers;
}

describe('security headers', () => {
  it('sets the policy on every answer, the same each time, errors included', async () => {
    const answers = await answersOf(false);
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
          "connect-src 'self';media-src 'self';worker-src 'self';manifest-src 'self';object-src 'none';" +
          "base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      // Over plain HTTP (development, the bench): no HSTS, no upgrade of insecure requests.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    expect(answers[2]?.statusCode).toBe(500);
  });

  it('over HTTPS adds HSTS for a year with subdomains, and upgrades insecure requests', async () => {
    const [res] = await answersOf(true);
    expect(res?.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res?.headers['content-security-policy']).toMatch(/;upgrade-insecure-requests$/);
  });
});
