import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey: a link worker on a phone-sized screen (WCAG 1.4.10 reflow). Pages stay usable and
// tables scroll inside their own region instead of widening the page.
test.use({ viewport: { width: 375, height: 740 } });

test('pages reflow on a phone-sized screen', async ({ teamLeadPage: page }) => {
  for (const [path, name] of [
    ['/', 'narrow-home'],
    ['/team', 'narrow-team'],
    ['/account', 'narrow-account'],
  ] as const) {
    await page.goto(path);
    await checkPage(page, name);
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(0);
  }
});

test('admin pages reflow on a phone-sized screen', async ({ adminPage: page }) => {
  for (const [path, name] of [
    ['/admin/users', 'narrow-admin-users'],
    ['/admin/organisations', 'narrow-admin-organisations'],
    ['/admin/audit', 'narrow-admin-audit'],
  ] as const) {
    await page.goto(path);
    await checkPage(page, name);
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(0);
  }
});

test('the sign-in page reflows on a phone-sized screen', async ({ page }) => {
  await page.goto('/sign-in');
  await checkPage(page, 'narrow-sign-in');
});
