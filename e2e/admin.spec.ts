import type { Me } from '../common/api-types.js';
import { expect, test } from './fixtures.js';
import { freshCode, saveAdminSecret, wrongCode } from './support/admin-totp.js';
import { DEMO_USERS } from './support/demo-users.js';
import { checkPage } from './support/page-checks.js';
import { rememberAdminSession, submitSignInForm } from './support/sign-in.js';

// Journey: the ICB administrator. This file runs first (name order, one worker) on a fresh
// database, so the first test meets the authenticator set-up that admins must complete.
const admin = DEMO_USERS.admin;

test.describe.configure({ mode: 'serial' });

test('the administrator sets up an authenticator at first sign-in', async ({ page }) => {
  await page.goto('/sign-in');
  await submitSignInForm(page, 'admin');

  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor authentication' })).toBeVisible();
  const secret = ((await page.locator('#secret-key').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret, 'secret key shown in groups of 4').toMatch(/^[A-Z2-7]{16,}$/);
  await expect(page.locator('#secret-key')).toHaveText(/^([A-Z2-7]{1,4} )+[A-Z2-7]{1,4}$/);
  await expect(page.locator('#otpauth-uri')).toHaveText(/^otpauth:\/\/totp\/.+secret=/);
  saveAdminSecret(secret);
  await checkPage(page, 'admin-second-factor-setup');

  // A wrong code is refused, with the error at the field and in the summary.
  await page.getByLabel('Security code').fill(wrongCode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByRole('alert').getByText('There is a problem')).toBeVisible();
  await checkPage(page, 'admin-second-factor-setup-error');

  await page.getByLabel('Security code').fill(await freshCode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.locator('#signed-in-as')).toContainText(`Signed in as ${admin.name}, Administrator at`);
});

test('the administrator signs in again with a code from the authenticator', async ({ page }) => {
  await page.goto('/sign-in');
  await submitSignInForm(page, 'admin');
  // The step changed without a page load: focus moved to the new heading for screen reader users.
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your security code' })).toBeFocused();
  await checkPage(page, 'admin-second-factor-code');
  await page.getByLabel('Security code').fill(await freshCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  await rememberAdminSession(page);
});

test('the audit log shows the administrator’s sign-ins', async ({ adminPage: page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit log' }).click();
  await checkPage(page, 'admin-audit');

  await page.getByLabel('Who').fill('Elaine');
  await page.getByLabel('Action').fill('auth.sign-in');
  await page.getByLabel('Outcome').selectOption('success');
  await page.getByRole('button', { name: 'Search the audit log' }).click();
  await expect(page).toHaveURL(/actor=Elaine/);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toContainText('auth.sign-in');
  // Two sign-ins in this file so far, both by the administrator.
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const row of await rows.all()) {
    await expect(row).toContainText(admin.name);
    await expect(row).toContainText('success');
  }
  await checkPage(page, 'admin-audit-results');
});

test('the audit log pages through older events', async ({ adminPage: page }) => {
  // 55 searches, each audited: more than one page (50) of the ICB's events. (Sign-in attempts for
  // an address nobody has belong to no ICB, so no administrator sees them.)
  for (let i = 0; i < 55; i++) {
    const response = await page.request.get(`/api/admin/audit?action=e2e-${i}`);
    expect(response.status()).toBe(200);
  }
  await page.goto('/admin/audit?action=audit.search');
  await expect(page.locator('tbody tr')).toHaveCount(50);
  await page.getByRole('link', { name: 'Older events' }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(page.getByText(/^Older events: showing \d+ events?/)).toBeVisible();
  expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
  await checkPage(page, 'admin-audit-older');
  await page.getByRole('link', { name: 'Newest events' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(50);

  // Dates are typed as day, month and year; a range the wrong way round is explained, not sent.
  const fillDate = async (legend: string, [day, month, year]: string[]) => {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day ?? '');
    await group.getByLabel('Month').fill(month ?? '');
    await group.getByLabel('Year').fill(year ?? '');
  };
  await fillDate('From date', ['10', '2', '2026']);
  await fillDate('To date', ['1', '2', '2026']);
  await page.getByRole('button', { name: 'Search the audit log' }).click();
  const wrongWayRound = page.getByRole('link', { name: 'To date must be the same as or after the from date' });
  await expect(wrongWayRound).toBeVisible();
  await checkPage(page, 'admin-audit-error');
  await wrongWayRound.click();
  await expect(page.getByRole('group', { name: 'To date' }).getByLabel('Day')).toBeFocused();

  // A range that includes today finds today's events, and the dates stay in the form.
  const today = new Date();
  await fillDate('From date', ['1', '1', '2000']);
  await fillDate('To date', [String(today.getDate()), String(today.getMonth() + 1), String(today.getFullYear())]);
  await page.getByRole('button', { name: 'Search the audit log' }).click();
  await expect(page).toHaveURL(/from=2000-01-01/);
  await expect(page.locator('tbody tr')).toHaveCount(50);
  await expect(page.getByRole('group', { name: 'From date' }).getByLabel('Year')).toHaveValue('2000');
});

test('the administrator adds a GP practice to a PCN', async ({ adminPage: page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations' }).click();
  await checkPage(page, 'admin-organisations');
  await page.getByRole('link', { name: 'Add a GP practice' }).click();
  await checkPage(page, 'admin-add-practice');

  // Nothing filled in: every problem is listed and linked.
  await page.getByRole('button', { name: 'Add a GP practice' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary.getByRole('link', { name: 'Select the primary care network' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the name' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the ODS code' })).toBeVisible();
  await checkPage(page, 'admin-add-practice-errors');
  await summary.getByRole('link', { name: 'Enter the ODS code' }).click();
  await expect(page.getByLabel('ODS code')).toBeFocused();

  const code = `Z${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  const name = `Brookside Test Surgery ${code}`;
  await page.getByLabel('Primary care network').selectOption({ label: 'Riverside and Dales PCN (U99002)' });
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('ODS code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Add a GP practice' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(`${name} has been added`);
  await page.getByLabel('Search by name or code').fill(code);
  await page.getByRole('button', { name: 'Search' }).click();
  const added = page.getByRole('row', { name: new RegExp(name) });
  await expect(added).toContainText(code);
  await expect(added).toContainText('Riverside and Dales PCN');

  // The same code again is refused by the server, and the form says why.
  await page.getByRole('link', { name: 'Add a GP practice' }).click();
  await page.getByLabel('Primary care network').selectOption({ label: 'Riverside and Dales PCN (U99002)' });
  await page.getByLabel('Name').fill(`${name} again`);
  await page.getByLabel('ODS code').fill(code);
  await page.getByRole('button', { name: 'Add a GP practice' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  await checkPage(page, 'admin-add-practice-duplicate');
});

test('the administrator adds a link worker and changes their working hours', async ({ adminPage: page }) => {
  await page.goto('/admin/users');
  await checkPage(page, 'admin-users');
  await page.getByRole('link', { name: 'Add a user' }).click();
  await checkPage(page, 'admin-add-user');

  const suffix = Date.now().toString(36);
  const name = `Robin Test ${suffix}`;
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(`robin.${suffix}@northshire.example`);
  await page.getByLabel('Role').selectOption({ label: 'Social prescribing link worker' });
  await page.getByLabel('Organisation').selectOption({ label: 'Riverside and Dales PCN (U99002)' });
  await expect(page.getByLabel('Band')).toHaveValue('5');
  await page.getByLabel('Working hours (FTE)').fill('0.5');
  await page.getByLabel('Caseload capacity').fill('40');
  await page.getByLabel('Temporary password').fill('a-long-temporary-passphrase');
  await checkPage(page, 'admin-add-user-filled');
  await page.getByRole('button', { name: 'Add user' }).click();

  await expect(page.getByRole('alert')).toContainText(`${name} has been added`);
  await page.getByLabel('Search by name or email address').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator('tbody tr', { hasText: name });
  await expect(row).toContainText('Riverside and Dales PCN');
  await expect(row).toContainText('0.5');

  await row.getByRole('link', { name: `Change ${name}` }).click();
  await checkPage(page, 'admin-edit-user');
  await page.getByLabel('Working hours (FTE)').fill('0.8');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText(`${name}'s details have been saved`);
  await page.getByLabel('Search by name or email address').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('tbody tr', { hasText: name })).toContainText('0.8');
});

test('a change to a user someone else has just changed is refused clearly', async ({ adminPage: page }) => {
  await page.goto('/admin/users?q=Sofia+Marin');
  const row = page.locator('tbody tr', { hasText: 'Sofia Marin' });
  await row.getByRole('link', { name: 'Change Sofia Marin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Change Sofia Marin/ })).toBeVisible();

  // Another administrator saves a change first (through the API, with this session's CSRF token).
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const { items: users } = (await (await page.request.get('/api/admin/users?q=Sofia%20Marin')).json()) as {
    items: { id: string; name: string; version: number }[];
  };
  const sofia = users.find((u) => u.name === 'Sofia Marin');
  if (!sofia) throw new Error('Sofia Marin is not in the demo data');
  const other = await page.request.patch(`/api/admin/users/${sofia.id}`, {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { version: sofia.version, caseloadCapacity: 35 },
  });
  expect(other.status()).toBe(200);

  await page.getByLabel('Working hours (FTE)').fill('0.9');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Someone else changed this user');
  await expect(page.getByLabel('Caseload capacity')).toHaveValue('35');
  await checkPage(page, 'admin-edit-user-conflict');
});
