import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { directoryReports } from '../directory.tables.js';
import { assureListing, categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { createTestListing, TEST_AUTHOR } from '../listings/test-listings.js';
import { ctx, physical, publicGet, setUpSearchTests, staff, tenancy } from './test-directory-search.js';

// The listing pages behind search results, the categories, the declared public fields, and
// "this is out of date" reports.

beforeAll(setUpSearchTests);

describe('public listing pages and categories', () => {
  it('404 for an unknown or closed-for-good listing', async () => {
    const gone = await createTestListing(ctx.db, tenancy.icbId, { name: 'Dunlin Closed Club' });
    await setListingStatus(ctx.db, gone.id, 'defunct', TEST_AUTHOR);
    expect((await publicGet(`/api/public/directory/services/${gone.id}`)).statusCode).toBe(404);
    expect((await publicGet('/api/public/directory/services/6f1d7a00-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await publicGet('/api/public/directory/services/not-an-id')).statusCode).toBe(400);
  });

  it('lists the social prescribing categories', async () => {
    const res = await publicGet('/api/public/directory/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({ id: categoryTermId('food'), code: 'food', name: 'Food' });
  });
});

describe('public answers carry only the fields they declare (issue 9, finding 8)', () => {
  const LISTING_KEYS = [
    'accreditations',
    'alert',
    'assured_date',
    'categories',
    'contacts',
    'cost_options',
    'description',
    'eligibility_description',
    'email',
    'fees',
    'id',
    'languages',
    'last_modified',
    'locations',
    'maximum_age',
    'minimum_age',
    'name',
    'organization',
    'phones',
    'referral_capacity',
    'review_due_on',
    'schedules',
    'self_referral',
    'service_areas',
    'status',
    'upcoming_events',
    'url',
  ];
  const LOCATION_KEYS = [
    'accessibility',
    'address',
    'confidential',
    'description',
    'id',
    'latitude',
    'location_type',
    'longitude',
    'name',
  ];
  const keys = (o: object) => Object.keys(o).sort();

  it('the public listing has exactly its public fields: no assurer_email, version or icb_id', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Dotterel Darts Club',
      locations: [
        physical('Dotterel Hall', 'NE1 2BB'),
        physical('Dotterel Refuge', 'NE1 3CC', {
          confidential: true,
          address: { address_1: '5 Unlisted Row', city: 'Testington', postal_code: 'NE1 3CC' },
        }),
      ],
    });
    await assureListing(ctx.db, listing.id, { userId: null, label: 'verifier.staff@nhs.example' });

    const res = await publicGet(`/api/public/directory/services/${listing.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(keys(body)).toEqual(LISTING_KEYS);
    expect(keys(body.organization)).toEqual(['id', 'name']);
    expect(body.locations).toHaveLength(2);
    for (const location of body.locations) expect(keys(location)).toEqual(LOCATION_KEYS);
    expect(keys(body.locations[0].address)).toEqual(['address_1', 'address_2', 'city', 'postal_code', 'region']);
    expect(body.locations[1]).toMatchObject({ confidential: true, address: null, name: 'Confidential location' });
    expect(keys(body.schedules[0])).toEqual(
      [
        'attending_type',
        'byday',
        'bymonthday',
        'closes_at',
        'description',
        'freq',
        'id',
        'interval',
        'location_id',
        'notes',
        'opens_at',
        'valid_from',
        'valid_to',
      ].sort(),
    );
    expect(keys(body.phones[0])).toEqual(['description', 'id', 'number']);
    for (const staffOnly of ['verifier.staff@nhs.example', tenancy.icbId, '5 Unlisted Row']) {
      expect(res.body).not.toContain(staffOnly);
    }

    // The staff view still has everything (it is another route, for signed-in staff).
    const staffView = await ctx.app.inject({
      method: 'GET',
      url: `/api/directory/services/${listing.id}`,
      headers: staff.headers,
    });
    expect(staffView.json()).toMatchObject({
      assurer_email: 'verifier.staff@nhs.example',
      icb_id: tenancy.icbId,
      version: expect.any(Number),
    });
  });

  it('search results and categories have exactly their declared fields too', async () => {
    await createTestListing(ctx.db, tenancy.icbId, { name: 'Dotterel Chess Club' });
    const res = await publicGet('/api/public/directory/services?text=dotterel');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(keys(page)).toEqual(['page', 'per_page', 'results', 'total']);
    expect(page.results.length).toBeGreaterThan(0);
    for (const result of page.results) {
      expect(keys(result)).toEqual(
        [
          'area_wide',
          'assured_date',
          'categories',
          'confidential_location',
          'description',
          'distance_miles',
          'id',
          'last_modified',
          'name',
          'next_event',
          'opening',
          'organization_name',
          'referral_capacity',
          'review_due',
          'status',
          'where',
        ].sort(),
      );
    }
    const categories = await publicGet('/api/public/directory/categories');
    for (const c of categories.json()) expect(keys(c)).toEqual(['code', 'id', 'name']);
  });
});

describe('"this is out of date" reports', () => {
  const reportsOf = (serviceId: string) =>
    ctx.db.select().from(directoryReports).where(eq(directoryReports.serviceId, serviceId));

  it('stores a report for the review queue (201) with the service’s ICB', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Tern Lunch Club' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/directory/services/${listing.id}/reports`,
      payload: { message: 'They moved to the library in March.', reporter_email: 'resident@example.com' },
      remoteAddress: '10.0.0.1',
    });
    expect(res.statusCode).toBe(201);
    const [stored] = await reportsOf(listing.id);
    expect(stored).toMatchObject({
      id: res.json().id,
      icbId: tenancy.icbId,
      message: 'They moved to the library in March.',
      reporterEmail: 'resident@example.com',
      resolvedAt: null,
    });
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'directory.report' AND ${auditEvents.entityId} = ${listing.id}`);
    expect(audit).toMatchObject({ actorUserId: null });
    expect(JSON.stringify(audit?.details)).not.toContain('resident@example.com');
  });

  it.each([
    ['message', { message: '' }],
    ['message', { message: 'x'.repeat(2001) }],
    ['message', {}],
    ['reporter_email', { message: 'Closed now', reporter_email: 'not-an-email' }],
  ])('answers 400 naming %s and stores nothing', async (field, payload) => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Tern Bad Report Club' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/directory/services/${listing.id}/reports`,
      payload,
      remoteAddress: '10.0.0.2',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    expect(await reportsOf(listing.id)).toEqual([]);
  });

  it('404 for an unknown service', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/directory/services/6f1d7a00-0000-4000-8000-000000000000/reports',
      payload: { message: 'Gone' },
      remoteAddress: '10.0.0.3',
    });
    expect(res.statusCode).toBe(404);
  });

  it('is rate limited per address', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Tern Busy Club' });
    const send = (remoteAddress: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/directory/services/${listing.id}/reports`,
        payload: { message: 'Out of date' },
        remoteAddress,
      });
    for (let i = 0; i < 10; i++) expect((await send('10.0.0.4')).statusCode).toBe(201);
    expect((await send('10.0.0.4')).statusCode).toBe(429);
    expect((await send('10.0.0.5')).statusCode).toBe(201);
    expect(await reportsOf(listing.id)).toHaveLength(11);
  });
});
