import type { Route } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey: signing out ends the session on the server, not just in the browser.
test('signing out from the header returns to sign-in and ends the session', async ({ linkWorkerPage: page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();

  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('alert')).toContainText('You have signed out');
  await checkPage(page, 'signed-out');
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);

  await page.goto('/team');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('signing out from the account page works too', async ({ careCoordinatorPage: page }) => {
  await page.goto('/account');
  await checkPage(page, 'account-care-coordinator');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});

test('when the session has ended, the next action explains it and asks to sign in', async ({
  healthCoachPage: page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  // Only the request the click makes may answer: a background request (the event stream
  // reconnecting, a refetch on focus) would otherwise meet the ended session first and take the
  // app to sign-in before the click, leaving the click waiting on a link that is gone. Held
  // requests go on once the click has been answered.
  const held: Route[] = [];
  await page.route('**/api/**', (route) =>
    new URL(route.request().url()).pathname === '/api/team' ? route.continue() : void held.push(route),
  );
  // As if the server had expired the session (30 minutes idle).
  await page.context().clearCookies();
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Team' }).click();

  await expect(page).toHaveURL(/\/sign-in$/);
  await page.unroute('**/api/**');
  for (const route of held) await route.continue().catch(() => {});
  await expect(page.getByRole('region', { name: 'Important' })).toContainText('You have been signed out');
  await checkPage(page, 'session-expired');
});
