import * as OTPAuth from 'otpauth';
import type { SignInResult } from '../common/api-types.js';
import { expect, test } from './fixtures.js';
import { DEMO_PASSWORD } from './support/demo-users.js';
import { checkPage } from './support/page-checks.js';

// Journey: a link worker who is not one of the printed demo sign-ins turns on two-factor
// authentication from the account page; from then on, sign-in asks for a code.
const email = 'hannah.reid.central@northshire.example';

test('a link worker turns on two-factor authentication from the account page', async ({ page }) => {
  const signIn = await page.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(((await signIn.json()) as SignInResult).status).toBe('signed-in');

  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.locator('dl')).toContainText('Off');
  await checkPage(page, 'account');

  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor authentication' })).toBeVisible();
  await checkPage(page, 'account-second-factor-setup');
  const secret = ((await page.locator('#secret-key').textContent()) ?? '').replace(/\s+/g, '');
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
  await page.getByLabel('Security code').fill(code);
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();

  await expect(page.getByRole('alert')).toContainText('Two-factor authentication is on');
  await expect(page.locator('dl')).toContainText('On');
  await checkPage(page, 'account-second-factor-on');

  // The session was rotated at enrolment: writes still work with the new CSRF token.
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  const again = await page.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(((await again.json()) as SignInResult).status).toBe('second-factor-required');
});
