import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { can } from '../../common/permissions.js';
import { ROLES } from '../../common/roles.js';
import { UNPAIRED_SURROGATE_MESSAGE } from '../../common/schemas/text.js';
import { directoryServices } from '../modules/directory/directory.tables.js';
import { createTestListing } from '../modules/directory/listings/test-listings.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import { auditEvents } from '../platform/audit/audit.tables.js';
import { createTestApp, createTestTenancy, createTestUser, signIn } from '../test/toolkit.js';

// The findings of the route fuzzing (issue 19, point 2), one test each: what routes.db.test.ts
// found, fixed, and pinned here so that it stays fixed whatever the fuzzer happens to draw.

const ctx = await createTestApp();
const tenancy = await createTestTenancy(ctx.db);

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

describe('finding 2: a refused discharge left an audit row of reading the outcome measures', () => {
  it('a stale discharge (409) records no read; a discharge that happens records one', async () => {
    const leadUser = await createTestUser(ctx.db, tenancy, 'team_lead');
    const lead = await signIn(ctx, leadUser);
    const referral = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'active', allocatedWorkerId: leadUser.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
    );
    const reads = async () =>
      (
        await ctx.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'outcome.read'), eq(auditEvents.entityId, referral.id)))
      ).length;
    const discharge = (version: number) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/referrals/${referral.id}/discharge`,
        headers: lead.headers,
        payload: { version, reason: 'goals_met', summary: 'Joined the walking group.' },
      });

    const stale = await discharge(referral.version + 7);
    expect(stale.statusCode).toBe(409);
    expect(await reads()).toBe(0);

    const done = await discharge(referral.version);
    expect(done.statusCode, done.body).toBe(200);
    expect(await reads()).toBe(1);
  });
});

describe('finding 3: half a character (an unpaired surrogate) reached jsonb and PostgreSQL refused it', () => {
  it('retiring a listing with one in the reason: a 400 naming the reason, and the listing stays', async () => {
    const role = ROLES.find((r) => r !== 'admin' && can(r, 'directory.review')) ?? 'care_coordinator';
    const reviewer = await signIn(ctx, await createTestUser(ctx.db, tenancy, role));
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    const row = async () =>
      (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, listing.id)))[0];
    const before = await row();
    // JSON.stringify writes the half character as the escape \ud800: valid JSON, not valid Unicode.
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/directory/review/services/${listing.id}/retire`,
      headers: { ...reviewer.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'Closed \uD800 for good' }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'reason', message: UNPAIRED_SURROGATE_MESSAGE }]);
    expect(await row()).toEqual(before);
  });
});
