import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCIAL_PRESCRIBING_CATEGORIES } from '../../../common/directory.js';
import {
  directoryAddresses,
  directoryLocations,
  directoryMetadata,
  directoryOrganizations,
  directoryReports,
  directoryServices,
  postcodes,
} from '../../modules/directory/directory.tables.js';
import { loadListing, loadListings, publicListing } from '../../modules/directory/listings/listings.service.js';
import { ZPublicListing } from '../../modules/directory/search/public.schemas.js';
import { duplicatePairs } from '../../modules/directory/transfer/transfer.repository.js';
import { icbs, vcsOrganisations } from '../../modules/organisations/organisations.tables.js';
import { users } from '../../modules/users/users.tables.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { seedDemoData } from '../demo.js';
import { readDemoServiceFiles, seedDemoDirectory } from './demo-directory.js';

// The imported files, and the walking group Central PCN's own team runs (issue 16, demo-team-groups.ts).
const DEMO_SERVICE_COUNT = readDemoServiceFiles().flatMap((f) => f.services).length + 1;

let database: TestDatabase;
let icbId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
  const [icb] = await database.db.select().from(icbs).where(eq(icbs.code, 'QXN'));
  if (!icb) throw new Error('demo ICB missing');
  icbId = icb.id;
});
afterAll(async () => {
  await database.close();
});

const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
const servicesCount = () =>
  count(
    database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(directoryServices)
      .where(eq(directoryServices.icbId, icbId)),
  );

/** Miles between two points (haversine), to check "near" without the search module. */
function miles(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.sqrt(h));
}

describe('the demo directory', () => {
  it('has one duplicate listing for the admin view to offer for merging', async () => {
    const pairs = await duplicatePairs(database.db, icbId);
    const names = pairs.map((p) => [p.a.name, p.b.name].sort().join(' / '));
    expect(names).toContain('Riverside Walk & Talk / Walk and Talk — Riverside');
  });

  it('seeds about 150 services from about 40 organisations, written by "demo data"', async () => {
    expect(await servicesCount()).toBe(DEMO_SERVICE_COUNT);
    expect(DEMO_SERVICE_COUNT).toBeGreaterThanOrEqual(141);
    const orgs = await count(
      database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(directoryOrganizations)
        .where(eq(directoryOrganizations.icbId, icbId)),
    );
    expect(orgs).toBeGreaterThanOrEqual(35);
    const authors = await database.db.selectDistinct({ by: directoryMetadata.updatedBy }).from(directoryMetadata);
    expect(authors.map((a) => a.by)).toEqual(['demo data']);
  });

  it('uses every social prescribing category', async () => {
    const rows = await database.db.execute<{ code: string }>(sql`
      SELECT DISTINCT t.code FROM directory_attributes a
      JOIN directory_taxonomy_terms t ON t.id = a.taxonomy_term_id
      WHERE a.link_type = 'service'`);
    expect(rows.rows.map((r) => r.code).sort()).toEqual(SOCIAL_PRESCRIBING_CATEGORIES.map((c) => c.code).sort());
  });

  it('has at least three active walking groups with a physical location within 2 miles of NE1 4XX', async () => {
    const [origin] = await database.db.select().from(postcodes).where(eq(postcodes.postcode, 'NE1 4XX'));
    if (!origin) throw new Error('NE1 4XX is not in the postcodes table');
    const rows = await database.db.execute<{
      name: string;
      postal_code: string;
      latitude: number;
      longitude: number;
    }>(sql`
      SELECT s.name, ad.postal_code, l.latitude, l.longitude
      FROM directory_services s
      JOIN directory_service_at_locations sal ON sal.service_id = s.id
      JOIN directory_locations l ON l.id = sal.location_id AND l.location_type = 'physical' AND NOT l.confidential
      JOIN directory_addresses ad ON ad.location_id = l.id
      WHERE s.status = 'active' AND s.name ILIKE '%walk%' AND ad.postal_code ~ '^NE[12] '`);
    const near = rows.rows.filter(
      (r) => miles({ lat: origin.latitude, lon: origin.longitude }, { lat: r.latitude, lon: r.longitude }) < 2,
    );
    expect(new Set(near.map((r) => r.name)).size).toBeGreaterThanOrEqual(3);
    expect(near.map((r) => r.name)).toContain('Walk and Talk — Riverside');
  });

  it('has 15 to 25 services due for review (verified more than 6 months ago, or never)', async () => {
    const due = await count(
      database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(directoryServices)
        .where(
          sql`${directoryServices.icbId} = ${icbId} AND (${directoryServices.assuredDate} IS NULL OR ${directoryServices.assuredDate} + make_interval(months => ${directoryServices.reviewIntervalMonths}) <= (now() AT TIME ZONE 'Europe/London')::date)`,
        ),
    );
    expect(due).toBeGreaterThanOrEqual(15);
    expect(due).toBeLessThanOrEqual(25);
    const never = await database.db.select().from(directoryServices).where(isNull(directoryServices.assuredDate));
    expect(never.length).toBeGreaterThanOrEqual(1);
    for (const s of never) expect(s.assurerEmail).toBeNull();
  });

  it('has open public reports, one of them on a service due for review', async () => {
    const open = await database.db
      .select({ name: directoryServices.name, assured: directoryServices.assuredDate })
      .from(directoryReports)
      .innerJoin(directoryServices, eq(directoryServices.id, directoryReports.serviceId))
      .where(and(eq(directoryReports.icbId, icbId), isNull(directoryReports.resolvedAt)));
    expect(open.length).toBeGreaterThanOrEqual(2);
    const byker = open.find((r) => r.name === 'Money advice drop-in — Byker');
    expect(byker?.assured).toBeTruthy();
    const dueOn = new Date(`${byker?.assured}T00:00:00Z`);
    dueOn.setUTCMonth(dueOn.getUTCMonth() + 6);
    expect(dueOn.getTime()).toBeLessThan(Date.now());
  });

  it('has confidential locations whose address the public never sees', async () => {
    const rows = await database.db
      .select({ serviceId: sql<string>`sal.service_id` })
      .from(directoryLocations)
      .innerJoin(sql`directory_service_at_locations sal`, sql`sal.location_id = ${directoryLocations.id}`)
      .where(eq(directoryLocations.confidential, true));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const staffView = await loadListing(database.db, rows[0]?.serviceId ?? '');
    const confidential = staffView?.locations.find((l) => l.confidential);
    expect(confidential?.address?.postal_code).toBeTruthy();
    const publicView = publicListing(staffView as NonNullable<typeof staffView>);
    const hidden = publicView.locations.find((l) => l.id === confidential?.id);
    expect(hidden?.address ?? null).toBeNull();
    expect(hidden?.latitude ?? null).toBeNull();
  });

  it('fits every listing to the public answer’s response schema (a mismatch would be a 500)', async () => {
    const ids = await database.db
      .select({ id: directoryServices.id })
      .from(directoryServices)
      .where(eq(directoryServices.icbId, icbId));
    const listings = await loadListings(
      database.db,
      ids.map((r) => r.id),
    );
    expect(listings.length).toBeGreaterThan(50);
    const misfits = listings.flatMap((l) => {
      const encoded = ZPublicListing.safeEncode(publicListing(l));
      return encoded.success ? [] : [`${l.name}: ${encoded.error.message}`];
    });
    expect(misfits).toEqual([]);
  });

  it('puts every physical address at a postcode in the postcodes table', async () => {
    const missing = await database.db.execute<{ postal_code: string }>(sql`
      SELECT ad.postal_code FROM directory_addresses ad
      LEFT JOIN postcodes p ON p.postcode = ad.postal_code
      WHERE p.postcode IS NULL`);
    expect(missing.rows).toEqual([]);
    expect(await count(database.db.select({ n: sql<number>`count(*)::int` }).from(directoryAddresses))).toBeGreaterThan(
      100,
    );
    expect(await count(database.db.select({ n: sql<number>`count(*)::int` }).from(postcodes))).toBeGreaterThanOrEqual(
      240,
    );
  });

  it("gives the demo partner's organisation listings to edit", async () => {
    const [partner] = await database.db.select().from(users).where(eq(users.email, 'partner@northshire.example'));
    expect(partner?.vcsOrganisationId).toBeTruthy();
    const own = await database.db
      .select({ id: directoryServices.id })
      .from(directoryServices)
      .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
      .where(eq(directoryOrganizations.vcsOrganisationId, partner?.vcsOrganisationId ?? ''));
    expect(own.length).toBeGreaterThanOrEqual(3);
    const linked = await database.db
      .selectDistinct({ name: vcsOrganisations.name })
      .from(directoryOrganizations)
      .innerJoin(vcsOrganisations, eq(vcsOrganisations.id, directoryOrganizations.vcsOrganisationId));
    expect(linked.map((l) => l.name).sort()).toEqual(['Dales Walking Friends', 'Northshire Community Connect']);
  });

  it('reseeding changes nothing', async () => {
    const history = () => count(database.db.select({ n: sql<number>`count(*)::int` }).from(directoryMetadata));
    const before = await history();
    expect(before).toBeGreaterThan(DEMO_SERVICE_COUNT);
    expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(false);
    expect(await database.db.transaction((tx) => seedDemoDirectory(tx, icbId))).toBe(false);
    expect(await servicesCount()).toBe(DEMO_SERVICE_COUNT);
    expect(await history()).toBe(before);
    const reports = await count(database.db.select({ n: sql<number>`count(*)::int` }).from(directoryReports));
    expect(reports).toBe(3);
  });
});
