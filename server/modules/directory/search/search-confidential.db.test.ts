import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectorySearchPage, Listing } from '../../../../common/directory.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { createTestTenancy, createTestUser, signIn } from '../../../test/toolkit.js';
import { loadListing } from '../listings/listings.service.js';
import { createTestListing } from '../listings/test-listings.js';
import { ctx, ORIGIN, physical, publicGet, setUpSearchTests, staff, tenancy } from './test-directory-search.js';

// Confidential locations in directory search and listings, and staff search staying in its ICB.

beforeAll(setUpSearchTests);

describe('confidential locations', () => {
  let refuge: Listing;
  beforeAll(async () => {
    refuge = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Linnet Safe Housing Support',
      locations: [
        physical('Linnet House', 'NE1 3CC', {
          confidential: true,
          address: { address_1: '99 Hidden Lane', city: 'Testington', postal_code: 'NE1 3CC' },
        }),
      ],
    });
  });

  it('the public never sees the address or postcode, in search or on the listing page', async () => {
    const res = await publicGet(`/api/public/directory/services?text=linnet&postcode=${encodeURIComponent(ORIGIN)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const page = res.json() as DirectorySearchPage;
    expect(page.results.map((r) => r.id)).toEqual([refuge.id]);
    expect(page.results[0]).toMatchObject({
      where: null,
      area_wide: true,
      confidential_location: true,
      distance_miles: null,
    });
    expect(res.body).not.toContain('Hidden Lane');
    expect(res.body).not.toContain('NE1 3CC');

    const listing = await publicGet(`/api/public/directory/services/${refuge.id}`);
    expect(listing.statusCode).toBe(200);
    expect(listing.body).not.toContain('Hidden Lane');
    expect(listing.body).not.toContain('NE1 3CC');
    expect(listing.body).not.toContain('54.972');
  });

  it('staff see it, and reading it is audited', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/directory/services?text=linnet&postcode=${encodeURIComponent(ORIGIN)}`,
      headers: staff.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ id: refuge.id, where: { postal_code: 'NE1 3CC' }, area_wide: false });

    const listing = await ctx.app.inject({
      method: 'GET',
      url: `/api/directory/services/${refuge.id}`,
      headers: staff.headers,
    });
    expect(listing.statusCode).toBe(200);
    expect(listing.body).toContain('99 Hidden Lane');
    // The staff listing's response schema names every field of the stored listing: none dropped.
    expect(listing.json()).toEqual({
      ...JSON.parse(JSON.stringify(await loadListing(ctx.db, refuge.id))),
      upcoming_events: [],
    });
    const audits = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, refuge.id));
    expect(audits.map((a) => a.action)).toContain('directory.confidential-read');
  });

  it('staff routes need a signed-in user with directory.read', async () => {
    expect((await publicGet('/api/directory/services')).statusCode).toBe(401);
    const partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
    const res = await ctx.app.inject({ method: 'GET', url: '/api/directory/services', headers: partner.headers });
    expect(res.statusCode).toBe(403);
  });

  it('staff in another ICB do not find the listing', async () => {
    const other = await createTestTenancy(ctx.db);
    const outsider = await signIn(ctx, await createTestUser(ctx.db, other, 'care_coordinator'));
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/directory/services/${refuge.id}`,
      headers: outsider.headers,
    });
    expect(res.statusCode).toBe(404);
    const found = await ctx.app.inject({
      method: 'GET',
      url: '/api/directory/services?text=linnet',
      headers: outsider.headers,
    });
    expect(found.json().total).toBe(0);
  });
});
