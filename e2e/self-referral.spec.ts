import type { Page } from '@playwright/test';
import { MIN_SECONDS_TO_FILL } from '../common/self-referral.js';
import { expect, test } from './fixtures.js';
import { E2E_NOTIFY_TEMPLATES } from './notify-settings.mjs';
import { notifyMessages } from './support/notify.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage, signIn } from './support/sign-in.js';

// Journey (issue 14): a resident on a phone refers themselves to their PCN's social prescribing
// team, one question a page; the team lead sees it in the queue marked as a self-referral; the
// resident checks its status with the reference and their date of birth.
test.use({ viewport: { width: 390, height: 844 } });

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });

async function noWiderThanScreen(page: Page, what: string) {
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow, `${what} is no wider than the screen`).toBeLessThanOrEqual(0);
}

test('a resident refers themselves, the lead sees it, the resident checks its status', async ({ page, browser }) => {
  await page.goto('/self-referral');
  await checkPage(page, 'self-referral-start');
  await noWiderThanScreen(page, 'the start page');
  const started = Date.now();
  await page.getByRole('button', { name: 'Start now' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Who are you referring?' })).toBeVisible();
  await checkPage(page, 'self-referral-who');
  // Keyboard only: to the first choice, choose it, on to Continue, press it.
  await page.getByLabel('Myself').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Myself')).toBeChecked();
  // Tab leaves the radio group for the next control: Continue.
  await page.keyboard.press('Tab');
  await expect(continueButton(page)).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'What is your name?' })).toBeVisible();
  // Nothing typed: the API's field errors, named, in the summary and beside the fields.
  await continueButton(page).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText('First name is required');
  await expect(summary).toContainText('Last name is required');
  await checkPage(page, 'self-referral-name-errors');
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill('Selfreferrer');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'What is your date of birth?' })).toBeVisible();
  await page.getByLabel('Day').fill('14');
  await page.getByLabel('Month').fill('7');
  await page.getByLabel('Year').fill('1961');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'What is your postcode?' })).toBeVisible();
  await page.getByLabel('Postcode').fill('ne1 3gu');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Who is your GP surgery?' })).toBeVisible();
  await page.getByLabel('Search by name or postcode').fill('Market');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Market Street Surgery').check();
  await checkPage(page, 'self-referral-gp');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'How should we contact you?' })).toBeVisible();
  await page.getByLabel('Text message').check();
  await page.getByLabel('Mobile phone number').fill('07700 900 555');
  await checkPage(page, 'self-referral-contact');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'When is a good time to contact you?' })).toBeVisible();
  await page.getByLabel('Good times to contact').fill('Weekday mornings');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'What would you like help with?' })).toBeVisible();
  await page.getByLabel('I feel lonely').check();
  await page.getByLabel('Tell us more (optional)').fill('I moved here last year and do not know anyone.');
  await checkPage(page, 'self-referral-help');
  await continueButton(page).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Do you need anything to help you take part?' }),
  ).toBeVisible();
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Saying yes' })).toBeVisible();
  await page.getByLabel('I want to be referred to the social prescribing team').check();
  await page.getByLabel('Yes', { exact: true }).check();
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await expect(page.locator('.nhsuk-summary-list')).toContainText('Market Street Surgery');
  await expect(page.locator('.nhsuk-summary-list')).toContainText('I feel lonely');
  await checkPage(page, 'self-referral-check');
  await noWiderThanScreen(page, 'the check answers page');
  // 320 px wide, and a 1280 px screen zoomed to 200 % (640 px): nothing cut off or scrolled sideways.
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    await noWiderThanScreen(page, `the check answers page at ${width} px`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  // The server refuses a journey faster than a person could answer (a bot's): wait that long.
  const waited = Date.now() - started;
  if (waited < MIN_SECONDS_TO_FILL * 1000 + 500) await page.waitForTimeout(MIN_SECONDS_TO_FILL * 1000 + 500 - waited);
  await page.getByRole('button', { name: 'Send referral' }).dblclick();

  await expect(page.getByRole('heading', { level: 1, name: 'Referral sent' })).toBeVisible();
  const reference = (await page.locator('#reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^WM-[0-9A-F]{4}-[0-9A-F]{4}$/);
  await checkPage(page, 'self-referral-confirmation');
  // The reference by text, through GOV.UK Notify (the fake the e2e server is given).
  await expect.poll(async () => (await notifyMessages('07700900555')).length, { timeout: 20_000 }).toBe(1);
  const [text] = await notifyMessages('07700900555');
  expect(text).toMatchObject({
    type: 'sms',
    templateId: E2E_NOTIFY_TEMPLATES.NOTIFY_TEMPLATE_SELF_REFERRAL_CONFIRMATION_SMS,
    personalisation: { reference, team: 'Northshire Central PCN', team_phone: '0191 498 0001' },
  });

  // The team lead's queue: the referral, once (the double click made one), marked self-referral.
  const leadContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const lead = await leadContext.newPage();
  await signIn(lead, 'team_lead');
  await lead.goto('/triage');
  const row = lead.getByRole('row').filter({ hasText: 'Robin Selfreferrer' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Self-referral');
  await expect(row).toContainText('Identity not checked');
  await row.getByRole('link', { name: 'Robin Selfreferrer' }).click();
  await expect(lead.getByText('Check who this referral is for')).toBeVisible();
  await expect(lead.getByText('Weekday mornings')).toBeVisible();
  await leadContext.close();

  // The resident checks on it: a wrong date of birth and the right one.
  await page.getByRole('link', { name: 'Check on your referral' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check on a referral' })).toBeVisible();
  await page.getByLabel('Reference').fill(reference.toLowerCase());
  await page.getByLabel('Day').fill('15');
  await page.getByLabel('Month').fill('7');
  await page.getByLabel('Year').fill('1961');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('We could not find a referral');
  await page.getByLabel('Day').fill('14');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
  await expect(page.getByText('0191 498 0001')).toBeVisible();
  await checkPage(page, 'self-referral-status');
});

// Issue 14, point 3: the same journey, shorter, straight to a community group whose listing takes
// self-referrals; it ends in the organisation's inbox, marked as a self-referral.
test('a resident refers themselves straight to the walking group, the partner sees it in the inbox', async ({
  page,
  browser,
}) => {
  const GROUP = 'Connect Walk and Talk';
  await page.goto('/directory');
  await page.getByLabel('What are you looking for?').fill(GROUP);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: GROUP, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
  await page.getByRole('link', { name: 'Refer yourself to this group' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Refer yourself to this group' })).toBeVisible();
  await expect(page.getByText(`Refer yourself to ${GROUP}`)).toBeVisible();
  await checkPage(page, 'group-self-referral-start');
  await noWiderThanScreen(page, 'the group start page');
  const started = Date.now();
  await page.getByRole('button', { name: 'Start now' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Who are you referring?' })).toBeVisible();
  await page.getByLabel('Myself').check();
  await continueButton(page).click();
  await page.getByLabel('First name').fill('Morgan');
  await page.getByLabel('Last name').fill('Groupwalker');
  await continueButton(page).click();
  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('1958');
  await continueButton(page).click();
  await page.getByLabel('Postcode').fill('ne1 3gu');
  await continueButton(page).click();

  // No GP surgery on this journey: straight on to how to contact.
  await expect(page.getByRole('heading', { level: 1, name: 'How should we contact you?' })).toBeVisible();
  await page.getByLabel('Text message').check();
  await page.getByLabel('Mobile phone number').fill('07700 900 777');
  await continueButton(page).click();
  await page.getByLabel('Good times to contact').fill('Afternoons');
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'What would you like the group to know?' })).toBeVisible();
  await page.getByLabel('What would you like the group to know?').fill('I walk slowly but want to get out more.');
  await checkPage(page, 'group-self-referral-for-the-group');
  await continueButton(page).click();
  await continueButton(page).click(); // access needs: none

  await expect(page.getByRole('heading', { level: 1, name: 'Can we send your answers to the group?' })).toBeVisible();
  // Continue without an answer: the consent's error, named.
  await continueButton(page).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Sharing details');
  await checkPage(page, 'group-self-referral-share-errors');
  await page.getByLabel('Yes, send them').check();
  await continueButton(page).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  const answers = page.locator('.nhsuk-summary-list');
  await expect(answers).toContainText('I walk slowly but want to get out more.');
  await expect(answers).not.toContainText('GP surgery');
  await checkPage(page, 'group-self-referral-check');
  await noWiderThanScreen(page, 'the group check answers page');
  const waited = Date.now() - started;
  if (waited < MIN_SECONDS_TO_FILL * 1000 + 500) await page.waitForTimeout(MIN_SECONDS_TO_FILL * 1000 + 500 - waited);
  await page.getByRole('button', { name: 'Send referral' }).dblclick();

  await expect(page.getByRole('heading', { level: 1, name: 'Referral sent' })).toBeVisible();
  const reference = (await page.locator('#reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^OR-[0-9A-F]{8}$/);
  await expect(page.getByText(`Your answers went to ${GROUP}.`)).toBeVisible();
  await checkPage(page, 'group-self-referral-confirmation');
  await expect.poll(async () => (await notifyMessages('07700900777')).length, { timeout: 20_000 }).toBe(1);
  const [text] = await notifyMessages('07700900777');
  expect(text).toMatchObject({ type: 'sms', personalisation: { reference, team: GROUP } });

  // The partner's inbox: the referral, once, marked as a self-referral, with what the person said.
  const partner = await signedInPage(browser, 'vcs_partner');
  const p = partner.page;
  await p.setViewportSize({ width: 1280, height: 900 });
  await p.goto('/partner/referrals');
  const row = p.getByRole('row').filter({ hasText: 'Morgan Groupwalker' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Self-referral');
  await row.getByRole('link', { name: /Morgan Groupwalker/ }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Referral for Morgan Groupwalker' })).toBeVisible();
  await expect(p.getByText('I walk slowly but want to get out more.')).toBeVisible();
  await expect(p.getByText('3 February 1958')).toBeVisible();
  await checkPage(p, 'group-self-referral-partner');
  await p.context().close();

  // The resident checks on it with the group's reference.
  await page.getByRole('link', { name: 'Check on your referral' }).click();
  await page.getByLabel('Reference').fill(reference);
  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('1958');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Status: Sent' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contact the group' })).toBeVisible();
  await checkPage(page, 'group-self-referral-status');
});
