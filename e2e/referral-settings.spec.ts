import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 12, point 4): a care coordinator sets how a community service takes referrals —
// the working days it has to reply before the worker is asked to chase, and where secure links
// go — from the service's page in the directory. A wrong value is named beside its field and
// nothing is saved. The partner finds the same settings beside its own listings.

const CHOIR = 'Byker Singers Community Choir';

test('referral settings: a care coordinator sets a service’s reply days and referral email', async ({
  careCoordinatorPage: cc,
}) => {
  await cc.goto(`/directory?text=${encodeURIComponent('Byker Singers')}`);
  await cc.getByRole('link', { name: CHOIR, exact: true }).click();
  await expect(cc.getByRole('heading', { level: 1, name: CHOIR })).toBeVisible();
  await cc.getByRole('link', { name: 'How it takes referrals' }).click();
  await expect(cc.getByRole('heading', { level: 1, name: /How this service takes referrals/ })).toBeVisible();
  await expect(cc.getByLabel('Working days to reply')).toHaveValue(/^\d+$/);
  await checkPage(cc, 'referral-settings');

  // Bad input: named beside each field and in the summary; nothing is saved.
  await cc.getByLabel('Working days to reply').fill('45');
  await cc.getByLabel(/Email address for referrals/).fill('not an email');
  await cc.getByRole('button', { name: 'Save referral settings' }).click();
  const summary = cc.getByRole('alert');
  await expect(summary).toContainText('Working days to reply must be a whole number of working days from 1 to 30');
  await expect(summary).toContainText('Email address for referrals must be an email address');
  await checkPage(cc, 'referral-settings-errors');

  await cc.getByLabel('Working days to reply').fill('7');
  await cc.getByLabel(/Email address for referrals/).fill('Choir.Referrals@byker.example');
  await cc.getByRole('button', { name: 'Save referral settings' }).click();
  await expect(cc.getByText(`Referral settings saved for ${CHOIR}`)).toBeVisible();
  await expect(cc.getByText(/Last changed .* by Ben Clarke/)).toBeVisible();
  await expect(cc.getByLabel(/Email address for referrals/)).toHaveValue('choir.referrals@byker.example');
  await checkPage(cc, 'referral-settings-saved');

  // Stored: a fresh load shows what was saved (the address as stored, in lower case).
  await cc.reload();
  await expect(cc.getByLabel('Working days to reply')).toHaveValue('7');
  await expect(cc.getByLabel(/Email address for referrals/)).toHaveValue('choir.referrals@byker.example');
});

test('referral settings: a partner opens the settings of its own listing', async ({ vcsPartnerPage: partner }) => {
  await partner.goto('/directory/our-listings');
  await partner
    .getByRole('link', { name: /^Referral settings/ })
    .first()
    .click();
  await expect(partner.getByRole('heading', { level: 1, name: /How this service takes referrals/ })).toBeVisible();
  await expect(partner.getByRole('link', { name: 'Back to your listings' })).toBeVisible();
  await checkPage(partner, 'referral-settings-partner');
});
