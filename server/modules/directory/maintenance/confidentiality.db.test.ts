import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Listing, ListingInput } from '../../../../common/directory.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
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
  directoryLocations,
  directoryMetadata,
  directoryServices,
} from '../directory.tables.js';
import { loadListing, toListingInput } from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing, createTestOrganization } from '../listings/test-listings.js';

// Issue 9, finding 2: a confidential place (a refuge) stays confidential until a reviewer of its
// ICB lifts that explicitly (`lift_confidentiality_of` in their edit), which is audited.
// Imports, partner proposals and merges never lift it.

let ctx: TestContext;
let tenancy: TestTenancy;
let cc: Session;
let admin: Session;
let partner: Session;
let partnerOrgId: string;

const STREET = '21 Hush Lane';
const POSTCODE = 'NE6 6ZZ';

beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  await addTestPostcodes(ctx.db, [{ postcode: POSTCODE, latitude: 54.97, longitude: -1.58 }]);
  cc = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
  admin = await signInWithNewSecondFactor(ctx, await createTestUser(ctx.db, tenancy, 'admin'));
  partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
  partnerOrgId = (await createTestOrganization(ctx.db, tenancy.icbId, { vcsOrganisationId: tenancy.vcsOrganisationId }))
    .id;
});

function refuge(name: string, organizationId?: string): Promise<Listing> {
  return createTestListing(ctx.db, tenancy.icbId, {
    name,
    ...(organizationId ? { organization_id: organizationId } : {}),
    locations: [
      {
        location_type: 'physical',
        name: `${name} House`,
        confidential: true,
        address: { address_1: STREET, city: 'Newcastle upon Tyne', postal_code: POSTCODE },
      },
      { location_type: 'virtual', name: 'Online', accessibility: [] },
    ],
    schedules: [],
  });
}

/** The listing's document with its confidential place made public (location 0). */
function unticked(listing: Listing): ListingInput {
  const input = toListingInput(listing);
  return {
    ...input,
    locations: input.locations.map((l) => (l.confidential ? { ...l, confidential: false } : l)),
  };
}

const edit = (s: Session, listing: Listing, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/api/directory/review/services/${listing.id}`,
    headers: s.headers,
    payload: { expected_version: listing.version, ...body },
  });

const locationRow = async (id: string) =>
  (await ctx.db.select().from(directoryLocations).where(eq(directoryLocations.id, id)))[0];
const serviceRow = async (id: string) =>
  (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, id)))[0];
const publicBodies = async (listing: Listing) =>
  [
    await ctx.app.inject({ method: 'GET', url: `/oruk/services/${listing.id}` }),
    await ctx.app.inject({ method: 'GET', url: `/api/public/directory/services/${listing.id}` }),
  ].map((r) => {
    expect(r.statusCode).toBe(200);
    return r.body;
  });

describe('a reviewer lifting confidentiality', () => {
  it('unticking “confidential” without lifting it explicitly is 400 naming the field, and changes nothing', async () => {
    const listing = await refuge('Wren Refuge');
    const placeId = listing.locations[0]?.id as string;
    const before = await locationRow(placeId);
    const res = await edit(cc, listing, { listing: unticked(listing) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'listing.locations.0.confidential', message: expect.stringContaining('stays confidential') },
    ]);
    expect(await locationRow(placeId)).toEqual(before);
    expect((await serviceRow(listing.id))?.version).toBe(listing.version);
    for (const body of await publicBodies(listing)) expect(body).not.toContain(STREET);
  });

  it('lifting it explicitly makes the address public, with the change in the history and the audit', async () => {
    const listing = await refuge('Robin Refuge');
    const placeId = listing.locations[0]?.id as string;
    const res = await edit(cc, listing, { listing: unticked(listing), lift_confidentiality_of: [placeId] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await locationRow(placeId))?.confidential).toBe(false);
    const [oruk, pub] = await publicBodies(listing);
    expect(oruk).toContain(STREET);
    expect(pub).toContain(STREET);
    const history = await ctx.db
      .select()
      .from(directoryMetadata)
      .where(
        and(
          eq(directoryMetadata.serviceId, listing.id),
          eq(directoryMetadata.lastActionType, 'update'),
          eq(directoryMetadata.fieldName, `locations[${placeId}].confidential`),
        ),
      );
    expect(history).toEqual([
      expect.objectContaining({ previousValue: 'true', replacementValue: 'false', updatedBy: cc.me.user.name }),
    ]);
    const audits = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'directory.location.lift-confidentiality'), eq(auditEvents.entityId, placeId)));
    expect(audits).toEqual([
      expect.objectContaining({ outcome: 'success', details: expect.objectContaining({ serviceId: listing.id }) }),
    ]);
  });

  it('refuses a lift that does not name a confidential place this edit makes public (400 naming it)', async () => {
    const listing = await refuge('Finch Refuge');
    const [place, online] = listing.locations.map((l) => l.id as string);
    const cases: [unknown, Record<string, unknown>][] = [
      [randomUUID(), { listing: unticked(listing) }],
      [online, { listing: unticked(listing) }],
      // Still marked confidential in the document: lifting it would contradict the edit.
      [place, { listing: toListingInput(listing) }],
    ];
    const before = await locationRow(place as string);
    for (const [id, body] of cases) {
      const res = await edit(cc, listing, { ...body, lift_confidentiality_of: [id] });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('lift_confidentiality_of.0');
    }
    expect(await locationRow(place as string)).toEqual(before);
    expect((await serviceRow(listing.id))?.version).toBe(listing.version);
  });

  it('a reviewer of another ICB cannot lift it (404), and nothing changes', async () => {
    const listing = await refuge('Starling Refuge');
    const placeId = listing.locations[0]?.id as string;
    const other = await createTestTenancy(ctx.db);
    const outsider = await signIn(ctx, await createTestUser(ctx.db, other, 'care_coordinator'));
    const res = await edit(outsider, listing, { listing: unticked(listing), lift_confidentiality_of: [placeId] });
    expect(res.statusCode).toBe(404);
    expect((await locationRow(placeId))?.confidential).toBe(true);
  });
});

describe('what never lifts it', () => {
  it('a partner cannot propose it (400 naming the field); an older proposal that would, approved, keeps it confidential', async () => {
    const listing = await refuge('Swift Refuge', partnerOrgId);
    const placeId = listing.locations[0]?.id as string;
    const propose = await ctx.app.inject({
      method: 'POST',
      url: `/api/directory/our-listings/${listing.id}/changes`,
      headers: partner.headers,
      payload: { base_version: listing.version, proposed: unticked(listing) },
    });
    expect(propose.statusCode).toBe(400);
    expect(propose.json().errors).toEqual([
      { field: 'proposed.locations.0.confidential', message: expect.stringContaining('stays confidential') },
    ]);
    expect(
      await ctx.db.select().from(directoryChangeRequests).where(eq(directoryChangeRequests.serviceId, listing.id)),
    ).toEqual([]);

    // A proposal stored before this rule (or written around the route) is approved by a reviewer:
    // the partner's other changes go live, the place stays confidential.
    const partnerUser = partner.me.user.id;
    const [change] = await ctx.db
      .insert(directoryChangeRequests)
      .values({
        serviceId: listing.id,
        icbId: tenancy.icbId,
        baseVersion: listing.version,
        proposed: { ...unticked(listing), name: 'Swift Refuge and Outreach' } as unknown as Record<string, unknown>,
        submittedByUserId: partnerUser,
      })
      .returning();
    const approve = await ctx.app.inject({
      method: 'POST',
      url: `/api/directory/changes/${change?.id}/approve`,
      headers: cc.headers,
    });
    expect(approve.statusCode, approve.body).toBe(200);
    const after = await loadListing(ctx.db, listing.id);
    expect(after?.name).toBe('Swift Refuge and Outreach');
    expect((await locationRow(placeId))?.confidential).toBe(true);
    for (const body of await publicBodies(listing)) expect(body).not.toContain(STREET);
  });

  it('a CSV import saying “no” keeps the place confidential', async () => {
    const id = randomUUID();
    const header =
      'id,organization_name,charity_number,name,description,categories,status,referral_capacity,minimum_age,maximum_age,phone,email,url,location_name,address_1,city,postcode,confidential,online,area,schedule,notes';
    const row = (confidential: string) =>
      `${id},Hush Trust ${id.slice(0, 6)},,Hush Refuge ${id.slice(0, 6)},Safe housing,housing-advice,active,open,,,,,,Hush House,${STREET},Newcastle upon Tyne,${POSTCODE},${confidential},no,,,`;
    const importCsv = (text: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/directory/import/csv',
        headers: { ...admin.headers, 'content-type': 'text/csv; charset=utf-8' },
        payload: text,
      });
    expect((await importCsv(`${header}\n${row('yes')}`)).json()).toMatchObject({ created: 1, errors: [] });
    const created = await loadListing(ctx.db, id);
    const placeId = created?.locations[0]?.id as string;
    expect((await locationRow(placeId))?.confidential).toBe(true);

    const res = await importCsv(`${header}\n${row('no')}`);
    expect(res.json()).toMatchObject({ created: 0, errors: [] });
    expect((await locationRow(placeId))?.confidential).toBe(true);
    for (const body of await publicBodies(created as Listing)) expect(body).not.toContain(STREET);
  });

  it('merging a duplicate into it keeps the place confidential', async () => {
    const keep = await refuge('Linnet Refuge');
    const dup = await refuge('Linnet Refuge.');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/directory/duplicates/merge',
      headers: admin.headers,
      payload: { keep_id: keep.id, merge_id: dup.id, reason: 'Listed twice' },
    });
    expect(res.statusCode).toBe(200);
    for (const l of [keep, dup]) expect((await locationRow(l.locations[0]?.id as string))?.confidential).toBe(true);
  });
});
