import { beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import { createTestListing } from '../listings/test-listings.js';
import {
  ctx,
  idsOf,
  ORIGIN,
  online,
  physical,
  publicGet,
  search,
  setUpSearchTests,
  tenancy,
} from './test-directory-search.js';

// Directory search by distance from a postcode: miles on the page, metres inside.

beforeAll(setUpSearchTests);

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
