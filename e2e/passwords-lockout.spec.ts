// Runs after admin.spec.ts (name order), which sets up the administrator's authenticator.
import { expect, test } from './fixtures.js';
import { addReferrer, signInWithForm } from './support/new-user.js';
import { emailsTo } from './support/outbox.js';
import { checkPage } from './support/page-checks.js';

// Issue 10, point 6: "Change your password" asks for the current password, and wrong ones count
// towards the lockout as wrong sign-ins do, so an unattended session cannot be used to guess it.
// The locked-out user is told why they were signed out, and a reset link lifts the lockout.

const TEMPORARY = 'a-long-temporary-passphrase';
const AFTER_RESET = 'copper lantern willow tide';
/** The e2e server runs with the default LOCKOUT_THRESHOLD. */
const LOCKOUT_THRESHOLD = 5;

test('wrong current passwords lock the account and sign the user out; a reset link lets them back in', async ({
  adminPage,
  browser,
}) => {
  const alex = await addReferrer(adminPage, 'Alex Lockout', TEMPORARY);
  const page = await (await browser.newContext()).newPage();
  await signInWithForm(page, alex.email, TEMPORARY);
  await expect(page).not.toHaveURL(/sign-in/);

  await page.goto('/account/password');
  for (let n = 1; n < LOCKOUT_THRESHOLD; n++) {
    await page.getByLabel('Current password').fill(`wrong guess ${n}`);
    await page.getByLabel('New password').fill('kettle orbit meadow lantern');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Current password is not right');
  }
  await page.getByLabel('Current password').fill('the last wrong guess');
  await page.getByRole('button', { name: 'Change password' }).click();

  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('region', { name: 'Important' })).toContainText('You have been signed out');
  await expect(page.getByText(/entered wrongly too many times/)).toBeVisible();
  await checkPage(page, 'password-change-locked');

  // Locked: even the right password is refused for now.
  await signInWithForm(page, alex.email, TEMPORARY);
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A reset link lifts the lockout.
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  // The sign-in page has an "Email address" field too: wait for the reset page (loaded on demand)
  // before typing, or the address goes into the sign-in form as it leaves.
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email address').fill(alex.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const email = (await emailsTo(alex.email)).find((e) => e.subject === 'Reset your Waymark password');
  const link = /https?:\/\/\S+\/reset-password#token=\S+/.exec(email?.text ?? '')?.[0];
  expect(link).toBeTruthy();
  await page.goto(link as string);
  await page.getByLabel('New password').fill(AFTER_RESET);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('Your password has been changed');
  await signInWithForm(page, alex.email, AFTER_RESET);
  await expect(page).not.toHaveURL(/sign-in/);
});
