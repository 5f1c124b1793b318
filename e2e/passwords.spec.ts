import * as OTPAuth from 'otpauth';
import { expect, test } from './fixtures.js';
import { addReferrer, signInWithForm } from './support/new-user.js';
import { emailsTo } from './support/outbox.js';
import { checkPage } from './support/page-checks.js';

// Issue 10, point 6: a new user changes the temporary password the administrator gave them,
// forgets it and resets it from an emailed link, turns on two-factor authentication with the QR
// code, loses their phone, and the administrator resets it.

const TEMPORARY = 'a-long-temporary-passphrase';
const CHOSEN = 'kettle orbit meadow lantern';
const AFTER_RESET = 'harbour violet pencil summit';

test('a new user changes their password, forgets it, resets it by email, and sets up two-factor authentication; the administrator resets it', async ({
  adminPage,
  browser,
}) => {
  const sam = await addReferrer(adminPage, 'Sam Password', TEMPORARY);
  const page = await (await browser.newContext()).newPage();

  // Change the temporary password from the account page.
  await signInWithForm(page, sam.email, TEMPORARY);
  // Signed in once the app has left the sign-in page (its own h1 is there at once): going to
  // /account sooner cancels the sign-in request, and with the service worker answering
  // navigations from its copy of the app, sooner is what happened.
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Change your password' }).click();
  await checkPage(page, 'password-change');
  await page.getByLabel('Current password').fill('not the password');
  await page.getByLabel('New password').fill('Password123456!');
  await page.getByRole('button', { name: 'Change password' }).click();
  // The server checks the current password first, and says which field is wrong.
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Current password is not right');
  await page.getByLabel('Current password').fill(TEMPORARY);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('New password is too common');
  await checkPage(page, 'password-change-errors');
  await page.getByLabel('New password').fill(CHOSEN);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('Your password has been changed');
  expect((await emailsTo(sam.email)).map((e) => e.subject)).toEqual(['Your Waymark password was changed']);

  // Forgotten: the sign-in page's link, the email, the link, a new password.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await checkPage(page, 'password-forgot');
  await page.getByLabel('Email address').fill(sam.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await checkPage(page, 'password-forgot-sent');
  const reset = (await emailsTo(sam.email)).find((e) => e.subject === 'Reset your Waymark password');
  const link = /https?:\/\/\S+\/reset-password#token=\S+/.exec(reset?.text ?? '')?.[0];
  expect(link).toBeTruthy();
  await page.goto(link as string);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expect(page).toHaveURL(/\/reset-password$/); // the token left the address bar
  await checkPage(page, 'password-reset');
  await page.getByLabel('New password').fill(AFTER_RESET);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('Your password has been changed');
  expect((await emailsTo(sam.email)).map((e) => e.subject)).toContain('Your Waymark password was reset');
  await signInWithForm(page, sam.email, AFTER_RESET);
  await expect(page).not.toHaveURL(/sign-in/);

  // The same link a second time does nothing.
  await page.goto(link as string);
  await page.getByLabel('New password').fill('another good long phrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('This link has expired or has already been used');

  // Two-factor authentication with the QR code.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: /QR code for setting up Waymark/ })).toBeVisible();
  await checkPage(page, 'password-second-factor-qr');
  const secret = ((await page.locator('#secret-key').textContent()) ?? '').replace(/\s+/g, '');
  await page
    .getByLabel('Security code')
    .fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByRole('alert')).toContainText('Two-factor authentication is on');

  // Lost phone: the administrator resets it, with a confirmation step; Sam is signed out.
  await adminPage.goto(`/admin/users/${sam.id}`);
  await adminPage.getByRole('button', { name: 'Reset two-factor authentication' }).click();
  await expect(adminPage.getByText(`Reset ${sam.name}’s two-factor authentication?`)).toBeVisible();
  await checkPage(adminPage, 'admin-reset-second-factor');
  await adminPage.getByRole('button', { name: 'Yes, reset it' }).click();
  await expect(adminPage.getByRole('alert')).toContainText(`${sam.name}'s two-factor authentication has been reset`);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  expect((await emailsTo(sam.email)).map((e) => e.subject)).toContain(
    'Your Waymark two-factor authentication was reset',
  );
  const again = await page.request.post('/api/auth/sign-in', { data: { email: sam.email, password: AFTER_RESET } });
  expect((await again.json()).status).toBe('signed-in');
});
