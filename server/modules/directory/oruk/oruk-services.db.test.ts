import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOCIAL_PRESCRIBING_TAXONOMY_ID } from '../../../../common/directory.js';
import { categoryTermId } from '../listings/listings.service.js';
import {
  charityId,
  closed,
  type Doc,
  expect400,
  get,
  getPage,
  getValid,
  LISTED,
  merged,
  names,
  setUpOrukDirectory,
  sweepEveryResponse,
  walk,
} from './test-oruk-directory.js';

// /oruk/ and /oruk/services: the API root, the service list with its filters, one service by id.

beforeAll(setUpOrukDirectory);

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

sweepEveryResponse({ responses: 20, services: 30, refugeListed: true });
