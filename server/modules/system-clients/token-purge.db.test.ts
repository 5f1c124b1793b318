import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import { registerSystem } from '../fhir/testing/test-system-clients.js';
import { purgeExpiredSystemClientTokens } from './system-clients.service.js';
import { systemClientTokens } from './system-clients.tables.js';

// The sweep (main.ts, every 10 minutes) removes bearer tokens expired more than a day ago; live
// tokens, and tokens expired less than a day ago, stay.

const { ctx, tenancy, admin } = setUpTestApp({ team: { admin: 'admin' } });

describe('purging expired system client tokens', () => {
  it('removes only tokens expired more than a day ago', async () => {
    const { clientId, token } = await registerSystem(ctx, admin, tenancy.practiceId);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const old = `test-${randomUUID()}`;
    const recent = `test-${randomUUID()}`;
    await ctx.db.insert(systemClientTokens).values([
      { id: old, clientId, scopes: ['referral.read'], issuedAt: hoursAgo(30), expiresAt: hoursAgo(25) },
      { id: recent, clientId, scopes: ['referral.read'], issuedAt: hoursAgo(2), expiresAt: hoursAgo(1) },
    ]);
    const removed = await purgeExpiredSystemClientTokens(ctx.db);
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = new Set(
      (
        await ctx.db
          .select({ id: systemClientTokens.id })
          .from(systemClientTokens)
          .where(eq(systemClientTokens.clientId, clientId))
      ).map((r) => r.id),
    );
    expect(left.has(old)).toBe(false);
    expect(left.has(recent)).toBe(true);
    // The live token the client was given still works.
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/fhir/R4/ServiceRequest?_count=1',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
  });
});
