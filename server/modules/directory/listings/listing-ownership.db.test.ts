import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { createTestUser, type Session, signIn } from '../../../test/toolkit.js';
import { directoryChangeRequests, directoryLocations, directoryOrganizations } from '../directory.tables.js';
import { createListing, loadListing, toListingInput, updateListing } from './listings.service.js';
import { createTestListing, createTestOrganization, TEST_AUTHOR, testListingInput } from './test-listings.js';
import {
  admin1,
  admin2,
  attackerLocation,
  ctx,
  expectRefugeStillHidden,
  icb1,
  icb2,
  importOruk,
  orukDocument,
  REFUGE_NAME,
  REFUGE_POSTCODE,
  REFUGE_STREET,
  refuge,
  refugeLocationId,
  rowsOf,
  setUpOwnershipTests,
} from './test-ownership.js';

// Issue 9, finding 2: child ids of another listing, named in an ORUK import (by another ICB's admin,
// or within one ICB) or in any write, are refused; another ICB reads nothing of them.
setUpOwnershipTests();

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
