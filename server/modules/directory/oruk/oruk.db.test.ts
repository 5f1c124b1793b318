import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Listing, SOCIAL_PRESCRIBING_TAXONOMY_ID } from '../../../../common/directory.js';
import { createTestApp, createTestTenancy, type TestContext } from '../../../test/toolkit.js';
import { directoryServices, directoryTaxonomyTerms } from '../directory.tables.js';
import { assureListing, categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { addTestPostcodes, createTestListing, createTestOrganization, TEST_AUTHOR } from '../listings/test-listings.js';
import { ORUK_RATE_LIMIT_PER_MINUTE } from './oruk.routes.js';
import { CONFIDENTIAL_LOCATION_NAME } from './oruk.serializers.js';
import { allKeys, type OrukSchemaFile, orukErrors } from './test-oruk-schemas.js';

// The public Open Referral UK API over a real database: every response is checked against the
// project's schemas (./schemas, derived from the standard), and every body is kept so the last
// tests can show a confidential address and Waymark's own fields never appear in any of them.

let ctx: TestContext;
const bodies: string[] = [];

type Doc = Record<string, unknown>;
type Page = { total_items: number; total_pages: number; page_number: number; size: number; contents: Doc[] } & Doc;

async function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  bodies.push(res.body);
  return res;
}

async function getValid(url: string, schema: OrukSchemaFile, opts: { page?: boolean } = {}): Promise<Doc> {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(orukErrors(schema, body, opts), url).toEqual([]);
  return body;
}
const getPage = async (url: string, schema: OrukSchemaFile) => (await getValid(url, schema, { page: true })) as Page;
const names = (page: Page) => page.contents.map((c) => c.name);

async function expect400(url: string, field: string): Promise<void> {
  const res = await get(url);
  expect(res.statusCode, url).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
}

let walk: Listing;
let knit: Listing;
let online: Listing;
let haven: Listing;
let closed: Listing;
let football: Listing;
let merged: Listing;
let paused: Listing;
let charityId: string;

const REFUGE_ADDRESS = '7 Hidden Lane';
const REFUGE_POSTCODE = 'NE9 9ZZ';
const REFUGE_LAT = 54.9412;
const REFUGE_LON = -1.6037;

beforeAll(async () => {
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
});

const LISTED = [
  'Knit and Natter',
  'Online Money Advice',
  'Paused Pottery',
  'Riverside Walking Group',
  'Safe Haven',
  'Youth Football',
];

describe('GET /oruk/', () => {
  it('says which version and profile of the standard it speaks', async () => {
    const body = await getValid('/oruk/', 'api_details.json');
    expect(body).toEqual({
      version: '3.0',
      profile: expect.stringMatching(/^https:\/\//),
      openapi_url: expect.stringMatching(/openapi\.json$/),
    });
    expect(await getValid('/oruk', 'api_details.json')).toEqual(body);
    const unknown = await get('/oruk/organizations/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /oruk/services', () => {
  it('lists active, temporarily closed and inactive services in the Page envelope; never defunct or merged ones', async () => {
    const page = await getPage('/oruk/services', 'service_list.json');
    expect(names(page)).toEqual(LISTED);
    expect(page).toMatchObject({
      total_items: 6,
      total_pages: 1,
      page_number: 1,
      size: 6,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const item = page.contents.find((c) => c.id === walk.id);
    expect(item).toMatchObject({
      status: 'active',
      organization_id: charityId,
      organization: { id: charityId, name: 'Tyneside Walkers' },
      assured_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      minimum_age: 18,
    });
    expect(page.contents.find((c) => c.name === 'Paused Pottery')?.status).toBe('temporarily closed');
  });

  it('pages with page and per_page and reports the page numbers', async () => {
    const second = await getPage('/oruk/services?per_page=4&page=2', 'service_list.json');
    expect(second).toMatchObject({
      total_items: 6,
      total_pages: 2,
      page_number: 2,
      size: 2,
      first_page: false,
      last_page: true,
      empty: false,
    });
    expect(names(second)).toEqual(LISTED.slice(4));
    const beyond = await getPage('/oruk/services?per_page=4&page=3', 'service_list.json');
    expect(beyond).toMatchObject({ total_items: 6, page_number: 3, size: 0, empty: true, last_page: true });
  });

  it('finds a service from a misspelt search, most relevant first', async () => {
    const page = await getPage('/oruk/services?search=walkng%20grup', 'service_list.json');
    expect(names(page)[0]).toBe('Riverside Walking Group');
    expect(names(page)).not.toContain('Online Money Advice');
    const exact = await getPage('/oruk/services?search=debt%20advice', 'service_list.json');
    expect(names(exact)).toEqual(['Online Money Advice']);
  });

  it('filters by taxonomy term, taxonomy and organisation', async () => {
    const arts = await getPage(
      `/oruk/services?taxonomy_term_id=${categoryTermId('arts-culture')}`,
      'service_list.json',
    );
    expect(names(arts)).toEqual(['Knit and Natter']);
    const all = await getPage(`/oruk/services?taxonomy_id=${SOCIAL_PRESCRIBING_TAXONOMY_ID}`, 'service_list.json');
    expect(all.total_items).toBe(6);
    const none = await getPage(`/oruk/services?taxonomy_id=${randomUUID()}`, 'service_list.json');
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, empty: true, contents: [] });
    const byOrg = await getPage(`/oruk/services?organization_id=${charityId}`, 'service_list.json');
    expect(names(byOrg)).toEqual(['Riverside Walking Group']);
  });

  it('filters by age as the standard describes: minimum age at least, maximum age at most', async () => {
    const adults = await getPage('/oruk/services?minimum_age=18', 'service_list.json');
    expect(names(adults)).toEqual(['Knit and Natter', 'Online Money Advice', 'Riverside Walking Group']);
    const young = await getPage('/oruk/services?maximum_age=17', 'service_list.json');
    expect(names(young)).toEqual(['Youth Football']);
    const range = await getPage('/oruk/services?minimum_age=10&maximum_age=70', 'service_list.json');
    expect(names(range)).toEqual(['Online Money Advice', 'Youth Football']);
  });

  it('honours schedules for day, start_time and end_time, including a "first Tuesday" rule', async () => {
    const tuesday = await getPage('/oruk/services?day=TU', 'service_list.json');
    expect(names(tuesday)).toEqual(['Knit and Natter', 'Riverside Walking Group', 'Safe Haven']);
    const wednesday = await getPage('/oruk/services?day=WE', 'service_list.json');
    expect(names(wednesday)).toEqual(['Online Money Advice', 'Safe Haven']);
    const saturday = await getPage('/oruk/services?day=saturday', 'service_list.json');
    expect(names(saturday)).toEqual(['Youth Football']);
    // The session must lie within the window, on that day.
    const tuesdayAfternoon = await getPage(
      '/oruk/services?day=TU&start_time=13:00&end_time=17:00',
      'service_list.json',
    );
    expect(names(tuesdayAfternoon)).toEqual(['Knit and Natter']);
    const tuesdayMorning = await getPage('/oruk/services?day=TU&end_time=12:00', 'service_list.json');
    expect(names(tuesdayMorning)).toEqual(['Riverside Walking Group']);
  });

  it('returns only services modified on or after modified_after', async () => {
    const recent = await getPage('/oruk/services?modified_after=2024-01-01T00:00:00Z', 'service_list.json');
    expect(names(recent)).toEqual(LISTED.filter((n) => n !== 'Knit and Natter'));
    const sinceDate = await getPage('/oruk/services?modified_after=2020-05-01', 'service_list.json');
    expect(names(sinceDate)).toEqual(LISTED);
  });

  it('answers 400 naming the parameter, for each bad parameter', async () => {
    await expect400('/oruk/services?page=0', 'page');
    await expect400('/oruk/services?per_page=201', 'per_page');
    await expect400('/oruk/services?per_page=0', 'per_page');
    await expect400('/oruk/services?day=XX', 'day');
    await expect400('/oruk/services?minimum_age=abc', 'minimum_age');
    await expect400('/oruk/services?maximum_age=-2', 'maximum_age');
    await expect400('/oruk/services?modified_after=last-week', 'modified_after');
    await expect400('/oruk/services?start_time=9am', 'start_time');
    await expect400('/oruk/services?taxonomy_term_id=arts', 'taxonomy_term_id');
    const res = await get('/oruk/services?per_page=500');
    expect(res.json()).toMatchObject({
      status: 400,
      errors: [{ field: 'per_page', message: 'must be between 1 and 200' }],
    });
  });
});

describe('GET /oruk/services/{id}', () => {
  it('returns the fully nested service', async () => {
    const body = await getValid(`/oruk/services/${walk.id}`, 'service.json');
    expect(body).toMatchObject({
      id: walk.id,
      name: 'Riverside Walking Group',
      status: 'active',
      schedules: [
        { freq: 'WEEKLY', byday: 'TU', opens_at: '10:00:00', closes_at: '11:00:00', notes: 'Not on bank holidays' },
      ],
      service_at_locations: [
        {
          location: {
            location_type: 'physical',
            name: 'Quayside Community Centre',
            latitude: 54.9701,
            longitude: -1.6102,
            addresses: [{ address_1: '1 Quay Road', postal_code: 'NE1 4XX', country: 'GB', address_type: 'physical' }],
            accessibility: [{ description: 'Step-free access' }],
          },
        },
      ],
      languages: [{ name: 'English', code: 'en' }],
      cost_options: [{ option: 'Free', amount: 0 }],
      organization: {
        id: charityId,
        organization_identifiers: [
          { identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: '1100001' },
        ],
      },
    });
    const terms = (body.attributes as { taxonomy_term: Doc }[]).map((a) => a.taxonomy_term.name).sort();
    expect(terms).toEqual(['Nature and green space', 'Sport and physical activity']);
    expect((body.attributes as Doc[])[0]).toMatchObject({ link_type: 'service', link_id: walk.id });
    // assured_date is published; the email of whoever verified it is not.
    expect(body.assured_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.assurer_email).toBeUndefined();
  });

  it('returns a closed-for-good service by id with its status, but not a merged duplicate', async () => {
    const defunct = await getValid(`/oruk/services/${closed.id}`, 'service.json');
    expect(defunct.status).toBe('defunct');
    const res = await get(`/oruk/services/${merged.id}`);
    expect(res.statusCode).toBe(404);
  });

  it('answers 404 problem+json for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const res = await get(`/oruk/services/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
    }
  });
});

describe('GET /oruk/service_at_locations', () => {
  it('lists each service at each location in the Page envelope', async () => {
    const page = await getPage('/oruk/service_at_locations', 'service_at_location_list.json');
    expect(page.total_items).toBe(6);
    const item = page.contents.find((c) => c.service_id === walk.id);
    expect(item).toMatchObject({
      location: { name: 'Quayside Community Centre', latitude: 54.9701 },
      service: { id: walk.id, name: 'Riverside Walking Group', organization: { id: charityId } },
    });
  });

  it('keeps places within proximity metres of the postcode, nearest first, and never drops online or area-wide services', async () => {
    const near = await getPage(
      '/oruk/service_at_locations?postcode=ne14xx&proximity=2000',
      'service_at_location_list.json',
    );
    // The three at NE1 4XX itself (by name), then those distance says nothing about, by name: the
    // online service and Safe Haven, met only at a confidential place.
    expect(near.contents.map((c) => c.service_id)).toEqual([paused.id, walk.id, football.id, online.id, haven.id]);
    // Durham (Knit and Natter) is about 22 km away.
    const wide = await getPage(
      '/oruk/service_at_locations?postcode=NE1%204XX&proximity=50000',
      'service_at_location_list.json',
    );
    expect(wide.contents.map((c) => c.service_id)).toContain(knit.id);
  });

  it('never locates a confidential place: its service is kept at any distance, like an online one', async () => {
    // The directory search's rule (one search for /oruk and the search pages): a service with no
    // place the public may see is never dropped by distance. So 10 m from the refuge's own
    // postcode and 10 m from Durham, 25 km away, answer alike: repeated proximity queries learn
    // nothing about where it is. (The old /oruk rule dropped it from every proximity query.)
    for (const postcode of [REFUGE_POSTCODE, 'DH1 1AA']) {
      const page = await getPage(
        `/oruk/service_at_locations?postcode=${encodeURIComponent(postcode)}&proximity=10`,
        'service_at_location_list.json',
      );
      const ids = page.contents.map((c) => c.service_id);
      expect(ids, postcode).toContain(haven.id);
      expect(ids.slice(-2), postcode).toEqual([online.id, haven.id]);
    }
  });

  it('applies the service filters too', async () => {
    const page = await getPage('/oruk/service_at_locations?day=SA', 'service_at_location_list.json');
    expect(page.contents.map((c) => c.service_id)).toEqual([football.id]);
  });

  it('answers 400 for a proximity without a postcode, an unknown postcode or a bad one', async () => {
    await expect400('/oruk/service_at_locations?proximity=1000', 'proximity');
    await expect400('/oruk/service_at_locations?postcode=ZZ9%209ZZ', 'postcode');
    await expect400('/oruk/service_at_locations?postcode=nowhere', 'postcode');
    await expect400('/oruk/service_at_locations?postcode=NE1%204XX&proximity=-5', 'proximity');
    await expect400('/oruk/service_at_locations?per_page=1000', 'per_page');
  });

  it('returns one service_at_location with its location and its nested service', async () => {
    const list = await getPage(
      `/oruk/service_at_locations?organization_id=${charityId}`,
      'service_at_location_list.json',
    );
    const id = list.contents[0]?.id as string;
    const body = await getValid(`/oruk/service_at_locations/${id}`, 'service_at_location.json');
    expect(body).toMatchObject({
      id,
      service_id: walk.id,
      location: { addresses: [{ postal_code: 'NE1 4XX' }] },
      service: { id: walk.id, status: 'active', schedules: [{ byday: 'TU' }], organization: { id: charityId } },
    });
    expect((await get(`/oruk/service_at_locations/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('confidential locations', () => {
  it('keep the service and the link but show only "Confidential location"', async () => {
    const body = await getValid(`/oruk/services/${haven.id}`, 'service.json');
    const links = body.service_at_locations as { id: string; location: Doc }[];
    expect(links).toHaveLength(1);
    expect(links[0]?.location).toEqual({
      id: expect.any(String),
      location_type: 'physical',
      name: CONFIDENTIAL_LOCATION_NAME,
      addresses: [],
      accessibility: [],
    });
    await getValid(`/oruk/service_at_locations/${links[0]?.id}`, 'service_at_location.json');
    const list = await getPage(
      `/oruk/service_at_locations?taxonomy_term_id=${categoryTermId('housing-advice')}`,
      'service_at_location_list.json',
    );
    expect(list.contents[0]?.location).toEqual({
      id: expect.any(String),
      location_type: 'physical',
      name: CONFIDENTIAL_LOCATION_NAME,
    });
    // Searching for the hidden postcode or street does not single the service out either.
    const search = await getPage(
      `/oruk/services?search=${encodeURIComponent(`${REFUGE_ADDRESS} ${REFUGE_POSTCODE}`)}`,
      'service_list.json',
    );
    expect(names(search)).not.toContain('Safe Haven');
  });
});

describe('taxonomies and taxonomy terms', () => {
  it('lists taxonomies and returns one with its terms', async () => {
    const page = await getPage('/oruk/taxonomies', 'taxonomy.json');
    expect(page.contents).toEqual([
      expect.objectContaining({ id: SOCIAL_PRESCRIBING_TAXONOMY_ID, name: 'ICB social prescribing categories' }),
    ]);
    const one = await getValid(`/oruk/taxonomies/${SOCIAL_PRESCRIBING_TAXONOMY_ID}`, 'taxonomy.json');
    expect((one.taxonomy_terms as Doc[]).map((t) => t.id)).toContain(categoryTermId('carers'));
    expect((await get(`/oruk/taxonomies/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('lists terms (top_only, parent_id, taxonomy_id, paged) and returns one', async () => {
    const childId = randomUUID();
    await ctx.db.insert(directoryTaxonomyTerms).values({
      id: childId,
      taxonomyId: SOCIAL_PRESCRIBING_TAXONOMY_ID,
      code: 'walking',
      name: 'Walking groups',
      parentId: categoryTermId('sport-physical-activity'),
    });
    const all = await getPage('/oruk/taxonomy_terms?per_page=200', 'taxonomy_term.json');
    const top = await getPage('/oruk/taxonomy_terms?top_only=true&per_page=200', 'taxonomy_term.json');
    expect(all.total_items).toBe(top.total_items + 1);
    expect(top.contents.map((t) => t.id)).not.toContain(childId);
    const children = await getPage(
      `/oruk/taxonomy_terms?parent_id=${categoryTermId('sport-physical-activity')}`,
      'taxonomy_term.json',
    );
    expect(children.contents).toEqual([
      expect.objectContaining({
        id: childId,
        name: 'Walking groups',
        parent_id: categoryTermId('sport-physical-activity'),
      }),
    ]);
    const paged = await getPage(
      `/oruk/taxonomy_terms?taxonomy_id=${SOCIAL_PRESCRIBING_TAXONOMY_ID}&per_page=5&page=2`,
      'taxonomy_term.json',
    );
    expect(paged).toMatchObject({ total_items: all.total_items, page_number: 2, size: 5 });
    const one = await getValid(`/oruk/taxonomy_terms/${categoryTermId('carers')}`, 'taxonomy_term.json');
    expect(one).toMatchObject({
      id: categoryTermId('carers'),
      code: 'carers',
      name: 'Carers',
      taxonomy_id: SOCIAL_PRESCRIBING_TAXONOMY_ID,
      taxonomy: 'ICB social prescribing categories',
    });
    expect((await get(`/oruk/taxonomy_terms/${randomUUID()}`)).statusCode).toBe(404);
    await expect400('/oruk/taxonomy_terms?top_only=maybe', 'top_only');
    await expect400('/oruk/taxonomies?page=-1', 'page');
  });
});

describe('caching, rate limiting and openness', () => {
  it('sends an ETag and Cache-Control, answers 304 to If-None-Match, and a new ETag after a change', async () => {
    const first = await get(`/oruk/services/${football.id}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const again = await get(`/oruk/services/${football.id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(`/oruk/services/${football.id}`, { 'if-none-match': `W/${etag}` })).statusCode).toBe(304);
    expect((await get(`/oruk/services/${football.id}`, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    await setListingStatus(ctx.db, football.id, 'inactive', TEST_AUTHOR);
    const changed = await get(`/oruk/services/${football.id}`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().status).toBe('inactive');
    // Inactive services are still listed, with their status.
    const page = await getPage('/oruk/services?maximum_age=17', 'service_list.json');
    expect(page.contents).toEqual([expect.objectContaining({ id: football.id, status: 'inactive' })]);
  });

  it('is public and rate limited per client', async () => {
    const res = await get('/oruk/taxonomies');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe(String(ORUK_RATE_LIMIT_PER_MINUTE));
    expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(ORUK_RATE_LIMIT_PER_MINUTE);
  });
});

describe('across every response above', () => {
  it('never shows a confidential address, postcode or coordinates', () => {
    expect(bodies.length).toBeGreaterThan(40);
    const all = bodies.join('\n');
    expect(all).toContain('Safe Haven'); // the service itself is listed
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
    expect(services.length).toBeGreaterThan(50);
    for (const service of services) expect(service).not.toHaveProperty('version');
  });
});

// Last in the file: it uses up this client's allowance.
describe('the rate limit', () => {
  it('answers 429 problem+json once a client has used its allowance for the minute', async () => {
    let res = await ctx.app.inject({ method: 'GET', url: '/oruk/' });
    for (let i = 0; i < ORUK_RATE_LIMIT_PER_MINUTE && res.statusCode === 200; i++) {
      res = await ctx.app.inject({ method: 'GET', url: '/oruk/' });
    }
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});
