import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectorySearchPage, Listing, ListingLocation } from '../../../../common/directory.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import { directoryReports } from '../directory.tables.js';
import { assureListing, categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing, TEST_AUTHOR } from '../listings/test-listings.js';
import { searchServices } from './search.service.js';

let ctx: TestContext;
let tenancy: TestTenancy;
let staff: Session;

// Synthetic postcodes: NE1 1AA is the origin; NE1 2BB about a third of a mile away; DL8 5ZZ ~48 miles.
const ORIGIN = 'NE1 1AA';
beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  await addTestPostcodes(ctx.db, [
    { postcode: 'NE1 1AA', latitude: 54.97, longitude: -1.61 },
    { postcode: 'NE1 2BB', latitude: 54.974, longitude: -1.615 },
    { postcode: 'NE1 3CC', latitude: 54.972, longitude: -1.6 },
    { postcode: 'DL8 5ZZ', latitude: 54.28, longitude: -1.85 },
  ]);
  staff = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
});

const physical = (name: string, postcode: string, extra: Partial<ListingLocation> = {}): ListingLocation => ({
  location_type: 'physical',
  name,
  address: { address_1: '1 Test Street', city: 'Testington', postal_code: postcode },
  accessibility: [],
  ...extra,
});

const online: ListingLocation = { location_type: 'virtual', name: 'Online', accessibility: [] };

const search = (query: Parameters<typeof searchServices>[1], audience: 'public' | 'staff' = 'public') =>
  searchServices(ctx.db, query, audience);
const idsOf = (page: DirectorySearchPage) => page.results.map((r) => r.id);

async function publicGet(url: string) {
  return ctx.app.inject({ method: 'GET', url });
}

describe('free text', () => {
  it('still finds a service when the query is misspelt', async () => {
    const walking = await createTestListing(ctx.db, tenancy.icbId, { name: 'Brambleton Walking Group' });
    const befriending = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Brambleton Befriending Service',
      description: 'A volunteer phones you every week for a chat.',
    });

    const exact = await search({ text: 'walking group' });
    expect(idsOf(exact)).toContain(walking.id);

    const misspelt = await search({ text: 'walkng grup' });
    expect(idsOf(misspelt)[0]).toBe(walking.id);
    expect(idsOf(misspelt)).not.toContain(befriending.id);

    expect(idsOf(await search({ text: 'befriendng' }))).toContain(befriending.id);
    expect(idsOf(await search({ text: 'completely unrelated xylophone' }))).toEqual([]);
  });

  it('corrects misspelt words against the directory’s own words, so the best match still comes first', async () => {
    const walk = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Quillby Walk and Talk',
      description: 'A friendly walking group by the river.',
    });
    const recovery = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Quillby Recovery Group',
      description: 'Peer support for people cutting down on drinking.',
      taxonomy_term_ids: [],
    });
    // "walkng" is in no name: only the correction ("walking", from the description) finds it.
    const page = await search({ text: 'quillby walkng grup' });
    expect(page.corrected_text).toBe('quillby walking group');
    expect(idsOf(page)).toEqual([walk.id]);
    expect(idsOf(page)).not.toContain(recovery.id);
    // Correctly spelt queries are not "corrected", nor one whose words match as typed ("walks"
    // is no word of the directory's, but its stem matches "walking").
    expect((await search({ text: 'quillby walking' })).corrected_text).toBeUndefined();
    const walks = await search({ text: 'quillby walks' });
    expect(idsOf(walks)).toEqual([walk.id]);
    expect(walks.corrected_text).toBeUndefined();
  });

  it('ranks a name match above a description match', async () => {
    const named = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Fennick Pottery Workshop',
      description: 'Make things from clay.',
    });
    const described = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Fennick Craft Club',
      description: 'Knitting, sewing and sometimes a pottery session.',
    });
    const ids = idsOf(await search({ text: 'pottery' }));
    expect(ids.indexOf(named.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(named.id)).toBeLessThan(ids.indexOf(described.id));
  });
});

describe('one search for the directory pages and /oruk', () => {
  it('matches the same services for the same words, misspelt or not', async () => {
    const pottery = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Garrow Pottery Workshop',
      description: 'Make things from clay.',
    });
    // "potter" is not "pottery": full text (stemmed) tells them apart. The old /oruk rule also
    // took any word trigram-similar to a word of the text, so it found this one too.
    await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Garrow Wheel Club',
      description: 'Learn to throw on a potter’s wheel.',
    });
    const both = async (text: string) => {
      const pages = idsOf(await search({ text }));
      const res = await publicGet(`/oruk/services?search=${encodeURIComponent(text)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().contents.map((c: { id: string }) => c.id)).toEqual(pages);
      return pages;
    };
    expect(await both('garrow pottery')).toEqual([pottery.id]);
    expect(await both('garrow poterry')).toEqual([pottery.id]);
    expect(await both('garrow xylophone')).toEqual([]);
  });
});

describe('distance from a postcode', () => {
  let near: Listing;
  let far: Listing;
  let onlineOnly: Listing;
  let phoneOnly: Listing;
  let areaWide: Listing;
  beforeAll(async () => {
    const base = { schedules: [], service_areas: [] };
    near = await createTestListing(ctx.db, tenancy.icbId, {
      ...base,
      name: 'Osprey Near Club',
      locations: [physical('Osprey Hall', 'NE1 2BB')],
    });
    far = await createTestListing(ctx.db, tenancy.icbId, {
      ...base,
      name: 'Osprey Far Club',
      locations: [physical('Osprey Dales Hut', 'DL8 5ZZ')],
    });
    onlineOnly = await createTestListing(ctx.db, tenancy.icbId, {
      ...base,
      name: 'Osprey Online Club',
      locations: [online],
    });
    phoneOnly = await createTestListing(ctx.db, tenancy.icbId, { ...base, name: 'Osprey Helpline', locations: [] });
    areaWide = await createTestListing(ctx.db, tenancy.icbId, {
      ...base,
      name: 'Osprey County Club',
      locations: [physical('Osprey Dales Barn', 'DL8 5ZZ')],
      service_areas: [{ name: 'The whole of Northshire' }],
    });
  });

  it('keeps online, phone and area-wide services and drops a far physical one', async () => {
    const page = await search({ text: 'osprey', postcode: ORIGIN, within_miles: 5 });
    const ids = idsOf(page);
    expect(ids).toEqual(expect.arrayContaining([near.id, onlineOnly.id, phoneOnly.id, areaWide.id]));
    expect(ids).not.toContain(far.id);
    const byId = new Map(page.results.map((r) => [r.id, r]));
    expect(byId.get(near.id)).toMatchObject({
      area_wide: false,
      where: { name: 'Osprey Hall', postal_code: 'NE1 2BB' },
    });
    expect(byId.get(near.id)?.distance_miles).toBeGreaterThan(0.1);
    expect(byId.get(near.id)?.distance_miles).toBeLessThan(1);
    for (const id of [onlineOnly.id, phoneOnly.id, areaWide.id]) expect(byId.get(id)?.area_wide).toBe(true);
    expect(byId.get(onlineOnly.id)?.distance_miles).toBeNull();

    // A wide enough radius brings the far one back.
    expect(idsOf(await search({ text: 'osprey', postcode: ORIGIN, within_miles: 60 }))).toContain(far.id);
  });

  it('sorts by distance: the nearest physical service first, the ones without a place after', async () => {
    const page = await search({ text: 'osprey', postcode: ORIGIN, within_miles: 60, sort: 'distance' });
    const ids = idsOf(page);
    expect(ids[0]).toBe(near.id);
    expect(ids.indexOf(far.id)).toBeLessThan(ids.indexOf(onlineOnly.id));
    // Without text, a postcode search sorts by distance by default.
    const noText = await search({ postcode: ORIGIN, within_miles: 60 });
    const distances = noText.results.map((r) => r.distance_miles).filter((d): d is number => d !== null);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('says when the postcode is not in the postcode directory, and does not filter by distance', async () => {
    const page = await search({ text: 'osprey', postcode: 'ZZ9 9ZZ' });
    expect(page.postcode_unknown).toBe(true);
    expect(idsOf(page)).toContain(far.id);
  });

  it('answers 400 naming postcode when it is not a UK postcode', async () => {
    const res = await publicGet('/api/public/directory/services?postcode=not-a-postcode');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'postcode' })]);
  });
});

describe('filters', () => {
  it('open on a day honours weekly and monthly schedules', async () => {
    const tuesdays = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Heron Tuesday Club',
      schedules: [{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '12:00' }],
    });
    const firstThursday = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Heron Monthly Supper',
      schedules: [{ freq: 'MONTHLY', byday: '1TH', opens_at: '18:00', closes_at: '20:00' }],
    });
    const mondaysWednesdays = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Heron Swim',
      schedules: [
        { freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00', closes_at: '10:00' },
        { freq: 'WEEKLY', byday: 'MO', opens_at: '18:00', closes_at: '19:00' },
      ],
    });
    const on = async (day: 'TU' | 'TH' | 'WE' | 'SU') => idsOf(await search({ text: 'heron', day }));
    expect(await on('TU')).toEqual([tuesdays.id]);
    expect(await on('TH')).toEqual([firstThursday.id]);
    expect(await on('WE')).toEqual([mondaysWednesdays.id]);
    expect(await on('SU')).toEqual([]);

    const result = (await search({ text: 'heron supper' })).results.find((r) => r.id === firstThursday.id);
    expect(result?.opening).toEqual(['First Thursday of the month 18:00 to 20:00']);
    const swim = (await search({ text: 'heron swim' })).results.find((r) => r.id === mondaysWednesdays.id);
    expect(swim?.opening).toEqual(['Mondays and Wednesdays 09:00 to 10:00', 'Mondays 18:00 to 19:00']);
  });

  it('age keeps services whose range includes it (no bound = no limit)', async () => {
    const older = await createTestListing(ctx.db, tenancy.icbId, { name: 'Wren Over 65s', minimum_age: 65 });
    const young = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Wren Youth Club',
      minimum_age: 11,
      maximum_age: 18,
    });
    const anyone = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Wren Open Door',
      minimum_age: null,
      maximum_age: null,
    });
    expect(idsOf(await search({ text: 'wren', age: 16 })).sort()).toEqual([young.id, anyone.id].sort());
    expect(idsOf(await search({ text: 'wren', age: 70 })).sort()).toEqual([older.id, anyone.id].sort());
    expect(idsOf(await search({ text: 'wren', age: 18 })).sort()).toEqual([young.id, anyone.id].sort());
  });

  it('category keeps services with that taxonomy term', async () => {
    const food = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Plover Pantry',
      taxonomy_term_ids: [categoryTermId('food')],
    });
    await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Plover Painters',
      taxonomy_term_ids: [categoryTermId('arts-culture')],
    });
    const page = await search({ text: 'plover', category: categoryTermId('food') });
    expect(idsOf(page)).toEqual([food.id]);
    expect(page.results[0]?.categories).toEqual([{ id: categoryTermId('food'), name: 'Food' }]);
  });

  it('public search shows only open listings; staff may include closed ones', async () => {
    const open = await createTestListing(ctx.db, tenancy.icbId, { name: 'Curlew Open Club' });
    const paused = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Curlew Paused Club',
      status: 'temporarily closed',
    });
    const retired = await createTestListing(ctx.db, tenancy.icbId, { name: 'Curlew Retired Club' });
    await setListingStatus(ctx.db, retired.id, 'inactive', TEST_AUTHOR);
    expect(idsOf(await search({ text: 'curlew' })).sort()).toEqual([open.id, paused.id].sort());
    expect(idsOf(await search({ text: 'curlew', include_closed: true })).sort()).toEqual([open.id, paused.id].sort());
    expect(idsOf(await search({ text: 'curlew', include_closed: true }, 'staff'))).toContain(retired.id);
  });

  it('every result says whether it takes referrals and when it was verified', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Siskin Waiting List Group',
      referral_capacity: 'waiting_list',
    });
    const [result] = (await search({ text: 'siskin' })).results;
    expect(result).toMatchObject({
      id: listing.id,
      referral_capacity: 'waiting_list',
      assured_date: null,
      review_due: true, // never verified
      organization_name: expect.any(String),
    });
  });

  it.each([
    ['age', 'abc'],
    ['age', '200'],
    ['day', 'XX'],
    ['within_miles', '0'],
    ['page', '0'],
    ['per_page', '1000'],
    ['sort', 'best'],
    ['category', 'food'],
  ])('answers 400 naming %s for a bad value (%s)', async (field, value) => {
    const res = await publicGet(`/api/public/directory/services?${field}=${value}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
  });
});

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
    'service_areas',
    'status',
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
