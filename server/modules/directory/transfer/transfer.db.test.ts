import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
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
  directoryChangeRequests,
  directoryMetadata,
  directoryOrganizations,
  directoryReports,
  directoryServices,
} from '../directory.tables.js';
import {
  categoryTermId,
  ensureSocialPrescribingTaxonomy,
  listingHistory,
  loadListing,
} from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing, createTestOrganization } from '../listings/test-listings.js';
import { orukErrors } from '../oruk/test-oruk-schemas.js';

let ctx: TestContext;
let tenancy: TestTenancy;
let elsewhere: TestTenancy;
let admin: Session;
let otherAdmin: Session;
let coordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  elsewhere = await createTestTenancy(ctx.db);
  await ensureSocialPrescribingTaxonomy(ctx.db);
  await addTestPostcodes(ctx.db, [{ postcode: 'NE1 4XX', latitude: 54.9701, longitude: -1.6102 }]);
  admin = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, tenancy, 'admin'));
  otherAdmin = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, elsewhere, 'admin'));
  coordinator = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
});

const importOruk = (payload: unknown, s: Session = admin) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/import/oruk', headers: s.headers, payload: payload as object });
const importCsv = (text: string, s: Session = admin) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/directory/import/csv',
    headers: { ...s.headers, 'content-type': 'text/csv; charset=utf-8' },
    payload: text,
  });
const exportOruk = (s: Session = admin) =>
  ctx.app.inject({ method: 'GET', url: '/api/directory/export/oruk', headers: { cookie: s.cookie } });
const duplicates = (s: Session = admin) =>
  ctx.app.inject({ method: 'GET', url: '/api/directory/duplicates', headers: { cookie: s.cookie } });
const merge = (payload: object, s: Session = admin) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/duplicates/merge', headers: s.headers, payload });

const metadataCount = async (serviceId: string) =>
  (await ctx.db.select().from(directoryMetadata).where(eq(directoryMetadata.serviceId, serviceId))).length;
const storedService = async (id: string) =>
  (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, id)))[0];

/** A full nested ORUK service document, shaped like the standard's service_full example. */
function orukDocument(overrides: Record<string, unknown> = {}, orgOverrides: Record<string, unknown> = {}) {
  const serviceId = randomUUID();
  const locationId = randomUUID();
  const salId = randomUUID();
  return {
    id: serviceId,
    name: `Allotment Buddies ${serviceId.slice(0, 6)}`,
    description: 'Grow your own vegetables with friendly volunteers on the Heaton allotments.',
    url: 'https://example.org/allotments',
    email: 'grow@example.org',
    status: 'active',
    minimum_age: 16,
    maximum_age: 99,
    assured_date: '2026-01-05',
    last_modified: '2026-01-05T10:00:00.000Z',
    organization: {
      id: randomUUID(),
      name: `Heaton Growers ${serviceId.slice(0, 6)}`,
      description: 'A community growing charity.',
      website: 'https://example.org',
      organization_identifiers: [
        { id: randomUUID(), identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: '7654321' },
      ],
      ...orgOverrides,
    },
    schedules: [
      {
        id: randomUUID(),
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TH',
        opens_at: '10:00:00',
        closes_at: '12:30:00',
        notes: 'Not on bank holidays',
        service_at_location_id: salId,
      },
      { id: randomUUID(), freq: 'MONTHLY', byday: '1SA', opens_at: '09:00', closes_at: '13:00' },
    ],
    service_areas: [{ id: randomUUID(), name: 'Newcastle upon Tyne' }],
    service_at_locations: [
      {
        id: salId,
        location: {
          id: locationId,
          location_type: 'physical',
          name: 'Heaton Allotments',
          addresses: [
            {
              id: randomUUID(),
              address_1: 'Allotment Lane',
              city: 'Newcastle upon Tyne',
              state_province: '',
              postal_code: 'ne14xx',
              country: 'GB',
              address_type: 'physical',
            },
          ],
          accessibility: [{ id: randomUUID(), description: 'Raised beds for wheelchair users' }],
        },
      },
    ],
    languages: [{ id: randomUUID(), name: 'English', code: 'en' }],
    cost_options: [{ id: randomUUID(), option: 'Free', amount: 0 }],
    contacts: [{ id: randomUUID(), name: 'Sam Example', title: 'Volunteer lead' }],
    attributes: [
      {
        id: randomUUID(),
        taxonomy_term: { id: categoryTermId('nature-green-space'), name: 'Nature', description: '' },
      },
    ],
    ...overrides,
  };
}

describe('ORUK JSON import', () => {
  it('creates a listing from a full nested document, then a second import changes nothing and writes no history', async () => {
    const doc = orukDocument();
    const first = await importOruk([doc]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, updated: 0, unchanged: 0, errors: [] });

    const listing = await loadListing(ctx.db, doc.id);
    expect(listing).toMatchObject({
      id: doc.id,
      icb_id: tenancy.icbId,
      organization_id: doc.organization.id,
      name: doc.name,
      minimum_age: 16,
      taxonomy_term_ids: [categoryTermId('nature-green-space')],
      service_areas: [{ name: 'Newcastle upon Tyne' }],
    });
    const location = listing?.locations[0];
    expect(location).toMatchObject({
      id: doc.service_at_locations[0]?.location.id,
      address: { postal_code: 'NE1 4XX', address_1: 'Allotment Lane' },
      accessibility: ['Raised beds for wheelchair users'],
    });
    const weekly = listing?.schedules.find((s) => s.freq === 'WEEKLY');
    expect(weekly).toMatchObject({ byday: 'TH', opens_at: '10:00', closes_at: '12:30', location_id: location?.id });
    expect(listing?.schedules.find((s) => s.freq === 'MONTHLY')).toMatchObject({ byday: '1SA', location_id: null });
    const [org] = await ctx.db
      .select()
      .from(directoryOrganizations)
      .where(eq(directoryOrganizations.id, doc.organization.id));
    expect(org).toMatchObject({ icbId: tenancy.icbId, name: doc.organization.name });

    const historyRows = await metadataCount(doc.id);
    const version = (await storedService(doc.id))?.version;
    const again = await importOruk({ services: [doc] });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
    expect(await metadataCount(doc.id)).toBe(historyRows);
    expect((await storedService(doc.id))?.version).toBe(version);

    const edited = await importOruk([{ ...doc, name: `${doc.name} (Thursdays)` }]);
    expect(edited.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const history = await listingHistory(ctx.db, doc.id);
    expect(history.filter((h) => h.action === 'import').map((h) => h.field)).toEqual(['name']);
    expect(history[0]).toMatchObject({ by: 'ORUK import', replacement: `${doc.name} (Thursdays)` });
  });

  it('reports a bad document by index and field and imports nothing of it, while good ones import', async () => {
    const good1 = orukDocument();
    const noName = orukDocument();
    const { name: _dropped, ...withoutName } = noName;
    const badPostcode = orukDocument();
    (badPostcode.service_at_locations[0]?.location.addresses[0] as { postal_code: string }).postal_code = 'NOT A CODE';
    const unknownTerm = orukDocument({
      attributes: [{ id: randomUUID(), taxonomy_term: { id: randomUUID(), name: 'Elsewhere', description: '' } }],
    });
    const good2 = orukDocument();

    const res = await importOruk([good1, withoutName, badPostcode, unknownTerm, good2, 'not a document']);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, id: noName.id, field: 'name' }),
        expect.objectContaining({
          index: 2,
          id: badPostcode.id,
          field: 'service_at_locations.0.location.addresses.0.postal_code',
        }),
        expect.objectContaining({ index: 3, id: unknownTerm.id, field: 'attributes.0.taxonomy_term.id' }),
        expect.objectContaining({ index: 5, field: 'document' }),
      ]),
    );
    expect(body.errors).toHaveLength(4);
    expect(await loadListing(ctx.db, good1.id)).not.toBeNull();
    expect(await loadListing(ctx.db, good2.id)).not.toBeNull();
    for (const bad of [noName, badPostcode, unknownTerm]) {
      expect(await storedService(bad.id)).toBeUndefined();
      // Its organisation was created in the document's savepoint, and went with it.
      const orgs = await ctx.db
        .select()
        .from(directoryOrganizations)
        .where(eq(directoryOrganizations.id, bad.organization.id));
      expect(orgs).toHaveLength(0);
    }
  });

  it('refuses a body that is not a list of documents (400 naming the body) and a service id of another ICB', async () => {
    const bad = await importOruk({ listings: [] });
    expect(bad.statusCode).toBe(400);
    const theirs = await createTestListing(ctx.db, elsewhere.icbId);
    const res = await importOruk([orukDocument({ id: theirs.id })]);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, errors: [{ index: 0, field: 'id' }] });
    expect((await loadListing(ctx.db, theirs.id))?.name).toBe(theirs.name);
  });
});

const HEADER =
  'id,organization_name,charity_number,name,description,categories,status,referral_capacity,minimum_age,maximum_age,phone,email,url,location_name,address_1,city,postcode,confidential,online,area,schedule,notes';

describe('CSV import', () => {
  it('reports each bad row with its line and column, imports nothing of it, and imports the good rows', async () => {
    const tag = randomUUID().slice(0, 6);
    const csv = [
      HEADER,
      `,Jesmond Art Club ${tag},1100001,Painting for Pleasure ${tag},"Watercolour, acrylics and good company",arts-culture,active,open,18,,0191 496 0101,art@example.org,https://example.org/art,Jesmond Library,St George's Terrace,Newcastle upon Tyne,ne1 4xx,no,no,,"WE 14:00-16:00; 1FR 18:00-20:00",Not on bank holidays`,
      `,Jesmond Art Club ${tag},,Bad Postcode ${tag},,arts-culture,active,open,,,,,,Hall,1 Road,Newcastle,XX99,no,no,,,`,
      `,Jesmond Art Club ${tag},,Unknown Category ${tag},,arts-culture;basket-weaving,active,open,,,,,,,,,,no,no,,,`,
      `,Jesmond Art Club ${tag},,Ages Upside Down ${tag},,,active,open,65,18,,,,,,,,no,no,,,`,
      `,Jesmond Art Club ${tag},,,A row without a name,,active,open,,,,,,,,,,no,no,,,`,
      `,Heaton Cyclists ${tag},,Bike Club ${tag},Saturday rides,sport-physical-activity,,waiting_list,,,,,,,,,,no,yes,Newcastle,SA 09:30-12:00,`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(body.errors).toEqual([
      { line: 3, field: 'postcode', message: expect.stringContaining('UK postcode') },
      { line: 4, field: 'categories', message: expect.stringContaining('basket-weaving') },
      { line: 5, field: 'maximum_age', message: expect.any(String) },
      { line: 6, field: 'name', message: expect.any(String) },
    ]);

    const stored = await ctx.db.select().from(directoryServices).where(eq(directoryServices.icbId, tenancy.icbId));
    const names = stored.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([`Painting for Pleasure ${tag}`, `Bike Club ${tag}`]));
    for (const bad of ['Bad Postcode', 'Unknown Category', 'Ages Upside Down'])
      expect(names).not.toContain(`${bad} ${tag}`);

    const painting = stored.find((s) => s.name === `Painting for Pleasure ${tag}`);
    const listing = await loadListing(ctx.db, painting?.id as string);
    expect(listing).toMatchObject({
      description: 'Watercolour, acrylics and good company',
      minimum_age: 18,
      phones: [{ number: '0191 496 0101' }],
      taxonomy_term_ids: [categoryTermId('arts-culture')],
      locations: [{ location_type: 'physical', name: 'Jesmond Library', address: { postal_code: 'NE1 4XX' } }],
    });
    expect(listing?.schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at, s.notes]).sort()).toEqual([
      ['MONTHLY', '1FR', '18:00', '20:00', 'Not on bank holidays'],
      ['WEEKLY', 'WE', '14:00', '16:00', 'Not on bank holidays'],
    ]);
    const bikes = await loadListing(ctx.db, stored.find((s) => s.name === `Bike Club ${tag}`)?.id as string);
    expect(bikes).toMatchObject({
      referral_capacity: 'waiting_list',
      locations: [{ location_type: 'virtual', name: 'Online' }],
      service_areas: [{ name: 'Newcastle' }],
    });
  });

  it('updates the listing named by the id column, idempotently, and matches organisations by charity number', async () => {
    const id = randomUUID();
    const tag = id.slice(0, 6);
    const row = (name: string, org: string) =>
      `${id},${org},2200002,${name},Tea and a chat,befriending-social-groups,active,open,,,,,,Church Hall,2 Vicarage Road,Gateshead,NE1 4XX,yes,no,,"TU 10:00-11:30",`;
    const first = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa ${tag}`, `Gateshead Friends ${tag}`)}`);
    expect(first.json()).toMatchObject({ created: 1, updated: 0, unchanged: 0, errors: [] });
    const created = await loadListing(ctx.db, id);
    expect(created?.locations[0]).toMatchObject({ confidential: true, address: { address_1: '2 Vicarage Road' } });
    const history = await metadataCount(id);

    const again = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa ${tag}`, `Gateshead Friends ${tag}`)}`);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
    expect(await metadataCount(id)).toBe(history);

    // Another spelling of the organisation, same charity number: the same organisation.
    const renamed = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa Club ${tag}`, `Gateshead Friends CIO ${tag}`)}`);
    expect(renamed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] });
    const updated = await loadListing(ctx.db, id);
    expect(updated).toMatchObject({ name: `Tuesday Cuppa Club ${tag}`, organization_id: created?.organization_id });
    expect(updated?.locations[0]?.id).toBe(created?.locations[0]?.id);
    expect(updated?.schedules[0]?.id).toBe(created?.schedules[0]?.id);
  });

  it('the same sheet without ids, imported twice, changes nothing the second time (organisation + name + postcode)', async () => {
    const tag = randomUUID().slice(0, 6);
    const sheet = [
      HEADER,
      `,Walker Gardeners ${tag},,Seed Swap ${tag},Swap seeds and tips,,active,open,,,,,https://example.org/seeds,Walker Library,Welbeck Road,Newcastle upon Tyne,NE1 4XX,no,no,,"SA 10:00-12:00",`,
      `,Walker Gardeners ${tag},,Phone Tips ${tag},Gardening advice by phone,,active,open,,,0191 496 0102,,,,,,,no,no,,,`,
    ].join('\n');
    const first = await importCsv(sheet);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const second = await importCsv(sheet);
    expect(second.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    const named = await ctx.db.select().from(directoryServices).where(eq(directoryServices.icbId, tenancy.icbId));
    expect(named.filter((x) => x.name === `Seed Swap ${tag}`)).toHaveLength(1);
    expect(named.filter((x) => x.name === `Phone Tips ${tag}`)).toHaveLength(1);
  });

  it('gives all of a row’s errors at once, its own and the listing’s, and refuses an http:// web address', async () => {
    const tag = randomUUID().slice(0, 6);
    // A bad category (the row's own check) and a bad email (the listing's check) in one row.
    const row = `,Byker Club ${tag},,Chess ${tag},Chess for all,basket-weaving,active,open,,,,not-an-email,http://example.org/chess,,,,,no,no,,,`;
    const res = await importCsv(`${HEADER}\n${row}`);
    expect(res.json().created).toBe(0);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { line: 2, field: 'categories', message: expect.stringContaining('basket-weaving') },
        { line: 2, field: 'url', message: 'must be a web address starting https://' },
        { line: 2, field: 'email', message: expect.stringContaining('correct format') },
      ]),
    );
  });

  it('refuses a file with an unknown column (400 naming it) and stores nothing', async () => {
    const before = (await ctx.db.select().from(directoryServices)).length;
    const res = await importCsv(`name,organization_name,favourite_colour\nA,B,blue`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'favourite_colour' })]);
    expect((await ctx.db.select().from(directoryServices)).length).toBe(before);
  });

  it('takes text/csv on the CSV import only, up to 5 MB', async () => {
    const elsewhereCsv = await ctx.app.inject({
      method: 'POST',
      url: '/api/directory/import/oruk',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: `${HEADER}\n`,
    });
    expect(elsewhereCsv.statusCode).toBe(415);
    const huge = await importCsv(`${HEADER}\n${'x'.repeat(5 * 1024 * 1024)}`);
    expect(huge.statusCode).toBe(413);
  });

  it('offers a template whose header is the documented column list', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/directory/import/csv-template',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.split('\r\n')[0]).toBe(HEADER);
    // The template's example row imports cleanly.
    const imported = await importCsv(res.body);
    expect(imported.json()).toMatchObject({ created: 1, errors: [] });
  });
});

describe('ORUK export', () => {
  it('exports the ICB’s whole directory as ORUK documents, without confidential addresses, and re-imports as a no-op', async () => {
    const refuge = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Safe Haven Drop-in',
      locations: [
        {
          location_type: 'physical',
          name: 'Safe Haven',
          confidential: true,
          description: 'Round the back, ring twice',
          address: { address_1: '77 Hidden Row', city: 'Newcastle upon Tyne', postal_code: 'NE99 9ZZ' },
          accessibility: [],
        },
      ],
      schedules: [],
    });
    const theirs = await createTestListing(ctx.db, elsewhere.icbId, { name: 'Another ICB Walk' });

    const res = await exportOruk();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="directory-\d{4}-\d{2}-\d{2}\.json"$/);
    const documents = res.json() as { id: string; name: string }[];
    const ids = documents.map((d) => d.id);
    expect(ids).toContain(refuge.id);
    expect(ids).not.toContain(theirs.id);
    const [count] = await Promise.all([
      ctx.db.select().from(directoryServices).where(eq(directoryServices.icbId, tenancy.icbId)),
    ]);
    expect(documents).toHaveLength(count?.length ?? -1);
    expect(res.body).not.toContain('NE99 9ZZ');
    expect(res.body).not.toContain('Hidden Row');
    expect(res.body).not.toContain('ring twice');
    for (const doc of documents) expect(orukErrors('service.json', doc)).toEqual([]);

    const reimport = await importOruk(documents);
    expect(reimport.json()).toMatchObject({ created: 0, updated: 0, unchanged: documents.length, errors: [] });
    // The confidential address is still there for staff.
    expect((await loadListing(ctx.db, refuge.id))?.locations[0]?.address?.postal_code).toBe('NE99 9ZZ');
  });
});

describe('importing what the /oruk API serves', () => {
  it('re-imports a listing’s GET /oruk/services/{id} document as a no-op, confidential place included', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Quiet Room Peer Support',
      locations: [
        {
          location_type: 'physical',
          name: 'The Quiet Room',
          confidential: true,
          address: { address_1: '3 Unlisted Lane', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
          accessibility: [],
        },
        { location_type: 'virtual', name: 'Online', accessibility: [] },
      ],
    });
    const served = await ctx.app.inject({ method: 'GET', url: `/oruk/services/${listing.id}` });
    expect(served.statusCode).toBe(200);
    const history = await metadataCount(listing.id);
    const res = await importOruk([served.json()]);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
    expect(await metadataCount(listing.id)).toBe(history);
    expect((await loadListing(ctx.db, listing.id))?.locations.find((l) => l.confidential)).toMatchObject({
      name: 'The Quiet Room',
      address: { address_1: '3 Unlisted Lane' },
    });
  });
});

describe('duplicates and merge', () => {
  it('finds organisations with the same charity number and services with similar names at one postcode', async () => {
    const a = await createTestOrganization(ctx.db, tenancy.icbId, {
      name: 'Byker Befrienders',
      charityNumber: '3300003',
    });
    const b = await createTestOrganization(ctx.db, tenancy.icbId, {
      name: 'Byker Befriending',
      charityNumber: '330 0003',
    });
    const walk1 = await createTestListing(ctx.db, tenancy.icbId, { name: 'Ouseburn Valley Health Walk' });
    const walk2 = await createTestListing(ctx.db, tenancy.icbId, { name: 'Ouseburn Valley Health Walks' });
    const res = await duplicates();
    expect(res.statusCode).toBe(200);
    const pairs = res.json().pairs as {
      kind: string;
      reason: string;
      score: number;
      a: { id: string };
      b: { id: string };
    }[];
    const about = (x: string, y: string) => pairs.find((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
    expect(about(a.id, b.id)).toMatchObject({ kind: 'organization', reason: 'same_identifier', score: 1 });
    const walks = about(walk1.id, walk2.id);
    expect(walks).toMatchObject({ kind: 'service', reason: 'similar_name_same_postcode' });
    expect(walks?.score).toBeGreaterThan(0.6);
    // Not every pair at a postcode: a different name is no duplicate.
    const other = await createTestListing(ctx.db, tenancy.icbId, { name: 'Knit and Natter' });
    const after = (await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[];
    expect(after.some((p) => p.a.id === other.id || p.b.id === other.id)).toBe(false);
  });

  it('a retired listing leaves the duplicates list', async () => {
    const one = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Craft Circle' });
    const two = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Craft Circles' });
    const pairOf = async () =>
      ((await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[]).filter((p) =>
        [p.a.id, p.b.id].includes(two.id),
      );
    expect((await pairOf()).some((p) => [p.a.id, p.b.id].includes(one.id))).toBe(true);
    const retired = await ctx.app.inject({
      method: 'POST',
      url: `/api/directory/review/services/${two.id}/retire`,
      headers: coordinator.headers,
      payload: { reason: 'Closed for good' },
    });
    expect(retired.statusCode).toBe(200);
    expect(await pairOf()).toEqual([]);
  });

  it('warns about a likely duplicate on import, and still imports it', async () => {
    const existing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Walker Park Bowls Club' });
    const doc = orukDocument({ name: 'Walker Park Bowls Club.' });
    const res = await importOruk([doc]);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    expect(res.json().possible_duplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ imported_id: doc.id, existing_id: existing.id, kind: 'service' }),
        // Every fixture organisation has charity number 7654321: the new one shares it with earlier ones.
        expect.objectContaining({ imported_id: doc.organization.id, kind: 'organization' }),
      ]),
    );
  });

  it('merges a duplicate into the kept listing: retired, history kept, reports and pending edits moved', async () => {
    const keep = await createTestListing(ctx.db, tenancy.icbId, { name: 'Elswick Men’s Shed' });
    const dup = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Elswick Mens Shed',
      taxonomy_term_ids: [categoryTermId('mental-wellbeing')],
    });
    const partner = await createTestUser(ctx.db, tenancy, 'vcs_partner');
    await ctx.db
      .insert(directoryReports)
      .values({ serviceId: dup.id, icbId: tenancy.icbId, message: 'Moved to Tuesdays' });
    await ctx.db.insert(directoryChangeRequests).values({
      serviceId: dup.id,
      icbId: tenancy.icbId,
      baseVersion: dup.version,
      proposed: { name: 'Elswick Mens Shed' },
      submittedByUserId: partner.id,
    });
    const historyBefore = await listingHistory(ctx.db, dup.id);

    const res = await merge({ keep_id: keep.id, merge_id: dup.id, reason: 'Same shed, listed twice' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kept_id: keep.id,
      merged_id: dup.id,
      moved_reports: 1,
      withdrawn_change_requests: 1,
    });

    const retired = await loadListing(ctx.db, dup.id);
    expect(retired).toMatchObject({ status: 'inactive', merged_into_id: keep.id });
    const historyAfter = await listingHistory(ctx.db, dup.id);
    for (const row of historyBefore) expect(historyAfter.map((h) => h.id)).toContain(row.id);
    expect(historyAfter).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'merge', field: 'merged_into_id', replacement: keep.id }),
        expect.objectContaining({ action: 'merge', field: 'merge_reason', replacement: 'Same shed, listed twice' }),
        expect.objectContaining({ action: 'status', field: 'status', replacement: 'inactive' }),
      ]),
    );
    const kept = await loadListing(ctx.db, keep.id);
    expect(kept?.status).toBe('active');
    expect(kept?.taxonomy_term_ids).toContain(categoryTermId('mental-wellbeing'));
    expect((await listingHistory(ctx.db, keep.id)).some((h) => h.action === 'merge' && h.field === 'merged_from')).toBe(
      true,
    );
    const reports = await ctx.db
      .select()
      .from(directoryReports)
      .where(inArray(directoryReports.serviceId, [dup.id]));
    expect(reports).toHaveLength(0);
    const withdrawn = await ctx.db
      .select()
      .from(directoryChangeRequests)
      .where(eq(directoryChangeRequests.serviceId, dup.id));
    expect(withdrawn.map((c) => c.status)).toEqual(['withdrawn']);
    expect(withdrawn[0]?.rejectionReason).toContain(keep.id);

    // Merged listings are no longer offered as duplicates, and cannot be merged twice.
    const pairs = (await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[];
    expect(pairs.some((p) => p.a.id === dup.id || p.b.id === dup.id)).toBe(false);
    const twice = await merge({ keep_id: keep.id, merge_id: dup.id, reason: 'again' });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to merge a listing into itself (400 naming merge_id) or without a reason, changing nothing', async () => {
    const one = await createTestListing(ctx.db, tenancy.icbId, { name: 'Fenham Chess Club' });
    const self = await merge({ keep_id: one.id, merge_id: one.id, reason: 'oops' });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'merge_id' })]);
    const two = await createTestListing(ctx.db, tenancy.icbId, { name: 'Fenham Chess Club 2' });
    const noReason = await merge({ keep_id: one.id, merge_id: two.id, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await loadListing(ctx.db, two.id))?.status).toBe('active');
  });

  it('answers 404 for a service of another ICB, and changes nothing', async () => {
    const mine = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Lunch Club' });
    const theirs = await createTestListing(ctx.db, elsewhere.icbId, { name: 'Benwell Lunch Club' });
    const res = await merge({ keep_id: mine.id, merge_id: theirs.id, reason: 'Same club' });
    expect(res.statusCode).toBe(404);
    const reverse = await merge({ keep_id: theirs.id, merge_id: mine.id, reason: 'Same club' }, admin);
    expect(reverse.statusCode).toBe(404);
    const fromThere = await merge({ keep_id: theirs.id, merge_id: mine.id, reason: 'Same club' }, otherAdmin);
    expect(fromThere.statusCode).toBe(404);
    expect(await loadListing(ctx.db, theirs.id)).toMatchObject({ status: 'active', merged_into_id: null });
    expect(await loadListing(ctx.db, mine.id)).toMatchObject({ status: 'active', merged_into_id: null });
    // Nor does the other ICB's admin see this ICB's listings in their export or duplicates.
    const theirExport = (await exportOruk(otherAdmin)).json() as { id: string }[];
    expect(theirExport.map((d) => d.id)).not.toContain(mine.id);
  });
});

describe('access', () => {
  it('refuses everyone but admins (403), storing nothing', async () => {
    const doc = orukDocument();
    const calls = [
      importOruk([doc], coordinator),
      importCsv(`${HEADER}\n,Org,,Name,,,,,,,,,,,,,,,,,,`, coordinator),
      exportOruk(coordinator),
      duplicates(coordinator),
      merge({ keep_id: randomUUID(), merge_id: randomUUID(), reason: 'x' }, coordinator),
      ctx.app.inject({
        method: 'GET',
        url: '/api/directory/import/csv-template',
        headers: { cookie: coordinator.cookie },
      }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode).toBe(403);
    expect(await storedService(doc.id)).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  it('shows each download with its media type, and the JSON answers with their properties', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    type Operation = { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> };
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    const ok = (path: string, method = 'get') => paths[path]?.[method]?.responses['200']?.content ?? {};
    expect(ok('/api/directory/import/csv-template')).toEqual({
      'text/csv': { schema: expect.objectContaining({ type: 'string' }) },
    });
    expect(ok('/api/directory/export/oruk')['application/json']?.schema).toMatchObject({ type: 'string' });
    expect(Object.keys(ok('/api/directory/import/csv', 'post')['application/json']?.schema.properties ?? {})).toEqual(
      expect.arrayContaining(['created', 'updated', 'unchanged', 'possible_duplicates', 'errors']),
    );
  });
});
