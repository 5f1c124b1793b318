import { expect, test } from './fixtures.js';
import { sendOnwardToDemoPartner } from './support/onward.js';
import { checkPage } from './support/page-checks.js';

// Issue 12, point 2 and 3: a referral sent to a service of the demo partner's organisation
// arrives in its inbox under New; the partner opens it (it moves to Waiting for reply), accepts
// it, and records two attendances. Axe and a screenshot on each page.

test('the partner’s inbox: a new referral is opened, accepted and two attendances recorded', async ({
  vcsPartnerPage: page,
}) => {
  const personName = `Robin Fairweather ${Date.now().toString(36)}`;
  const sent = await sendOnwardToDemoPartner(personName);

  // The home page leads to the inbox.
  await page.goto('/');
  await page.getByRole('link', { name: 'Open your referrals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals to your organisation' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^New \(\d+\)$/ })).toBeVisible();
  const link = page.locator(`a[href="/partner/referrals/${sent.id}"]`);
  await expect(link).toContainText(personName);
  await checkPage(page, 'partner-inbox-new');

  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: `Referral for ${personName}` })).toBeVisible();
  await expect(page.getByText('Would like to get out more and meet people on walks.')).toBeVisible();
  await expect(page.getByText('Best to call in the morning.')).toBeVisible();
  await expect(page.getByText('Tom Okafor')).toBeVisible();
  await checkPage(page, 'partner-referral-new');

  // Declining as "other" without a note is refused before anything is sent.
  await page.getByLabel('Other', { exact: true }).check();
  await page.getByRole('button', { name: 'Decline referral' }).click();
  await expect(page.getByRole('link', { name: 'Enter why you are declining' })).toBeVisible();

  await page.getByRole('button', { name: 'Accept referral' }).click();
  await expect(page.getByText('Referral accepted. The team has been told.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Record attendance' })).toBeVisible();
  await checkPage(page, 'partner-referral-accepted');

  // Two attendances: a session today, then two more recorded at once.
  await page.getByLabel('Attended', { exact: true }).check();
  await page.getByRole('button', { name: 'Record attendance' }).click();
  await expect(page.getByText('Attendance recorded: 1 session.')).toBeVisible();
  await page.getByLabel('Attended', { exact: true }).check();
  await page.getByLabel('Sessions attended').fill('2');
  await page.getByRole('button', { name: 'Record attendance' }).click();
  await expect(page.getByText('Attendance recorded: 2 sessions.')).toBeVisible();
  await expect(page.getByText('3 sessions attended.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Attendance recorded' }).getByRole('row')).toHaveCount(3);
  await checkPage(page, 'partner-referral-attendance');

  // The inbox now lists it under Active.
  await page.getByRole('link', { name: 'Referrals to your organisation' }).click();
  await page.getByRole('tab', { name: /^Active/ }).click();
  await expect(
    page.getByRole('tabpanel', { name: /^Active/ }).locator(`a[href="/partner/referrals/${sent.id}"]`),
  ).toBeVisible();
  await checkPage(page, 'partner-inbox-active');
});
