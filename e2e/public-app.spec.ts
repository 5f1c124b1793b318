import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { DirectorySearchPage } from '../common/directory.js';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 14 point 1): a resident opens Waymark's public app at `/`, can install it
// (manifest, icons, a service worker controlling the page), and can read the directory pages
// they saw before with no connection, told honestly that they are offline. Staff data is never
// kept by the service worker.

const WALKING_GROUP = 'Walk and Talk — Riverside';
const OFFLINE_TEXT = 'You are offline. You can read the pages you visited before; anything new needs a connection.';

/** The only API reads the service worker may keep (web/modules/public-app/service-worker/cache-rule.ts). */
const PUBLIC_DIRECTORY_READ = /^\/api\/public\/directory\/(services(\/[^/]+)?|categories)$/;

/** The browser globals the page functions below use (e2e is type-checked without the DOM library). */
interface InPage {
  navigator: { serviceWorker: { ready: Promise<unknown>; controller: { scriptURL: string; state: string } | null } };
  caches: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<{ url: string }[]> }> };
}

/** Waits until the service worker is installed and controls the page (reloading once if it has to). */
async function controlledByServiceWorker(page: Page): Promise<string> {
  await page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => !!(globalThis as unknown as InPage).navigator.serviceWorker.controller)))
    await page.reload();
  await page.waitForFunction(() => !!(globalThis as unknown as InPage).navigator.serviceWorker.controller);
  return page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller?.scriptURL ?? '');
}

/** Every URL in every cache the page's origin holds. */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { caches } = globalThis as unknown as InPage;
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
  });
}

async function walkingGroupId(page: Page): Promise<string> {
  const response = await page.request.get(`/api/public/directory/services?text=${encodeURIComponent('walk and talk')}`);
  expect(response.status()).toBe(200);
  const found = ((await response.json()) as DirectorySearchPage).results.find((r) => r.name === WALKING_GROUP);
  expect(found, `${WALKING_GROUP} is in the public directory`).toBeDefined();
  return found?.id ?? '';
}

test.describe('a signed-out visitor on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('/ is the public home: three ways in and a staff sign-in link, accessible and keyboard-usable', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Get support from your community' })).toBeVisible();
    await expect(page.getByText(/Social prescribing connects you with local groups/)).toBeVisible();
    const main = page.getByRole('main');
    for (const [name, href] of [
      ['Find community groups and services', '/directory'],
      ['Refer yourself to your social prescribing team', '/self-referral'],
      ['Check on a referral you made', '/self-referral/status'],
      ['Staff sign in', '/sign-in'],
    ] as const) {
      await expect(main.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
    }
    // No staff page's content, no account bar.
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(page.locator('#offline-status')).toHaveText('');
    await checkPage(page, 'public-home-390');

    // Keyboard only: Tab from the top reaches the directory link, and Enter follows it.
    let focused = '';
    for (let presses = 0; presses < 15 && focused !== 'Find community groups and services'; presses++) {
      await page.keyboard.press('Tab');
      focused = (await page.locator(':focus').textContent())?.trim() ?? '';
    }
    expect(focused).toBe('Find community groups and services');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/directory$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Find community services and groups' })).toBeVisible();
  });

  test('at 320 px the public home does not scroll sideways', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto('/');
    await checkPage(page, 'public-home-320');
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow, '/ is no wider than the screen').toBeLessThanOrEqual(0);
  });
});

test('the web app manifest has every field Chromium needs to install, and its icons are real PNGs', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#005eb8');
  const touchIcon = (await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')) ?? '/missing';
  expect((await page.request.get(touchIcon)).headers()['content-type']).toBe('image/png');

  const response = await page.request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  expect(response.headers()['cache-control']).toBe('no-cache');
  const manifest = (await response.json()) as Record<string, unknown>;
  expect(manifest).toMatchObject({
    name: 'Waymark: social prescribing',
    short_name: 'Waymark',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#005eb8',
    background_color: '#ffffff',
    lang: 'en-GB',
  });
  expect(manifest.description).toEqual(expect.stringMatching(/\w+ \w+ \w+/));

  const icons = manifest.icons as { src: string; sizes: string; type: string; purpose: string }[];
  expect(icons.map(({ sizes, type, purpose }) => `${sizes} ${type} ${purpose}`).sort()).toEqual([
    '192x192 image/png any',
    '512x512 image/png any',
    '512x512 image/png maskable',
  ]);
  for (const icon of icons) {
    const file = await page.request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type'], icon.src).toBe('image/png');
    const png = PNG.sync.read(await file.body());
    expect(`${png.width}x${png.height}`, icon.src).toBe(icon.sizes);
  }
});

test('the service worker registers and controls the page, Chromium can install the app, and the worker is always fetched fresh', async ({
  page,
}) => {
  await page.goto('/');
  const scriptUrl = await controlledByServiceWorker(page);
  expect(new URL(scriptUrl).pathname).toBe('/sw.js');
  await page.reload();
  expect(
    await page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller?.scriptURL),
  ).toBe(scriptUrl);
  expect(await page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller?.state)).toBe(
    'activated',
  );

  // Chromium's own verdict, as its install prompt uses it (manifest, icons, worker, start URL).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  // Playwright's browser contexts are incognito-like, where Chromium never offers to install.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

  const sw = await page.request.get('/sw.js');
  expect(sw.headers()['cache-control']).toBe('no-cache');
  // The page is allowed to use it: a CSP without worker-src 'self' would have refused the registration.
  expect((await page.request.get('/')).headers()['content-security-policy']).toContain("worker-src 'self'");
});

test('offline, a directory page visited before reloads from the saved copy, with the offline banner', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await controlledByServiceWorker(page);
  // Online: a search, then one of its results.
  await page.goto('/directory?text=walking');
  const result = page.getByRole('link', { name: WALKING_GROUP, exact: true });
  await result.click();
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  await expect(page.getByText(OFFLINE_TEXT)).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  await expect(page.locator('#offline-status')).toContainText(OFFLINE_TEXT);
  await checkPage(page, 'public-directory-listing-offline');
  // Truly offline: an answer the worker never keeps does not come back.
  expect(
    await page.evaluate(() =>
      fetch('/api/auth/me').then(
        () => 'answered',
        () => 'failed',
      ),
    ),
  ).toBe('failed');

  // Back online, the banner goes.
  await context.setOffline(false);
  await expect(page.getByText(OFFLINE_TEXT)).toHaveCount(0);

  // Going offline with the page open, then moving within the app (no reload): the search seen
  // before comes back from its saved copy rather than waiting for a connection.
  await context.setOffline(true);
  await expect(page.locator('#offline-status')).toContainText(OFFLINE_TEXT);
  await page.getByRole('link', { name: 'Back to search' }).click();
  await expect(page.getByRole('link', { name: WALKING_GROUP, exact: true })).toBeVisible();
});

test('online but with Waymark out of reach, a saved listing says it is a copy saved earlier', async ({
  page,
  context,
}) => {
  const id = await walkingGroupId(page);
  await page.goto('/');
  await controlledByServiceWorker(page);
  await page.goto(`/directory/services/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();

  // The server stops answering the listing (the worker's own request, which the context sees).
  await context.route(`**/api/public/directory/services/${id}`, (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  await expect(page.locator('#offline-status')).toContainText('Waymark cannot be reached just now');
  await expect(page.locator('#offline-status')).not.toContainText('You are offline');
});

test('staff data is never kept: only the public directory reads are in the caches', async ({
  careCoordinatorPage: page,
}) => {
  const id = await walkingGroupId(page);
  await page.goto('/');
  await controlledByServiceWorker(page);
  // Staff pages, each reading staff data through the worker: home (who is signed in), the
  // directory with confidential addresses (the staff API), the care coordinator's caseload.
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  await page.goto(`/directory/services/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  await page.goto('/caseload');
  await expect(page.locator('main h1')).toBeVisible();
  // A public read in the same browser is kept: the check below does look at what the worker stores.
  await page.evaluate(() => fetch('/api/public/directory/categories').then((r) => r.json()));

  const urls = await cachedUrls(page);
  const apiPaths = urls
    .map((u) => new URL(u))
    .filter((u) => u.pathname.startsWith('/api/'))
    .map((u) => u.pathname);
  expect(apiPaths).toContain('/api/public/directory/categories');
  expect(apiPaths.filter((p) => !PUBLIC_DIRECTORY_READ.test(p))).toEqual([]);
  // The app shell is there (the worker did store things), and no staff route's page is kept apart from it.
  expect(urls.map((u) => new URL(u).pathname)).toContain('/index.html');
  expect(urls.map((u) => new URL(u).pathname)).not.toContain('/caseload');
});
