import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { createTestApp, createTestTenancy, type TestContext, type TestTenancy } from '../../../test/toolkit.js';
import { directoryMetadata, directoryServices } from '../directory.tables.js';
import {
  assureListing,
  categoryTermId,
  createListing,
  listingHistory,
  loadListing,
  publicListing,
  setListingStatus,
  toListingInput,
  updateListing,
} from './listings.service.js';
import {
  addTestPostcodes,
  createTestListing,
  createTestOrganization,
  TEST_AUTHOR,
  testListingInput,
} from './test-listings.js';

let ctx: TestContext;
let tenancy: TestTenancy;

beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  await addTestPostcodes(ctx.db, [{ postcode: 'NE1 4XX', latitude: 54.9701, longitude: -1.6102 }]);
});

const metadataOf = (serviceId: string) =>
  ctx.db.select().from(directoryMetadata).where(eq(directoryMetadata.serviceId, serviceId));

async function expectError(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the directory listings writer', () => {
  it('creates a whole listing, fills coordinates from the postcode and records its creation field by field', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Quayside Health Walks' });
    expect(listing).toMatchObject({
      name: 'Quayside Health Walks',
      version: 1,
      status: 'active',
      review_interval_months: 6,
      assured_date: null,
      review_due_on: null,
    });
    expect(listing.locations[0]).toMatchObject({
      latitude: 54.9701,
      longitude: -1.6102,
      address: { postal_code: 'NE1 4XX' },
      accessibility: ['Step-free access'],
    });
    expect(listing.categories.map((c) => c.code).sort()).toEqual(['nature-green-space', 'sport-physical-activity']);
    expect(listing.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '11:00' });
    const rows = await metadataOf(listing.id);
    expect(rows.every((r) => r.lastActionType === 'create' && r.updatedBy === 'test fixture')).toBe(true);
    expect(rows.find((r) => r.fieldName === 'name')?.replacementValue).toBe('Quayside Health Walks');
    const [row] = await ctx.db
      .select({ searchText: directoryServices.searchText })
      .from(directoryServices)
      .where(eq(directoryServices.id, listing.id));
    expect(row?.searchText).toContain('Sport and physical activity');
  });

  it('keeps the ids it is given, so an import by id is repeatable', async () => {
    const org = await createTestOrganization(ctx.db, tenancy.icbId);
    const id = '0b7e3a4c-5d6f-4a1b-8c2d-3e4f5a6b7c8d';
    const locationId = '1c8f4b5d-6e7a-4b2c-9d3e-4f5a6b7c8d9e';
    const base = testListingInput(org.id);
    const listing = await createListing(
      ctx.db,
      tenancy.icbId,
      { ...base, id, locations: [{ ...(base.locations[0] as object), id: locationId } as never] },
      TEST_AUTHOR,
    );
    expect(listing.id).toBe(id);
    expect(listing.locations[0]?.id).toBe(locationId);
  });

  it('an edit makes a new version with one metadata row per changed field; the same document again changes nothing', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    const before = (await metadataOf(listing.id)).length;
    const input = toListingInput(listing);
    const edited = {
      ...input,
      referral_capacity: 'waiting_list' as const,
      schedules: input.schedules.map((s) => ({ ...s, opens_at: '10:30' })),
    };
    const { listing: after, changes } = await updateListing(ctx.db, listing.id, edited, TEST_AUTHOR, {
      expectedVersion: 1,
    });
    expect(after.version).toBe(2);
    expect(changes.map((c) => c.field).sort()).toEqual([
      'referral_capacity',
      `schedules[${input.schedules[0]?.id}].opens_at`,
    ]);
    expect(changes.find((c) => c.field === 'referral_capacity')).toMatchObject({
      previous: 'open',
      replacement: 'waiting_list',
    });
    expect((await metadataOf(listing.id)).length).toBe(before + 2);

    const again = await updateListing(ctx.db, listing.id, edited, TEST_AUTHOR);
    expect(again.changes).toEqual([]);
    expect(again.listing.version).toBe(2);
    expect((await metadataOf(listing.id)).length).toBe(before + 2);
  });

  it('a stale edit is a 409 that names who changed the listing, and changes nothing', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    await updateListing(
      ctx.db,
      listing.id,
      { ...toListingInput(listing), name: 'Renamed' },
      { userId: null, label: 'cc@example.org' },
    );
    const err = await expectError(
      updateListing(ctx.db, listing.id, { ...toListingInput(listing), name: 'Mine' }, TEST_AUTHOR, {
        expectedVersion: 1,
      }),
    );
    expect(err.status).toBe(409);
    expect(err.userMessage).toContain('cc@example.org');
    expect((await loadListing(ctx.db, listing.id))?.name).toBe('Renamed');
  });

  it('bad input is a 400 naming the field, and stores nothing', async () => {
    const org = await createTestOrganization(ctx.db, tenancy.icbId);
    const count = async () => (await ctx.db.select().from(directoryServices)).length;
    const n = await count();
    const cases: [Partial<ReturnType<typeof testListingInput>>, string][] = [
      [{ name: ' ' }, 'name'],
      [{ minimum_age: 70, maximum_age: 18 }, 'maximum_age'],
      [
        {
          locations: [
            {
              location_type: 'physical',
              name: 'Hall',
              address: { address_1: '1 Road', city: 'Town', postal_code: 'NOT A CODE' },
            },
          ],
        },
        'locations.0.address.postal_code',
      ],
      [{ schedules: [{ freq: 'MONTHLY', byday: 'TU' }] }, 'schedules.0.byday'],
      [
        { schedules: [{ freq: 'WEEKLY', byday: 'MO', opens_at: '12:00', closes_at: '11:00' }] },
        'schedules.0.closes_at',
      ],
      [{ taxonomy_term_ids: ['2d9e5c6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f'] }, 'taxonomy_term_ids.0'],
      [{ organization_id: '3e0f6d7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a' }, 'organization_id'],
    ];
    for (const [overrides, field] of cases) {
      const err = await expectError(
        createListing(ctx.db, tenancy.icbId, testListingInput(org.id, overrides), TEST_AUTHOR),
      );
      expect(err.status).toBe(400);
      expect(err.details.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await count()).toBe(n);
  });

  it('an organisation of another ICB cannot own a listing here', async () => {
    const other = await createTestTenancy(ctx.db);
    const org = await createTestOrganization(ctx.db, other.icbId);
    const err = await expectError(createListing(ctx.db, tenancy.icbId, testListingInput(org.id), TEST_AUTHOR));
    expect(err.details.errors?.[0]?.field).toBe('organization_id');
  });

  it('confirm unchanged and status changes are versioned and in the history', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    const assured = await assureListing(ctx.db, listing.id, { userId: null, label: 'cc@example.org' });
    expect(assured.assured_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(assured.assurer_email).toBe('cc@example.org');
    expect(assured.review_due_on).not.toBeNull();
    const retired = await setListingStatus(ctx.db, listing.id, 'inactive', TEST_AUTHOR);
    expect(retired.status).toBe('inactive');
    const history = await listingHistory(ctx.db, listing.id);
    expect(history[0]).toMatchObject({
      action: 'status',
      field: 'status',
      previous: 'active',
      replacement: 'inactive',
    });
    expect(history.some((h) => h.action === 'assure' && h.field === 'assured_date')).toBe(true);
  });

  it('the public view of a confidential location has no address or coordinates; the staff view keeps them', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Safe Haven Support',
      taxonomy_term_ids: [categoryTermId('housing-advice')],
      locations: [
        {
          location_type: 'physical',
          name: 'Refuge',
          confidential: true,
          address: { address_1: '9 Hidden Lane', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
        },
      ],
    });
    expect(listing.locations[0]?.address?.address_1).toBe('9 Hidden Lane');
    const text = JSON.stringify(publicListing(listing));
    expect(text).not.toContain('Hidden Lane');
    expect(text).not.toContain('NE1 4XX');
    expect(text).not.toContain('54.97');
    expect(text).not.toContain('Refuge');
    const [row] = await ctx.db
      .select({ searchText: directoryServices.searchText })
      .from(directoryServices)
      .where(eq(directoryServices.id, listing.id));
    expect(row?.searchText).toContain('Housing advice');
    expect(row?.searchText).not.toContain('Refuge');
  });
});
