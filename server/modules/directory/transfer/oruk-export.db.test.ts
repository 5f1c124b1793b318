import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestTenancy, createTestUser, signInWithNewSecondFactor } from '../../../test/toolkit.js';
import { directoryServices } from '../directory.tables.js';
import { ensureSocialPrescribingTaxonomy, loadListing } from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing } from '../listings/test-listings.js';
import { orukErrors } from '../oruk/test-oruk-schemas.js';
import { ctx, elsewhere, exportOruk, importOruk, setUpTransferTests, tenancy } from './test-transfer.js';

// Exporting the ICB's directory as ORUK documents, and what an export imports back as.
setUpTransferTests();

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
