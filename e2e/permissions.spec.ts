import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey: a role is refused another role's pages, in the browser and by the API.
const NO_PERMISSION = 'You do not have permission to view this page';

test('a referrer cannot open the users page', async ({ referrerPage: page }) => {
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: NO_PERMISSION })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await checkPage(page, 'no-permission-referrer-users');
  expect((await page.request.get('/api/admin/users')).status()).toBe(403);
});

test('a link worker cannot open the audit log', async ({ linkWorkerPage: page }) => {
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: NO_PERMISSION })).toBeVisible();
  expect((await page.request.get('/api/admin/audit')).status()).toBe(403);
});

test('a commissioner cannot open a PCN team page', async ({ commissionerPage: page }) => {
  await page.goto('/team');
  await expect(page.getByRole('heading', { level: 1, name: NO_PERMISSION })).toBeVisible();
  expect((await page.request.get('/api/team')).status()).toBe(403);
});

test('a voluntary sector partner cannot manage organisations', async ({ vcsPartnerPage: page }) => {
  await page.goto('/admin/organisations');
  await expect(page.getByRole('heading', { level: 1, name: NO_PERMISSION })).toBeVisible();
  const me = await (await page.request.get('/api/auth/me')).json();
  const response = await page.request.post('/api/admin/organisations/vcs', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { icbId: '00000000-0000-4000-8000-000000000000', name: 'Should not be created' },
  });
  expect(response.status()).toBe(403);
});
