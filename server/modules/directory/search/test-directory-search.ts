import type { DirectorySearchPage, ListingLocation } from '../../../../common/directory.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import { addTestPostcodes } from '../listings/test-listings.js';
import { searchServices } from './search.service.js';

// Shared by the directory search database tests: an app, an ICB with a signed-in care
// coordinator, synthetic postcodes, and short ways to search and to read the public routes.

export let ctx: TestContext;
export let tenancy: TestTenancy;
export let staff: Session;

// Synthetic postcodes: NE1 1AA is the origin; NE1 2BB about a third of a mile away; DL8 5ZZ ~48 miles.
export const ORIGIN = 'NE1 1AA';

/** Each file's beforeAll: the app, the ICB, the postcodes and the staff session. */
export async function setUpSearchTests(): Promise<void> {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  await addTestPostcodes(ctx.db, [
    { postcode: 'NE1 1AA', latitude: 54.97, longitude: -1.61 },
    { postcode: 'NE1 2BB', latitude: 54.974, longitude: -1.615 },
    { postcode: 'NE1 3CC', latitude: 54.972, longitude: -1.6 },
    { postcode: 'DL8 5ZZ', latitude: 54.28, longitude: -1.85 },
  ]);
  staff = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
}

export const physical = (name: string, postcode: string, extra: Partial<ListingLocation> = {}): ListingLocation => ({
  location_type: 'physical',
  name,
  address: { address_1: '1 Test Street', city: 'Testington', postal_code: postcode },
  accessibility: [],
  ...extra,
});

export const online: ListingLocation = { location_type: 'virtual', name: 'Online', accessibility: [] };

export const search = (query: Parameters<typeof searchServices>[1], audience: 'public' | 'staff' = 'public') =>
  searchServices(ctx.db, query, audience);
export const idsOf = (page: DirectorySearchPage) => page.results.map((r) => r.id);

export async function publicGet(url: string) {
  return ctx.app.inject({ method: 'GET', url });
}
