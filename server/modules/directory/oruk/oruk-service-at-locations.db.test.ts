import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { categoryTermId } from '../listings/listings.service.js';
import { CONFIDENTIAL_LOCATION_NAME } from './oruk.serializers.js';
import {
  charityId,
  type Doc,
  expect400,
  football,
  get,
  getPage,
  getValid,
  haven,
  knit,
  names,
  online,
  paused,
  REFUGE_ADDRESS,
  REFUGE_POSTCODE,
  setUpOrukDirectory,
  sweepEveryResponse,
  walk,
} from './test-oruk-directory.js';

// /oruk/service_at_locations: each service at each place, by distance from a postcode; and how a
// confidential place shows (or rather does not) wherever it could.

beforeAll(setUpOrukDirectory);

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

sweepEveryResponse({ responses: 15, services: 20, refugeListed: true });
