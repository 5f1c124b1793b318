import type { Me } from '../common/api-types.js';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Runs after admin.spec.ts (name order), which sets up the administrator's authenticator.
// Issue 10, point 7: the administrator finds people and organisations in long lists (search,
// filters, sort, pages, all kept in the address), and changes and retires an organisation,
// whose history stays.

test('the administrator searches, filters, sorts and pages the users', async ({ adminPage: page }) => {
  await page.goto('/admin/users');
  // Everyone is listed at first, and the filter says so (a search must not narrow it unasked).
  await expect(page.getByLabel('Can they sign in?').locator('option:checked')).toHaveText('Everyone');
  const caption = page.locator('caption');
  await expect(caption).toContainText(/\d+ users/);
  const total = Number((/(\d+) users/.exec((await caption.textContent()) ?? '') ?? [])[1]);

  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Team lead' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/role=team_lead/);
  await expect(page).not.toHaveURL(/status=\w/);
  const roles = page.locator('tbody tr td:nth-child(3)');
  await expect(roles.first()).toContainText('Team lead');
  expect(new Set((await roles.allTextContents()).map((t) => t.replace(/^Role\s*/, '').trim()))).toEqual(
    new Set(['Team lead']),
  );
  await checkPage(page, 'admin-users-filtered');

  // Sorted by name A to Z at first; one click on the heading turns it round, and says so.
  await page.getByRole('link', { name: /^Clear the search/ }).click();
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('columnheader', { name: /^Name/ }).getByRole('link').click();
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending');
  // The heading turns at once; the rows follow when the new order has loaded (aria-busy until then).
  await expect(page.locator('table[aria-busy="true"]')).toHaveCount(0);
  const names = (await page.locator('tbody tr th').allTextContents()).map((t) => t.replace(/^Name\s*/, ''));
  expect(names.length).toBeGreaterThan(1);
  expect([...names].sort((a, b) => b.localeCompare(a, 'en-GB'))).toEqual(names);

  // 25 a page: the next page carries the order with it, and Back comes back.
  if (total > 25) {
    await page.getByRole('link', { name: /Next page/ }).click();
    await expect(caption).toContainText('(page 2 of');
    await expect(page).toHaveURL(/dir=desc.*page=2|page=2.*dir=desc/);
    await page.goBack();
    await expect(caption).not.toContainText('(page 2');
  }

  // The same list at 320 pixels: rows become cards, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  await checkPage(page, 'admin-users-narrow');
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBe(0);
});

test('the administrator changes a practice, cannot retire a PCN still in use, and retires and reinstates the practice', async ({
  adminPage: page,
}) => {
  // A practice of its own for this test, added through the API.
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const tree = (await (await page.request.get('/api/organisations')).json()) as {
    icbs: { pcns: { id: string; name: string }[] }[];
  };
  const pcn = tree.icbs[0]?.pcns.find((p) => p.name === 'Riverside and Dales PCN');
  const code = `W${String(Date.now()).slice(-5)}`;
  const added = await page.request.post('/api/admin/organisations/practices', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { pcnId: pcn?.id, code, name: `Lantern Lane Surgery ${code}` },
  });
  expect(added.status()).toBe(201);

  await page.goto('/admin/organisations');
  await page.getByLabel('Search by name or code').fill(code);
  await page.getByLabel('Type').selectOption({ label: 'GP practice' });
  await page.getByRole('button', { name: 'Search' }).click();
  await checkPage(page, 'admin-organisations-search');
  await page.getByRole('link', { name: `Lantern Lane Surgery ${code}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Lantern Lane Surgery/ })).toBeVisible();

  await page.getByLabel('Name').fill(`Lantern Lane Medical Centre ${code}`);
  await page.getByLabel('Practice mailbox (optional)').fill('lantern.lane@nhs.example');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Your changes have been saved');
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText(`Name: Lantern Lane Surgery ${code} → Lantern Lane Medical Centre ${code}`);
  await expect(history).toContainText('Practice mailbox: none → lantern.lane@nhs.example');
  await expect(history).toContainText('Elaine Foster');
  await checkPage(page, 'admin-organisation');

  await page.getByRole('button', { name: /^Retire Lantern Lane/ }).click();
  await page.getByLabel('Why?').fill('Merged with Harbour View Surgery');
  await checkPage(page, 'admin-organisation-retire');
  await page.getByRole('button', { name: 'Yes, retire it' }).click();
  await expect(page.getByRole('alert')).toContainText('has been retired');
  await expect(history).toContainText('Why: Merged with Harbour View Surgery');
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

  // Its people can still be found: the users list's organisation filter keeps retired ones, marked.
  const practiceId = ((await added.json()) as { id: string }).id;
  await page.getByRole('link', { name: /^Find its users/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const organisationFilter = page.getByLabel('Organisation');
  await expect(organisationFilter).toHaveValue(practiceId);
  await expect(organisationFilter.locator('option:checked')).toHaveText(
    `Lantern Lane Medical Centre ${code} (${code}) – retired`,
  );
  await expect(page.getByText('No users match')).toBeVisible();
  await checkPage(page, 'admin-users-retired-organisation');

  // Retired: no longer offered where people choose a practice; listed under "Retired".
  await page.goto('/admin/users/new');
  await page.getByLabel('Role').selectOption({ label: 'Referrer (GP practice)' });
  await expect(page.getByLabel('Organisation').locator('option', { hasText: code })).toHaveCount(0);
  await page.goto(`/admin/organisations?status=retired&q=${code}`);
  await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Retired');

  await page.getByRole('link', { name: `Lantern Lane Medical Centre ${code}` }).click();
  await page.getByRole('button', { name: /^Reinstate Lantern Lane/ }).click();
  await page.getByLabel('Why?').fill('The merger fell through');
  await page.getByRole('button', { name: 'Yes, reinstate it' }).click();
  await expect(page.getByRole('alert')).toContainText('has been reinstated');

  // A PCN with practices, a team and open referrals cannot be retired: it says what to move first.
  await page.goto('/admin/organisations?type=pcn');
  await page.getByRole('link', { name: 'Riverside and Dales PCN' }).click();
  await page.getByRole('button', { name: /^Retire Riverside and Dales PCN/ }).click();
  await page.getByLabel('Why?').fill('Trying it');
  await page.getByRole('button', { name: 'Yes, retire it' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    /cannot be retired yet: it still has \d+ active users/,
  );
  await checkPage(page, 'admin-organisation-retire-refused');
});
