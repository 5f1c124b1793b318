import { describe, expect, it } from 'vitest';
import { mayCacheRequest, mayKeepResponse } from './cache-rule';

const origin = 'https://waymark.example.nhs.uk';
const get = (path: string, method = 'GET') => mayCacheRequest({ method, url: `${origin}${path}`, origin });

describe('which requests the service worker may keep', () => {
  it.each([
    '/api/public/directory/services',
    '/api/public/directory/services?text=walking&postcode=NS1%201AA&page=2',
    '/api/public/directory/services/3f1b2a9e-0000-4000-8000-000000000001',
    '/api/public/directory/categories',
  ])('keeps the public directory read %s', (path) => {
    expect(get(path)).toBe(true);
  });

  it.each([
    // Staff reads of the same directory (confidential addresses, closed services).
    '/api/directory/services',
    '/api/directory/services/3f1b2a9e-0000-4000-8000-000000000001',
    // Sessions and who is signed in.
    '/api/auth/me',
    '/api/auth/sign-in',
    '/api/events',
    // Staff data.
    '/api/referrals',
    '/api/cases/3f1b2a9e',
    '/api/team',
    // Other public answers that are not the directory.
    '/api/public/site',
    '/api/public/directory/services/3f1b2a9e/reports',
    '/api/public/directory/servicesX',
    '/api/public/directory/categories/extra',
    // Dot segments that lead out of the public directory.
    '/api/public/directory/services/../../auth/me',
    '/api/public/directory/services/%2e%2e/%2e%2e/auth/me',
    // Pages and the API's interop faces.
    '/fhir/R4/Patient',
    '/oruk/services',
  ])('refuses %s', (path) => {
    expect(get(path)).toBe(false);
  });

  it('refuses anything but GET, even on a public directory read', () => {
    expect(get('/api/public/directory/services', 'POST')).toBe(false);
    expect(get('/api/public/directory/services', 'HEAD')).toBe(false);
  });

  it('refuses another origin serving the same path, and addresses that do not parse', () => {
    expect(
      mayCacheRequest({ method: 'GET', url: 'https://elsewhere.example/api/public/directory/services', origin }),
    ).toBe(false);
    expect(mayCacheRequest({ method: 'GET', url: 'not a url', origin })).toBe(false);
  });
});

describe('which answers the service worker may keep', () => {
  const ok = { status: 200, type: 'basic', cacheControl: 'public, max-age=60' };

  it('keeps a same-origin 200 the server called public', () => {
    expect(mayKeepResponse(ok)).toBe(true);
    expect(mayKeepResponse({ ...ok, cacheControl: 'max-age=60, Public' })).toBe(true);
  });

  it.each([
    { ...ok, status: 404 },
    { ...ok, status: 500 },
    { ...ok, status: 206 },
    { ...ok, type: 'opaque' },
    { ...ok, type: 'cors' },
    { ...ok, cacheControl: null },
    { ...ok, cacheControl: 'no-cache' },
    { ...ok, cacheControl: 'private, max-age=60' },
    { ...ok, cacheControl: 'public, no-store' },
    { ...ok, cacheControl: 'publicity' },
  ])('refuses %o', (response) => {
    expect(mayKeepResponse(response)).toBe(false);
  });
});
