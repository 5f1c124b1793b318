import { randomUUID } from 'node:crypto';
import { type AnyColumn, eq, inArray, or } from 'drizzle-orm';
import { beforeAll, expect } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signInWithNewSecondFactor,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import {
  directoryAddresses,
  directoryLocations,
  directoryServiceAtLocations,
  directoryServices,
} from '../directory.tables.js';
import * as details from '../directory-details.tables.js';
import { categoryTermId } from './listings.service.js';
import { addTestPostcodes, createTestListing } from './test-listings.js';

// Issue 9, finding 2: location ids (and every other child id) are public in /oruk, so a listing
// document must never reach rows of another listing through them. ICB 1 has a refuge; ICB 2's
// admin attacks it through the API, and the refuge must come out unchanged in every public
// answer and in the database.
//
// What the ownership tests share: the two ICBs, their admins, ICB 1's refuge and the checks that
// it is unchanged. Call setUpOwnershipTests() once at the top of a test file.

export let ctx: TestContext;
export let icb1: TestTenancy;
export let icb2: TestTenancy;
export let admin1: Session;
export let admin2: Session;
export let refuge: Listing;

export const REFUGE_STREET = '12 Secret Close';
export const REFUGE_POSTCODE = 'NE7 7ZZ';
export const REFUGE_NAME = 'Kestrel House';
export const ATTACKER_STREET = '1 Attacker Street';
export const ATTACKER_POSTCODE = 'NE2 2AA';

export function setUpOwnershipTests(): void {
  beforeAll(async () => {
    ctx = await createTestApp();
    icb1 = await createTestTenancy(ctx.db);
    icb2 = await createTestTenancy(ctx.db);
    await addTestPostcodes(ctx.db, [
      { postcode: REFUGE_POSTCODE, latitude: 54.99, longitude: -1.57 },
      { postcode: ATTACKER_POSTCODE, latitude: 54.98, longitude: -1.6 },
    ]);
    admin1 = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, icb1, 'admin'));
    admin2 = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, icb2, 'admin'));
    refuge = await createTestListing(ctx.db, icb1.icbId, {
      name: 'Kestrel Refuge Outreach',
      taxonomy_term_ids: [categoryTermId('housing-advice')],
      phones: [{ number: '0191 496 0777', description: 'Helpline' }],
      contacts: [{ name: 'Duty Worker', title: 'Outreach', email: 'duty@example.org' }],
      languages: [{ name: 'English', code: 'en' }],
      cost_options: [{ option: 'Free', amount: 0 }],
      service_areas: [{ name: 'Tyneside' }],
      locations: [
        {
          location_type: 'physical',
          name: REFUGE_NAME,
          confidential: true,
          description: 'Ring the side bell',
          address: { address_1: REFUGE_STREET, city: 'Newcastle upon Tyne', postal_code: REFUGE_POSTCODE },
          accessibility: ['Level access at the back'],
        },
      ],
      schedules: [{ freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '17:00' }],
    });
  });
}

export const refugeLocationId = () => refuge.locations[0]?.id as string;

export const importOruk = (documents: unknown[], s: Session) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/import/oruk', headers: s.headers, payload: documents });

/** A new ORUK service document of the attacker's; override anything. */
export function orukDocument(overrides: Record<string, unknown> = {}) {
  const id = randomUUID();
  return {
    id,
    name: `Totally Legit Service ${id.slice(0, 6)}`,
    description: 'Nothing to see here.',
    status: 'active',
    organization: { id: randomUUID(), name: `Attacker Org ${id.slice(0, 6)}`, description: 'A test organisation.' },
    service_at_locations: [],
    ...overrides,
  };
}

/** The attacker's version of a location: their own address on someone else's id. */
export function attackerLocation(locationId: string) {
  return {
    id: randomUUID(),
    location: {
      id: locationId,
      location_type: 'physical',
      name: 'Public Drop-in',
      addresses: [
        {
          address_1: ATTACKER_STREET,
          city: 'Newcastle upon Tyne',
          postal_code: ATTACKER_POSTCODE,
          address_type: 'physical',
        },
      ],
    },
  };
}

/** Every stored row of the listing and its children (and every link to its locations). */
export async function rowsOf(listing: Listing) {
  const locationIds = listing.locations.map((l) => l.id as string);
  const ids = (children: { id?: string }[]) => children.map((c) => c.id as string);
  const mineOr = (serviceId: AnyColumn, id: AnyColumn, childIds: string[]) =>
    or(eq(serviceId, listing.id), inArray(id, childIds));
  return {
    service: await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, listing.id)),
    locations: await ctx.db.select().from(directoryLocations).where(inArray(directoryLocations.id, locationIds)),
    addresses: await ctx.db
      .select()
      .from(directoryAddresses)
      .where(inArray(directoryAddresses.locationId, locationIds)),
    accessibility: await ctx.db
      .select()
      .from(details.directoryAccessibility)
      .where(inArray(details.directoryAccessibility.locationId, locationIds))
      .orderBy(details.directoryAccessibility.id),
    links: await ctx.db
      .select()
      .from(directoryServiceAtLocations)
      .where(inArray(directoryServiceAtLocations.locationId, locationIds))
      .orderBy(directoryServiceAtLocations.id),
    phones: await ctx.db
      .select()
      .from(details.directoryPhones)
      .where(mineOr(details.directoryPhones.serviceId, details.directoryPhones.id, ids(listing.phones)))
      .orderBy(details.directoryPhones.id),
    contacts: await ctx.db
      .select()
      .from(details.directoryContacts)
      .where(mineOr(details.directoryContacts.serviceId, details.directoryContacts.id, ids(listing.contacts)))
      .orderBy(details.directoryContacts.id),
    languages: await ctx.db
      .select()
      .from(details.directoryLanguages)
      .where(mineOr(details.directoryLanguages.serviceId, details.directoryLanguages.id, ids(listing.languages)))
      .orderBy(details.directoryLanguages.id),
    costs: await ctx.db
      .select()
      .from(details.directoryCostOptions)
      .where(mineOr(details.directoryCostOptions.serviceId, details.directoryCostOptions.id, ids(listing.cost_options)))
      .orderBy(details.directoryCostOptions.id),
    areas: await ctx.db
      .select()
      .from(details.directoryServiceAreas)
      .where(
        mineOr(details.directoryServiceAreas.serviceId, details.directoryServiceAreas.id, ids(listing.service_areas)),
      )
      .orderBy(details.directoryServiceAreas.id),
    schedules: await ctx.db
      .select()
      .from(details.directorySchedules)
      .where(mineOr(details.directorySchedules.serviceId, details.directorySchedules.id, ids(listing.schedules)))
      .orderBy(details.directorySchedules.id),
  };
}

/** The refuge as every public answer shows it: still confidential, no real or attacker's address. */
export async function expectRefugeStillHidden(): Promise<void> {
  const oruk = await ctx.app.inject({ method: 'GET', url: `/oruk/services/${refuge.id}` });
  expect(oruk.statusCode).toBe(200);
  const links = oruk.json().service_at_locations as { location: Record<string, unknown> }[];
  expect(links.map((l) => l.location)).toEqual([
    {
      id: refugeLocationId(),
      location_type: 'physical',
      name: 'Confidential location',
      addresses: [],
      accessibility: [],
    },
  ]);
  const list = await ctx.app.inject({ method: 'GET', url: '/oruk/service_at_locations?per_page=200' });
  expect(list.statusCode).toBe(200);
  const mine = (list.json().contents as { location_id: string; location: Record<string, unknown> }[]).filter(
    (c) => c.location_id === refugeLocationId(),
  );
  expect(mine.map((c) => c.location)).toEqual([
    { id: refugeLocationId(), location_type: 'physical', name: 'Confidential location' },
  ]);
  const publicListing = await ctx.app.inject({ method: 'GET', url: `/api/public/directory/services/${refuge.id}` });
  expect(publicListing.statusCode).toBe(200);
  expect(publicListing.json().locations).toEqual([
    expect.objectContaining({ id: refugeLocationId(), confidential: true, address: null, latitude: null }),
  ]);
  for (const body of [oruk.body, list.body, publicListing.body]) {
    for (const secret of [REFUGE_STREET, REFUGE_POSTCODE, REFUGE_NAME, ATTACKER_STREET, ATTACKER_POSTCODE]) {
      expect(body).not.toContain(secret);
    }
  }
}
