import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey: a link worker on a phone-sized screen (WCAG 1.4.10 reflow). Pages stay usable and
// tables scroll inside their own region instead of widening the page.
test.use({ viewport: { width: 375, height: 740 } });

test('pages reflow on a phone-sized screen', async ({ teamLeadPage: page }) => {
  for (const [path, name] of [
    ['/', 'narrow-home'],
    ['/team', 'narrow-team'],
    // Its tables turn into cards (the NHS.UK responsive table) rather than scroll sideways.
    ['/team/caseloads', 'narrow-team-caseloads'],
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
    // The results are a responsive table: each event a card, each value beside its heading.
    ['/admin/audit?action=auth.sign-in', 'narrow-admin-audit-results'],
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

test.describe('at 320 px (the WCAG reflow width)', () => {
  test.use({ viewport: { width: 320, height: 720 } });

  test('the menu stays on one row with the rest behind "More"', async ({ teamLeadPage: page }) => {
    await page.goto('/');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    const more = menu.getByRole('button', { name: 'Browse More' });
    await expect(more).toBeVisible();
    const tops = await menu
      .locator('.nhsuk-header__navigation-list > li:not([hidden])')
      .evaluateAll((lis) => [...new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top)))]);
    expect(tops, 'every menu item shown sits on one row').toHaveLength(1);
    await expect(menu.getByRole('link', { name: 'Leave and cover' })).toBeHidden();
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await checkPage(page, 'narrow-320-menu-open');
    await menu.getByRole('link', { name: 'Leave and cover' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Leave and cover' })).toBeVisible();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
  });

  test('the caseload turns each case into a card with its headings, and the search narrows it', async ({ browser }) => {
    // A case for the link worker, set up through the API as the lead would.
    const { page: lead, me: leadMe } = await signedInPage(browser, 'team_lead');
    const { page, me } = await signedInPage(browser, 'link_worker');
    const queue = await (await lead.request.get('/api/triage/queue')).json();
    const item = queue.items.find((i: { status: string }) => i.status === 'received');
    expect(item, 'a received referral in the demo queue').toBeTruthy();
    const headers = { 'x-csrf-token': leadMe.csrfToken };
    const triaged = await lead.request.post(`/api/referrals/${item.id}/triage`, {
      headers,
      data: { version: item.version, priority: 'soon', complexity: 'low', predictedPam: 3 },
    });
    await lead.request.post(`/api/referrals/${item.id}/allocate`, {
      headers,
      data: { version: (await triaged.json()).version, workerId: me.user.id, overrideReason: 'End-to-end test' },
    });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto('/caseload');
    const name = `${item.person.givenName} ${item.person.familyName}`;
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toBeVisible();
    // Below the desktop width each value carries its heading, so nothing hides off to the side.
    await expect(row.getByText('Priority', { exact: true })).toBeVisible();
    await expect(row.getByText('Next contact', { exact: true })).toBeVisible();
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow, 'the caseload is no wider than the screen').toBeLessThanOrEqual(0);
    await checkPage(page, 'narrow-320-caseload');

    const search = page.getByLabel('Search by name, NHS number or reference');
    await search.fill(item.person.familyName);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${item.person.familyName}`));
    await expect(row).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /of your \d+ open cases match/ })).toBeVisible();
    await search.fill('nobody-has-this-name');
    await search.press('Enter');
    await expect(page).toHaveURL(/q=nobody-has-this-name/);
    await expect(page.getByRole('status').filter({ hasText: 'No cases match.' })).toBeVisible();
    await expect(row).toBeHidden();
    await page.getByRole('link', { name: 'Clear the search' }).first().click();
    await expect(row).toBeVisible();
  });
});
