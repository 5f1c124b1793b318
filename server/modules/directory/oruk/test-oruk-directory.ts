import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import { createTestApp, createTestTenancy, type TestContext } from '../../../test/toolkit.js';
import { directoryServices } from '../directory.tables.js';
import { assureListing, categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing, createTestOrganization, TEST_AUTHOR } from '../listings/test-listings.js';
import { allKeys, type OrukSchemaFile, orukErrors } from './test-oruk-schemas.js';

// Shared by the /oruk database tests: one small directory (a walking group, a monthly knitting
// circle, an online money service, a refuge at a confidential place, a defunct, a merged and a
// paused listing), helpers that check every response against the project's schemas (./schemas,
// derived from the standard), and the sweep each file ends with: every body it received is kept,
// so the last tests show a confidential address and Waymark's own fields never appear in any.

export let ctx: TestContext;
const bodies: string[] = [];

export type Doc = Record<string, unknown>;
export type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  contents: Doc[];
} & Doc;

export async function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  bodies.push(res.body);
  return res;
}

export async function getValid(url: string, schema: OrukSchemaFile, opts: { page?: boolean } = {}): Promise<Doc> {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(orukErrors(schema, body, opts), url).toEqual([]);
  return body;
}
export const getPage = async (url: string, schema: OrukSchemaFile) =>
  (await getValid(url, schema, { page: true })) as Page;
export const names = (page: Page) => page.contents.map((c) => c.name);

export async function expect400(url: string, field: string): Promise<void> {
  const res = await get(url);
  expect(res.statusCode, url).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
}

export let walk: Listing;
export let knit: Listing;
export let online: Listing;
export let haven: Listing;
export let closed: Listing;
export let football: Listing;
export let merged: Listing;
export let paused: Listing;
export let charityId: string;

export const REFUGE_ADDRESS = '7 Hidden Lane';
export const REFUGE_POSTCODE = 'NE9 9ZZ';
export const REFUGE_LAT = 54.9412;
export const REFUGE_LON = -1.6037;

/** The directory every /oruk database test file starts from (its beforeAll). */
export async function setUpOrukDirectory(): Promise<void> {
  ctx = await createTestApp();
  const { icbId } = await createTestTenancy(ctx.db);
  await addTestPostcodes(ctx.db, [
    { postcode: 'NE1 4XX', latitude: 54.9701, longitude: -1.6102 },
    { postcode: REFUGE_POSTCODE, latitude: REFUGE_LAT, longitude: REFUGE_LON },
    { postcode: 'DH1 1AA', latitude: 54.7761, longitude: -1.5733 },
  ]);
  const charity = await createTestOrganization(ctx.db, icbId, { name: 'Tyneside Walkers', charityNumber: '1100001' });
  charityId = charity.id;
  walk = await createTestListing(ctx.db, icbId, { organization_id: charity.id, name: 'Riverside Walking Group' });
  knit = await createTestListing(ctx.db, icbId, {
    name: 'Knit and Natter',
    description: 'Knitting, crochet and conversation.',
    minimum_age: 50,
    maximum_age: 90,
    taxonomy_term_ids: [categoryTermId('arts-culture')],
    locations: [
      {
        location_type: 'physical',
        name: 'Durham Library',
        address: { address_1: '2 Library Street', city: 'Durham', postal_code: 'DH1 1AA' },
      },
    ],
    schedules: [{ freq: 'MONTHLY', byday: '1TU', opens_at: '14:00', closes_at: '16:00' }],
  });
  online = await createTestListing(ctx.db, icbId, {
    name: 'Online Money Advice',
    description: 'Benefits checks and debt advice by video call.',
    minimum_age: 18,
    maximum_age: 65,
    taxonomy_term_ids: [categoryTermId('money-debt-benefits')],
    service_areas: [{ name: 'Anywhere online' }],
    locations: [{ location_type: 'virtual', name: 'Video call' }],
    schedules: [{ freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00', closes_at: '17:00' }],
  });
  haven = await createTestListing(ctx.db, icbId, {
    name: 'Safe Haven',
    description: 'Emergency accommodation and support for women.',
    minimum_age: 16,
    taxonomy_term_ids: [categoryTermId('housing-advice')],
    locations: [
      {
        location_type: 'physical',
        name: 'The House',
        confidential: true,
        address: { address_1: REFUGE_ADDRESS, city: 'Gateshead', postal_code: REFUGE_POSTCODE },
        accessibility: ['Ramp at the side door'],
      },
    ],
    schedules: [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '08:00', closes_at: '20:00' }],
  });
  closed = await createTestListing(ctx.db, icbId, { name: 'Closed Club' });
  await setListingStatus(ctx.db, closed.id, 'defunct', TEST_AUTHOR);
  football = await createTestListing(ctx.db, icbId, {
    name: 'Youth Football',
    minimum_age: 11,
    maximum_age: 17,
    schedules: [{ freq: 'WEEKLY', byday: 'SA', opens_at: '10:00', closes_at: '12:00' }],
  });
  merged = await createTestListing(ctx.db, icbId, { name: 'Riverside Walking Group (duplicate)' });
  await ctx.db.update(directoryServices).set({ mergedIntoId: walk.id }).where(eq(directoryServices.id, merged.id));
  paused = await createTestListing(ctx.db, icbId, { name: 'Paused Pottery', minimum_age: null, schedules: [] });
  await setListingStatus(ctx.db, paused.id, 'temporarily closed', TEST_AUTHOR);
  await assureListing(ctx.db, walk.id, { userId: null, label: 'coordinator@nhs.example' });
  // Knit and Natter was last changed long ago (for modified_after).
  await ctx.db
    .update(directoryServices)
    .set({ lastModified: new Date('2020-05-01T12:00:00Z') })
    .where(eq(directoryServices.id, knit.id));
}

export const LISTED = [
  'Knit and Natter',
  'Online Money Advice',
  'Paused Pottery',
  'Riverside Walking Group',
  'Safe Haven',
  'Youth Football',
];

/**
 * The last tests of each file: across every response the file received, no confidential address
 * and none of Waymark's own fields. `responses` and `services`: at least how many the file saw.
 */
export function sweepEveryResponse(at: { responses: number; services: number; refugeListed: boolean }): void {
  describe('across every response above', () => {
    it('never shows a confidential address, postcode or coordinates', () => {
      expect(bodies.length).toBeGreaterThan(at.responses);
      const all = bodies.join('\n');
      if (at.refugeListed) expect(all).toContain('Safe Haven'); // the service itself is listed
      for (const secret of [
        REFUGE_ADDRESS,
        REFUGE_POSTCODE,
        String(REFUGE_LAT),
        String(REFUGE_LON),
        'Ramp at the side door',
        'The House',
      ]) {
        expect(all).not.toContain(secret);
      }
    });

    it('never shows Waymark’s own fields', () => {
      const keys = new Set<string>();
      for (const body of bodies) if (body) allKeys(JSON.parse(body), keys);
      for (const own of [
        'referral_capacity',
        'review_interval_months',
        'review_due_on',
        'search_text',
        'search_vector',
        'icb_id',
        'vcs_organisation_id',
        'merged_into_id',
        'assurer_email',
        'confidential',
      ]) {
        expect(keys.has(own), own).toBe(false);
      }
      // Nor their values: the email of the member of staff who verified the walking group.
      expect(bodies.join('\n')).not.toContain('coordinator@nhs.example');
      // `version` is the standard's field on a taxonomy and the API root; a service never has one.
      const services: Doc[] = [];
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') {
          if ('status' in v && 'name' in v) services.push(v as Doc);
          Object.values(v).forEach(collect);
        }
      };
      for (const body of bodies) if (body) collect(JSON.parse(body));
      expect(services.length).toBeGreaterThanOrEqual(at.services);
      for (const service of services) expect(service).not.toHaveProperty('version');
    });
  });
}
