import { ROLE_LABELS, ROLES } from '../common/roles.js';
import { expect, test } from './fixtures.js';
import { freshCode } from './support/admin-totp.js';
import { DEMO_USERS } from './support/demo-users.js';
import { checkPage } from './support/page-checks.js';
import { submitSignInForm } from './support/sign-in.js';

// Journey: every demo user signs in through the real sign-in page, lands on their home page and
// can open every page their navigation offers, each free of accessibility violations.
for (const role of ROLES) {
  const user = DEMO_USERS[role];

  test(`${ROLE_LABELS[role]} signs in and sees their home page`, async ({ page }) => {
    await page.goto('/sign-in');
    await checkPage(page, 'sign-in');
    await submitSignInForm(page, role);

    if (role === 'admin') {
      // admin.spec.ts set up the authenticator; now a code is asked for.
      await expect(page.getByRole('heading', { level: 1, name: 'Enter your security code' })).toBeVisible();
      await page.getByLabel('Security code').fill(await freshCode());
      await page.getByRole('button', { name: 'Continue' }).click();
    }

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${user.name}` })).toBeVisible();
    await expect(page.locator('#signed-in-as')).toContainText(`Signed in as ${user.name}, ${ROLE_LABELS[role]} at `);
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(user.name);
    await checkPage(page, `home-${role}`);

    const menu = page.getByRole('navigation', { name: 'Menu' });
    const destinations = await menu
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
    // The account bar, not the menu, leads to the account and notification pages.
    expect(destinations.map((d) => d.href)).not.toContain('/account');
    const accountBar = page.getByRole('navigation', { name: 'Account' });
    await expect(accountBar.getByRole('link', { name: new RegExp(`^${user.name}`) })).toHaveAttribute(
      'href',
      '/account',
    );
    await expect(accountBar.getByRole('link', { name: /Notifications|unread/ })).toHaveAttribute(
      'href',
      '/notifications',
    );
    for (const { href, text } of destinations) {
      if (href === '/') continue;
      await menu.getByRole('link', { name: text, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.getByRole('heading', { level: 1, name: 'You do not have permission' })).toHaveCount(0);
      await checkPage(page, `${role}${href.replaceAll('/', '-')}`);
    }
    for (const [name, href] of [
      [/Notifications|unread/, '/notifications'],
      [new RegExp(`^${user.name}`), '/account'],
    ] as const) {
      await accountBar.getByRole('link', { name }).click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await checkPage(page, `${role}${href.replaceAll('/', '-')}`);
    }
  });
}

test('the sign-in page explains what is wrong', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(summary.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter your password' })).toBeVisible();
  await expect(page.locator('.nhsuk-error-message')).toHaveCount(2);
  await checkPage(page, 'sign-in-errors');

  // Each summary link takes you to its field.
  await summary.getByRole('link', { name: 'Enter your password' }).click();
  await expect(page.getByLabel('Password')).toBeFocused();

  // A wrong password gets the one generic answer, whatever was wrong.
  await page.getByLabel('Email address').fill(DEMO_USERS.link_worker.email);
  await page.getByLabel('Password').fill('not-the-right-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(summary).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveValue('');
  await checkPage(page, 'sign-in-wrong-password');
});

test('a signed-out visitor to a page is sent to sign in', async ({ page }) => {
  await page.goto('/team');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Waymark' })).toBeVisible();
});
