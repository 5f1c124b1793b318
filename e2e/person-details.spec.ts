import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 9, findings 1 and 9): a practice sends a referral for someone it referred an hour
// ago, with a new phone number. Waymark asks whether it is the same referral sent twice; sent as a
// second referral, it reaches the team lead with the new number OFFERED, not written into the
// person's record; the lead accepts it after checking with the person.

/** A valid NHS number from the test range that neither the demo nor other journeys use. */
const NHS_NUMBER = '9997654013';
const PERSON = { given: 'Clement', family: 'Twicesent' };

async function fillReferral(page: Page, phone: string) {
  await page.goto('/referrals/new');
  await page.getByRole('textbox', { name: 'NHS number' }).fill(NHS_NUMBER);
  await page.getByLabel('First name', { exact: true }).fill(PERSON.given);
  await page.getByLabel('Last name', { exact: true }).fill(PERSON.family);
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('3');
  await dob.getByLabel('Month').fill('9');
  await dob.getByLabel('Year').fill('1947');
  await page.getByLabel('Postcode', { exact: true }).fill('LS1 4AP');
  await page.getByLabel('Phone number', { exact: true }).fill(phone);
  await page.getByLabel('Phone call').check();
  await page.getByRole('group', { name: 'Why are you referring them?' }).getByLabel('Loneliness').check();
  await page
    .getByRole('group', { name: 'How soon should the team contact them?' })
    .getByLabel('Routine', { exact: true })
    .check();
  await page.getByLabel('The person agrees to be referred to the social prescribing team').check();
  await page
    .getByRole('group', { name: /sharing their details/ })
    .getByLabel('Yes')
    .check();
  await page.getByRole('button', { name: 'Send referral' }).click();
}

test('a second referral with a new phone number: asked first, then offered to the team, never written by itself', async ({
  browser,
}) => {
  const { page: referrer } = await signedInPage(browser, 'referrer');
  await fillReferral(referrer, '01632 960 001');
  await expect(referrer.getByRole('heading', { name: 'Referral sent' })).toBeVisible();

  // The same person again, with a new number: Waymark asks before sending.
  await fillReferral(referrer, '07700 900 456');
  await expect(referrer.getByRole('heading', { level: 1 })).toHaveText('Has this referral already been sent?');
  await expect(referrer.getByText(/already has an open referral to the team, WM-/)).toBeVisible();
  await checkPage(referrer, 'referral-already-sent');
  await referrer.getByRole('button', { name: 'Send as a second referral' }).click();
  await expect(referrer.getByRole('heading', { name: 'Referral sent' })).toBeVisible();
  const secondId = /\/referrals\/([0-9a-f-]{36})\/sent/.exec(referrer.url())?.[1];
  expect(secondId).toBeTruthy();

  // The lead sees the new number offered, the record still holding the old one.
  const { page: lead } = await signedInPage(browser, 'team_lead');
  await lead.goto(`/referrals/${secondId}`);
  const offer = lead.locator('.nhsuk-card', {
    has: lead.getByRole('heading', { name: 'New details on this referral' }),
  });
  await expect(offer).toBeVisible();
  await expect(offer.getByRole('row', { name: /Phone 01632960001 07700900456/ })).toBeVisible();
  await expect(lead.locator('.nhsuk-summary-list').first()).toContainText('01632960001');
  await checkPage(lead, 'referral-new-details-offered');

  // Nothing ticked: the lead is told to choose, and nothing changes.
  await offer.getByRole('button', { name: 'Update the record' }).click();
  await expect(offer.getByText('Select the details to update, or keep the record as it is').first()).toBeVisible();

  await offer.getByLabel(/^Phone: 07700900456/).check();
  await offer.getByRole('button', { name: 'Update the record' }).click();
  await expect(lead.getByRole('alert').filter({ hasText: 'The person’s record has been updated' })).toBeVisible();
  await expect(lead.getByRole('heading', { name: 'New details on this referral' })).toHaveCount(0);
  await expect(lead.locator('.nhsuk-summary-list').first()).toContainText('07700900456');
  await checkPage(lead, 'referral-new-details-accepted');
});
