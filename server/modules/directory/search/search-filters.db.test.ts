import { beforeAll, describe, expect, it } from 'vitest';
import { categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { createTestListing, TEST_AUTHOR } from '../listings/test-listings.js';
import { ctx, idsOf, publicGet, search, setUpSearchTests, tenancy } from './test-directory-search.js';

// Directory search filters: day, age, category, status, and the 400s of bad values.

beforeAll(setUpSearchTests);

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
