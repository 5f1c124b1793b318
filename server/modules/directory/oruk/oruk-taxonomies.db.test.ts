import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOCIAL_PRESCRIBING_TAXONOMY_ID } from '../../../../common/directory.js';
import { directoryTaxonomyTerms } from '../directory.tables.js';
import { categoryTermId, setListingStatus } from '../listings/listings.service.js';
import { TEST_AUTHOR } from '../listings/test-listings.js';
import { ORUK_RATE_LIMIT_PER_MINUTE } from './oruk.routes.js';
import {
  ctx,
  type Doc,
  expect400,
  football,
  get,
  getPage,
  getValid,
  setUpOrukDirectory,
  sweepEveryResponse,
} from './test-oruk-directory.js';

// /oruk/taxonomies and /oruk/taxonomy_terms; caching by ETag, openness and the rate limit.

beforeAll(setUpOrukDirectory);

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

sweepEveryResponse({ responses: 10, services: 3, refugeListed: false });

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
