import type { Page } from '@playwright/test';
import type { Me } from '../common/api-types.js';
import { expect, test } from './fixtures.js';
import { allocateReceivedReferral } from './support/allocated-case.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Issue 13: equality answers are asked (optionally) on the referral form, shown on the case record
// ("Not asked" apart from "Prefer not to say"), and changed there by the worker on the case; the
// administrator records a practice's list size, the denominator of rates per 1,000.

/** A valid NHS number from the test range that the demo data and the other specs do not use. */
const NHS_NUMBER = '9997654021';
const PERSON = { given: 'Edith', family: 'Fairweather' };

async function referThroughTheForm(page: Page): Promise<void> {
  await page.goto('/referrals/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Refer someone to social prescribing');
  await page.getByRole('textbox', { name: 'NHS number' }).fill(NHS_NUMBER);
  await page.getByLabel('First name', { exact: true }).fill(PERSON.given);
  await page.getByLabel('Last name', { exact: true }).fill(PERSON.family);
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('3');
  await dob.getByLabel('Month').fill('9');
  await dob.getByLabel('Year').fill('1962');
  await page.getByLabel('Phone number', { exact: true }).fill('01632 960 002');
  await page.getByLabel('Phone call').check();

  await expect(page.getByRole('heading', { name: 'About the person (optional)' })).toBeVisible();
  await expect(page.getByText('We ask so we can check the service is fair to everyone.')).toBeVisible();
  await page.getByRole('group', { name: 'Sex' }).getByLabel('Prefer not to say').check();
  // "In another way" reveals a box for their own words.
  const gender = page.getByRole('group', { name: 'Gender identity' });
  await gender.getByLabel('In another way').check();
  await expect(page.getByLabel('How they describe their gender identity')).toBeVisible();
  await gender.getByLabel('Woman').check();
  await expect(page.getByLabel('How they describe their gender identity')).toHaveCount(0);
  await page.getByLabel('Ethnic group').selectOption({ label: 'Black or Black British: African' });
  await checkPage(page, 'equality-referral-form');

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
  await expect(page.getByRole('heading', { name: 'Referral sent' })).toBeVisible();
}

test('equality answers: asked on the referral, shown and changed on the case record', async ({ browser }) => {
  const referrer = await signedInPage(browser, 'referrer');
  await referThroughTheForm(referrer.page);

  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'care_coordinator');
  const item = await allocateReceivedReferral(
    lead,
    worker,
    (i) => i.person.givenName === PERSON.given && i.person.familyName === PERSON.family,
  );

  const page = worker.page;
  await page.goto(`/referrals/${item.id}/case`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Case record for ${PERSON.given} ${PERSON.family}` }),
  ).toBeVisible();
  const about = page.getByRole('region', { name: 'About the person' });
  const answers = about.locator('.nhsuk-summary-list');
  await expect(answers).toContainText(/Sex\s*Prefer not to say/);
  await expect(answers).toContainText(/Gender identity\s*Woman/);
  await expect(answers).toContainText(/Ethnic group\s*Black or Black British: African/);

  await about.getByText('Change their equality answers').click();
  const form = page.getByRole('form', { name: 'Equality answers' });
  await expect(form.getByRole('group', { name: 'Sex' }).getByLabel('Prefer not to say')).toBeChecked();
  await expect(form.getByLabel('Ethnic group')).toHaveValue('N');
  await form.getByRole('group', { name: 'Sex' }).getByLabel('Female').check();
  await checkPage(page, 'equality-case-record-form');
  await form.getByRole('button', { name: 'Save equality answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Equality answers saved');
  await expect(answers).toContainText(/Sex\s*Female/);
  await expect(answers).toContainText(/Ethnic group\s*Black or Black British: African/);
  await checkPage(page, 'equality-case-record');
});

test('the administrator records a practice’s list size', async ({ adminPage: page }) => {
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const tree = (await (await page.request.get('/api/organisations')).json()) as {
    icbs: { pcns: { id: string; name: string }[] }[];
  };
  const pcn = tree.icbs[0]?.pcns.find((p) => p.name === 'Riverside and Dales PCN');
  const code = `Y${String(Date.now()).slice(-5)}`;
  const added = await page.request.post('/api/admin/organisations/practices', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { pcnId: pcn?.id, code, name: `Meadowbank Surgery ${code}` },
  });
  expect(added.status()).toBe(201);
  const id = ((await added.json()) as { id: string }).id;

  await page.goto(`/admin/organisations/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Meadowbank Surgery/ })).toBeVisible();
  await expect(page.locator('.nhsuk-summary-list')).toContainText(/Registered patients \(list size\)\s*Not recorded/);
  const listSize = page.getByLabel('Registered patients (list size) (optional)');
  await listSize.fill('lots');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('link', { name: /must be a whole number/ })).toBeVisible();
  await listSize.fill('6,480');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Your changes have been saved');
  await expect(page.locator('.nhsuk-summary-list')).toContainText(/Registered patients \(list size\)\s*6,480/);
  await checkPage(page, 'equality-admin-list-size');
});
