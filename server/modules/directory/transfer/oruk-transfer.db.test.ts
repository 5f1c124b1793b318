import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestTenancy, createTestUser, signInWithNewSecondFactor } from '../../../test/toolkit.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';
import {
  categoryTermId,
  ensureSocialPrescribingTaxonomy,
  listingHistory,
  loadListing,
} from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing } from '../listings/test-listings.js';
import { orukErrors } from '../oruk/test-oruk-schemas.js';
import {
  coordinator,
  ctx,
  duplicates,
  elsewhere,
  exportOruk,
  HEADER,
  importCsv,
  importOruk,
  merge,
  metadataCount,
  orukDocument,
  setUpTransferTests,
  storedService,
  tenancy,
} from './test-transfer.js';

// ORUK JSON in and out: importing service documents, exporting the ICB's directory, what an export
// imports back as, and who may do either.
setUpTransferTests();

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

describe('Waymark’s own fields ("x-waymark")', () => {
  it('sets referral capacity, review interval and a confidential place on import, and changes them on a later one', async () => {
    const doc = orukDocument({ 'x-waymark': { referral_capacity: 'full', review_interval_months: 12 } });
    const location = doc.service_at_locations[0]?.location as Record<string, unknown>;
    location['x-waymark'] = { confidential: true };
    expect((await importOruk([doc])).json()).toMatchObject({ created: 1, errors: [] });
    const listing = await loadListing(ctx.db, doc.id);
    expect(listing).toMatchObject({ referral_capacity: 'full', review_interval_months: 12 });
    expect(listing?.locations[0]).toMatchObject({ confidential: true, address: { address_1: 'Allotment Lane' } });
    // …and the public never sees where it is.
    const served = await ctx.app.inject({ method: 'GET', url: `/oruk/services/${doc.id}` });
    expect(served.body).not.toContain('Allotment Lane');

    const reopened = { ...doc, 'x-waymark': { referral_capacity: 'waiting_list' } };
    expect((await importOruk([reopened])).json()).toMatchObject({ updated: 1, errors: [] });
    expect(await loadListing(ctx.db, doc.id)).toMatchObject({
      referral_capacity: 'waiting_list',
      review_interval_months: 12,
    });
  });

  it('reports a bad value by index and field, and changes nothing of that listing', async () => {
    const doc = orukDocument({ 'x-waymark': { referral_capacity: 'waiting_list', review_interval_months: 6 } });
    expect((await importOruk([doc])).json()).toMatchObject({ created: 1, errors: [] });
    const before = await loadListing(ctx.db, doc.id);
    const history = await metadataCount(doc.id);

    const badCapacity = { ...doc, name: 'Renamed', 'x-waymark': { referral_capacity: 'closed' } };
    const badInterval = { ...doc, name: 'Renamed', 'x-waymark': { review_interval_months: 0 } };
    const badShape = { ...doc, name: 'Renamed', 'x-waymark': ['full'] };
    const badPlace = structuredClone(doc);
    badPlace.name = 'Renamed';
    (badPlace.service_at_locations[0]?.location as Record<string, unknown>)['x-waymark'] = { confidential: 'yes' };
    const fresh = orukDocument({ 'x-waymark': { review_interval_months: 2.5 } });

    const res = await importOruk([badCapacity, badInterval, badShape, badPlace, fresh]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(res.json().errors).toEqual([
      {
        index: 0,
        id: doc.id,
        field: 'x-waymark.referral_capacity',
        message: 'must be one of: open, waiting_list, full',
      },
      { index: 1, id: doc.id, field: 'x-waymark.review_interval_months', message: 'must be at least 1 month' },
      { index: 2, id: doc.id, field: 'x-waymark', message: 'must be an object' },
      {
        index: 3,
        id: doc.id,
        field: 'service_at_locations.0.location.x-waymark.confidential',
        message: 'must be true or false',
      },
      {
        index: 4,
        id: fresh.id,
        field: 'x-waymark.review_interval_months',
        message: 'must be a whole number of months',
      },
    ]);
    expect(await loadListing(ctx.db, doc.id)).toEqual(before);
    expect(await metadataCount(doc.id)).toBe(history);
    expect(await storedService(fresh.id)).toBeUndefined();
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

describe('an export imported into an empty ICB', () => {
  it('exports again as the same documents, Waymark’s own fields included; a confidential place needs its address first', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Round Trip Peer Support',
      referral_capacity: 'waiting_list',
      review_interval_months: 3,
      contacts: [{ name: 'Duty worker', title: 'Support worker', email: 'duty@example.org' }],
      service_areas: [{ name: 'Newcastle upon Tyne', description: 'The city' }],
      locations: [
        {
          location_type: 'physical',
          name: 'Heaton Library',
          address: { address_1: '5 Library Road', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
          accessibility: ['Hearing loop'],
        },
        { location_type: 'virtual', name: 'Online on Zoom', accessibility: ['Live captions'] },
      ],
      schedules: [{ freq: 'MONTHLY', byday: '1TU', opens_at: '18:00', closes_at: '19:30', description: 'Evening' }],
    });
    const refuge = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Round Trip Refuge',
      locations: [
        {
          location_type: 'physical',
          name: 'The Quiet House',
          confidential: true,
          address: { address_1: '5 Unnamed Road', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
          accessibility: [],
        },
      ],
      schedules: [],
    });
    const documents = (await exportOruk()).json() as Record<string, unknown>[];
    const isConfidential = (d: Record<string, unknown>) => JSON.stringify(d).includes('"confidential":true');
    expect(documents.filter(isConfidential).map((d) => d.id)).toContain(refuge.id);

    const empty = await createTestApp();
    const emptyIcb = await createTestTenancy(empty.db);
    await ensureSocialPrescribingTaxonomy(empty.db);
    await addTestPostcodes(empty.db, [{ postcode: 'NE1 4XX', latitude: 54.9701, longitude: -1.6102 }]);
    const emptyAdmin = await signInWithNewSecondFactor(empty, await createTestUser(empty.db, emptyIcb, 'admin'));
    const imported = await empty.app.inject({
      method: 'POST',
      url: '/api/directory/import/oruk',
      headers: emptyAdmin.headers,
      payload: documents,
    });
    // A confidential address never leaves in an export, so a new copy of the place cannot be made.
    const shared = documents.filter((d) => !isConfidential(d));
    expect(imported.json()).toMatchObject({ created: shared.length, updated: 0 });
    expect(imported.json().errors).toEqual(
      documents.flatMap((d, index) =>
        isConfidential(d)
          ? [{ index, id: d.id, field: 'service_at_locations.0.location.address', message: expect.any(String) }]
          : [],
      ),
    );
    const again = await empty.app.inject({
      method: 'GET',
      url: '/api/directory/export/oruk',
      headers: { cookie: emptyAdmin.cookie },
    });

    // An import is not a verification (only a reviewer's check is), and it is a change of today.
    const comparable = (docs: Record<string, unknown>[]) =>
      docs
        .map(({ last_modified, assured_date, assurer_email, ...rest }) => rest)
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(comparable(again.json())).toEqual(comparable(shared));
    expect((again.json() as Record<string, unknown>[]).find((d) => d.id === listing.id)).toMatchObject({
      'x-waymark': { referral_capacity: 'waiting_list', review_interval_months: 3 },
    });
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
