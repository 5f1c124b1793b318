import { randomUUID } from 'node:crypto';
import { type AnyColumn, eq, inArray, or } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  signInWithNewSecondFactor,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import {
  directoryAddresses,
  directoryChangeRequests,
  directoryLocations,
  directoryOrganizations,
  directoryServiceAtLocations,
  directoryServices,
} from '../directory.tables.js';
import * as details from '../directory-details.tables.js';
import { categoryTermId, createListing, loadListing, toListingInput, updateListing } from './listings.service.js';
import {
  addTestPostcodes,
  createTestListing,
  createTestOrganization,
  TEST_AUTHOR,
  testListingInput,
} from './test-listings.js';

// Issue 9, finding 2: location ids (and every other child id) are public in /oruk, so a listing
// document must never reach rows of another listing through them. ICB 1 has a refuge; ICB 2's
// admin attacks it through the API, and the refuge must come out unchanged in every public
// answer and in the database.

let ctx: TestContext;
let icb1: TestTenancy;
let icb2: TestTenancy;
let admin1: Session;
let admin2: Session;
let refuge: Listing;

const REFUGE_STREET = '12 Secret Close';
const REFUGE_POSTCODE = 'NE7 7ZZ';
const REFUGE_NAME = 'Kestrel House';
const ATTACKER_STREET = '1 Attacker Street';
const ATTACKER_POSTCODE = 'NE2 2AA';

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

const refugeLocationId = () => refuge.locations[0]?.id as string;

const importOruk = (documents: unknown[], s: Session) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/import/oruk', headers: s.headers, payload: documents });

/** A new ORUK service document of the attacker's; override anything. */
function orukDocument(overrides: Record<string, unknown> = {}) {
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
function attackerLocation(locationId: string) {
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
async function rowsOf(listing: Listing) {
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
async function expectRefugeStillHidden(): Promise<void> {
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

describe('ORUK import by another ICB’s admin', () => {
  it('refuses a new service that names ICB 1’s refuge location; the refuge is unchanged everywhere', async () => {
    const before = await rowsOf(refuge);
    const attack = orukDocument({ service_at_locations: [attackerLocation(refugeLocationId())] });
    const res = await importOruk([attack], admin2);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        {
          index: 0,
          id: attack.id,
          field: 'service_at_locations.0.location.id',
          message: expect.stringContaining('belongs to another listing'),
        },
      ],
    });
    expect(await rowsOf(refuge)).toEqual(before);
    // Nothing of the document was written, its organisation included.
    expect((await ctx.app.inject({ method: 'GET', url: `/oruk/services/${attack.id}` })).statusCode).toBe(404);
    expect(
      await ctx.db.select().from(directoryOrganizations).where(eq(directoryOrganizations.id, attack.organization.id)),
    ).toEqual([]);
    await expectRefugeStillHidden();
  });

  it('refuses the refuge location in an update of one of its own listings too', async () => {
    const own = orukDocument();
    expect((await importOruk([own], admin2)).json()).toMatchObject({ created: 1, errors: [] });
    const before = await rowsOf(refuge);
    const res = await importOruk([{ ...own, service_at_locations: [attackerLocation(refugeLocationId())] }], admin2);
    expect(res.json()).toMatchObject({
      updated: 0,
      errors: [{ index: 0, field: 'service_at_locations.0.location.id' }],
    });
    expect(await rowsOf(refuge)).toEqual(before);
    expect((await loadListing(ctx.db, own.id))?.locations).toEqual([]);
    await expectRefugeStillHidden();
  });

  it('refuses each of ICB 1’s phone, contact, language, cost, area and schedule ids, naming the path', async () => {
    const before = await rowsOf(refuge);
    const theirs = (list: { id?: string }[]) => list[0]?.id as string;
    const documents = [
      orukDocument({ phones: [{ id: theirs(refuge.phones), number: '0191 496 0999' }] }),
      orukDocument({ contacts: [{ id: theirs(refuge.contacts), name: 'Mallory' }] }),
      orukDocument({ languages: [{ id: theirs(refuge.languages), name: 'Klingon' }] }),
      orukDocument({ cost_options: [{ id: theirs(refuge.cost_options), option: '£500' }] }),
      orukDocument({ service_areas: [{ id: theirs(refuge.service_areas), name: 'Everywhere' }] }),
      orukDocument({
        schedules: [
          { id: theirs(refuge.schedules), freq: 'WEEKLY', byday: 'SU', opens_at: '01:00', closes_at: '02:00' },
        ],
      }),
    ];
    const res = await importOruk(documents, admin2);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 0, updated: 0 });
    expect(body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [0, 'phones.0.id'],
      [1, 'contacts.0.id'],
      [2, 'languages.0.id'],
      [3, 'cost_options.0.id'],
      [4, 'service_areas.0.id'],
      [5, 'schedules.0.id'],
    ]);
    for (const e of body.errors) expect(e.message).toContain('belongs to another listing');
    expect(await rowsOf(refuge)).toEqual(before);
  });

  it('refuses a service_at_location id and an organisation id of ICB 1, overwriting neither', async () => {
    const before = await rowsOf(refuge);
    const [org] = await ctx.db
      .select()
      .from(directoryOrganizations)
      .where(eq(directoryOrganizations.id, refuge.organization_id));
    const salId = before.links[0]?.id as string;
    const ownLocation = {
      id: randomUUID(),
      location_type: 'virtual',
      name: 'Online',
      addresses: [],
    };
    const res = await importOruk(
      [
        orukDocument({ service_at_locations: [{ id: salId, location: ownLocation }] }),
        orukDocument({
          organization: { id: refuge.organization_id, name: 'Renamed By ICB 2', description: 'Hijacked' },
        }),
      ],
      admin2,
    );
    expect(res.json().errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [0, 'service_at_locations.0.id'],
      [1, 'organization.id'],
    ]);
    expect(res.json()).toMatchObject({ created: 0 });
    expect(await rowsOf(refuge)).toEqual(before);
    expect(
      await ctx.db.select().from(directoryOrganizations).where(eq(directoryOrganizations.id, refuge.organization_id)),
    ).toEqual([org]);
  });
});

describe('within one ICB', () => {
  it('refuses a location of another organisation’s listing', async () => {
    const before = await rowsOf(refuge);
    const res = await importOruk(
      [orukDocument({ service_at_locations: [attackerLocation(refugeLocationId())] })],
      admin1,
    );
    expect(res.json()).toMatchObject({
      created: 0,
      errors: [{ field: 'service_at_locations.0.location.id', message: expect.stringContaining('another listing') }],
    });
    expect(await rowsOf(refuge)).toEqual(before);
  });

  it('lets a service of the same organisation share a place, which stays confidential', async () => {
    const org = await createTestOrganization(ctx.db, icb1.icbId, { name: 'Shared Venue Trust' });
    const first = await createTestListing(ctx.db, icb1.icbId, {
      organization_id: org.id,
      name: 'Shared Venue Counselling',
      locations: [
        {
          location_type: 'physical',
          name: 'The Safe Room',
          confidential: true,
          address: { address_1: '4 Quiet Yard', city: 'Newcastle upon Tyne', postal_code: REFUGE_POSTCODE },
        },
      ],
      schedules: [],
    });
    const shared = first.locations[0]?.id as string;
    const second = orukDocument({
      organization_id: org.id,
      organization: undefined,
      name: 'Shared Venue Peer Group',
      service_at_locations: [
        {
          id: randomUUID(),
          location: {
            id: shared,
            location_type: 'physical',
            name: 'The Safe Room',
            addresses: [{ address_1: '4 Quiet Yard', city: 'Newcastle upon Tyne', postal_code: REFUGE_POSTCODE }],
          },
        },
      ],
    });
    const res = await importOruk([second], admin1);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    const [row] = await ctx.db.select().from(directoryLocations).where(eq(directoryLocations.id, shared));
    // The ORUK document cannot say "confidential": an import never makes a hidden place public.
    expect(row).toMatchObject({ confidential: true, organizationId: org.id });
    const served = await ctx.app.inject({ method: 'GET', url: `/oruk/services/${second.id}` });
    expect(served.json().service_at_locations[0].location).toMatchObject({ name: 'Confidential location' });
    expect(served.body).not.toContain('Quiet Yard');
    // Importing it again changes nothing.
    expect((await importOruk([second], admin1)).json()).toMatchObject({ unchanged: 1, errors: [] });
  });
});

describe('the listings writer itself', () => {
  it('refuses, in any write, a child id of another listing, naming its path, and writes nothing', async () => {
    const mine = await createTestListing(ctx.db, icb2.icbId, { name: 'ICB 2 Knit Club' });
    const before = await rowsOf(refuge);
    // Each attempt in its own transaction, as every caller of the writer runs it.
    const errorsOf = async (work: (tx: DbOrTx) => Promise<unknown>) => {
      try {
        await ctx.db.transaction((tx) => work(tx));
      } catch (error) {
        if (error instanceof AppError) return error.details.errors?.map((e) => e.field);
        throw error;
      }
      return 'no error';
    };
    const input = toListingInput(mine);
    const location = refuge.locations[0];
    expect(
      await errorsOf((tx) =>
        updateListing(
          tx,
          mine.id,
          { ...input, phones: [{ ...refuge.phones[0], number: '0191 496 0000' }] },
          TEST_AUTHOR,
        ),
      ),
    ).toEqual(['phones.0.id']);
    expect(
      await errorsOf((tx) =>
        createListing(
          tx,
          icb2.icbId,
          testListingInput(mine.organization_id, {
            locations: [{ ...location, confidential: false } as NonNullable<typeof location>],
            schedules: [],
          }),
          TEST_AUTHOR,
        ),
      ),
    ).toEqual(['locations.0.id']);
    // The same id twice in one document is refused too (rather than failing in the database).
    const twice = { ...input.phones[0], number: '0191 496 0002' };
    expect(
      await errorsOf((tx) => updateListing(tx, mine.id, { ...input, phones: [twice, twice] }, TEST_AUTHOR)),
    ).toEqual(['phones.1.id']);
    expect(await rowsOf(refuge)).toEqual(before);
  });
});

describe('reading from another ICB', () => {
  it('ICB 2’s admin sees nothing of ICB 1’s refuge through any staff or admin route', async () => {
    const partnerIcb1 = await createTestUser(ctx.db, icb1, 'vcs_partner');
    await ctx.db.insert(directoryChangeRequests).values({
      serviceId: refuge.id,
      icbId: icb1.icbId,
      baseVersion: refuge.version,
      proposed: { ...toListingInput(refuge), name: 'Kestrel Refuge' } as unknown as Record<string, unknown>,
      submittedByUserId: partnerIcb1.id,
    });
    const [change] = await ctx.db
      .select()
      .from(directoryChangeRequests)
      .where(eq(directoryChangeRequests.serviceId, refuge.id));
    const coordinator2 = await signIn(ctx, await createTestUser(ctx.db, icb2, 'care_coordinator'));
    const get = (url: string, s: Session = admin2) =>
      ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    const bodies: string[] = [];
    for (const s of [admin2, coordinator2]) {
      for (const url of [
        `/api/directory/services/${refuge.id}`,
        `/api/directory/review/services/${refuge.id}`,
        `/api/directory/changes/${change?.id}`,
      ]) {
        const res = await get(url, s);
        expect(res.statusCode, url).toBe(404);
        bodies.push(res.body);
      }
      for (const url of [
        '/api/directory/review-queue',
        '/api/directory/services?text=kestrel',
        `/api/directory/services?postcode=${encodeURIComponent(REFUGE_POSTCODE)}&include_closed=true&per_page=100`,
      ]) {
        const res = await get(url, s);
        expect(res.statusCode, url).toBe(200);
        bodies.push(res.body);
      }
    }
    for (const url of ['/api/directory/export/oruk', '/api/directory/duplicates']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
    }
    for (const body of bodies) {
      for (const secret of [refuge.id, refugeLocationId(), REFUGE_STREET, REFUGE_POSTCODE, REFUGE_NAME]) {
        expect(body).not.toContain(secret);
      }
    }
    // ICB 1's own admin does see it (the routes above do answer with listings).
    const own = await get(`/api/directory/services/${refuge.id}`, admin1);
    expect(own.body).toContain(REFUGE_STREET);
  });
});
