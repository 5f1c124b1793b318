import { expect, test } from './fixtures.js';
import { sendOnwardToDemoPartner } from './support/onward.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

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
  await expect(page.getByText(/\d+ new referrals?, /)).toBeVisible();
  await checkPage(page, 'partner-home');
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

test('a stale answer says what changed and reloads; after access ends no details are shown', async ({ browser }) => {
  const sent = await sendOnwardToDemoPartner(`Sam Lockwood ${Date.now().toString(36)}`);
  const { page } = await signedInPage(browser, 'vcs_partner');
  const { page: colleague, me } = await signedInPage(browser, 'vcs_partner');

  // This page has lost its live connection (else it would show the colleague's answer at once).
  await page.route('**/api/events', (route) => route.abort());
  await page.goto(`/partner/referrals/${sent.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Referral for ${sent.personName}` })).toBeVisible();
  // Meanwhile a colleague accepts it.
  const view = await (await colleague.request.get(`/api/partner/referrals/${sent.id}`)).json();
  const accepted = await colleague.request.post(`/api/partner/referrals/${sent.id}/accept`, {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { version: view.version },
  });
  expect(accepted.status()).toBe(200);

  await page.getByLabel('Service full').check();
  await page.getByRole('button', { name: 'Decline referral' }).click();
  await expect(page.getByRole('heading', { name: 'This referral has changed' })).toBeVisible();
  await expect(page.getByText(/This referral was accepted by Joanna Pike at \d\d:\d\d on /)).toBeVisible();
  // Reloaded: it shows as accepted, with the next step's form.
  await expect(page.getByRole('heading', { name: 'Record attendance' })).toBeVisible();
  await checkPage(page, 'partner-referral-conflict');

  const ended = await sendOnwardToDemoPartner(`Kit Marsh ${Date.now().toString(36)}`, { ended: true });
  await page.goto(`/partner/referrals/${ended.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Referral OR-[0-9A-F]+$/ })).toBeVisible();
  await expect(page.getByText(/Access to this person’s details ended on/)).toBeVisible();
  await expect(page.getByText(ended.personName)).toHaveCount(0);
  await checkPage(page, 'partner-referral-anonymised');
});
