import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll } from 'vitest';
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
import { directoryMetadata, directoryServices } from '../directory.tables.js';
import { categoryTermId, ensureSocialPrescribingTaxonomy } from '../listings/listings.service.js';
import { addTestPostcodes } from '../listings/test-listings.js';

// What the transfer tests share: an app with two ICBs (this one and one elsewhere), their admins,
// a care coordinator (no directory.manage), request helpers and a full nested ORUK document.
// Call setUpTransferTests() once at the top of a test file; the bindings below fill in before
// its tests run.

export let ctx: TestContext;
export let tenancy: TestTenancy;
export let elsewhere: TestTenancy;
export let admin: Session;
export let otherAdmin: Session;
export let coordinator: Session;

export function setUpTransferTests(): void {
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
}

export const importOruk = (payload: unknown, s: Session = admin) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/import/oruk', headers: s.headers, payload: payload as object });
export const importCsv = (text: string, s: Session = admin) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/directory/import/csv',
    headers: { ...s.headers, 'content-type': 'text/csv; charset=utf-8' },
    payload: text,
  });
export const exportOruk = (s: Session = admin) =>
  ctx.app.inject({ method: 'GET', url: '/api/directory/export/oruk', headers: { cookie: s.cookie } });
export const duplicates = (s: Session = admin) =>
  ctx.app.inject({ method: 'GET', url: '/api/directory/duplicates', headers: { cookie: s.cookie } });
export const merge = (payload: object, s: Session = admin) =>
  ctx.app.inject({ method: 'POST', url: '/api/directory/duplicates/merge', headers: s.headers, payload });

export const metadataCount = async (serviceId: string) =>
  (await ctx.db.select().from(directoryMetadata).where(eq(directoryMetadata.serviceId, serviceId))).length;
export const storedService = async (id: string) =>
  (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, id)))[0];

/** A full nested ORUK service document, shaped like the standard's service_full example. */
export function orukDocument(overrides: Record<string, unknown> = {}, orgOverrides: Record<string, unknown> = {}) {
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

export const HEADER =
  'id,organization_name,charity_number,name,description,categories,status,referral_capacity,minimum_age,maximum_age,phone,email,url,location_name,address_1,city,postcode,confidential,online,area,schedule,notes';
