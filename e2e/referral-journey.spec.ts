import type { Browser, Page } from '@playwright/test';
import type { Role } from '../common/roles.js';
import { expect, test } from './fixtures.js';
import { DEMO_USERS } from './support/demo-users.js';
import { checkPage } from './support/page-checks.js';
import { signIn } from './support/sign-in.js';

// Journey: a practice refers → the team lead, with the triage queue open, sees it arrive without
// reloading, triages it and accepts Waymark's suggestion → the worker finds it on their caseload
// and records the first contact. Each person has their own browser context (own session).

/** A valid NHS number from the test range that the demo data does not use. */
const NHS_NUMBER = '9997654005';
const PERSON = { given: 'Olive', family: 'Journeyman' };

async function pageFor(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

/** The demo sign-in of a team member named on the page (the printed ones). */
function roleOfWorker(name: string): Role {
  const match = (Object.entries(DEMO_USERS) as [Role, { name: string }][]).find(([, u]) => u.name === name);
  if (!match) throw new Error(`${name} has no printed demo sign-in`);
  return match[0];
}

test('a referral goes from the practice to the queue, is triaged and allocated, and reaches the worker', async ({
  browser,
}) => {
  // The team lead opens the queue first and keeps it open.
  const lead = await pageFor(browser, 'team_lead');
  await lead.goto('/triage');
  await expect(lead.getByRole('heading', { level: 1, name: 'Triage queue' })).toBeVisible();
  await expect(lead.getByText(/^Loading /)).toHaveCount(0);
  await expect(lead.getByRole('link', { name: `${PERSON.given} ${PERSON.family}` })).toHaveCount(0);
  await checkPage(lead, 'journey-triage-queue');
  // Marks this document: if the page reloaded, the mark would be gone.
  await lead.evaluate(() => {
    (globalThis as unknown as { journeyMark: boolean }).journeyMark = true;
  });

  // A practice user refers through the form.
  const referrer = await pageFor(browser, 'referrer');
  await referrer.goto('/referrals/new');
  await expect(referrer.getByRole('heading', { level: 1 })).toHaveText('Refer someone to social prescribing');
  await referrer.getByRole('textbox', { name: 'NHS number' }).fill(NHS_NUMBER);
  await referrer.getByLabel('First name', { exact: true }).fill(PERSON.given);
  await referrer.getByLabel('Last name', { exact: true }).fill(PERSON.family);
  const dob = referrer.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('12');
  await dob.getByLabel('Month').fill('5');
  await dob.getByLabel('Year').fill('1950');
  await referrer.getByLabel('Postcode', { exact: true }).fill('ls1 4ap');
  await referrer.getByLabel('Phone number', { exact: true }).fill('01632 960 001');
  await referrer.getByLabel('Phone call').check();
  await referrer.getByRole('group', { name: 'Why are you referring them?' }).getByLabel('Loneliness').check();
  await referrer.getByLabel('Details (optional)').fill('Lives alone since her husband died. <b>Enjoys</b> gardening.');
  await referrer
    .getByRole('group', { name: 'How soon should the team contact them?' })
    .getByLabel('Soon', { exact: true })
    .check();
  await referrer.getByLabel('The person agrees to be referred to the social prescribing team').check();
  await referrer
    .getByRole('group', { name: /sharing their details/ })
    .getByLabel('Yes')
    .check();
  await referrer.getByRole('button', { name: 'Send referral' }).click();
  await expect(referrer.getByRole('heading', { name: 'Referral sent' })).toBeVisible();

  // The lead's open queue shows it without a reload, and says so politely.
  const row = lead.getByRole('link', { name: `${PERSON.given} ${PERSON.family}` });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(lead.getByRole('status')).toContainText(/1 new referral/);
  expect(await lead.evaluate(() => (globalThis as unknown as { journeyMark?: boolean }).journeyMark)).toBe(true);

  // Triage.
  await row.click();
  await expect(lead.getByRole('heading', { level: 1 })).toHaveText(`Referral for ${PERSON.given} ${PERSON.family}`);
  // The referrer's free text is shown as typed, never as markup.
  await expect(lead.getByText('<b>Enjoys</b> gardening', { exact: false })).toBeVisible();
  await checkPage(lead, 'journey-referral-received');
  await lead.getByRole('group', { name: 'Priority' }).getByLabel('Soon').check();
  await lead.getByRole('group', { name: 'Complexity' }).getByLabel('Low').check();
  await lead
    .getByRole('group', { name: 'Predicted PAM level' })
    .getByLabel(/^Level 3/)
    .check();
  await lead
    .getByRole('group', { name: /simple signposting/ })
    .getByLabel('No')
    .check();
  await lead.getByRole('button', { name: 'Save triage decision' }).click();
  await expect(lead.getByRole('alert').filter({ hasText: 'Triaged' })).toBeVisible();

  // Waymark suggests a worker, says why, and the lead accepts.
  const panel = lead.getByRole('region', { name: 'Allocation' });
  await expect(panel.getByText('Waymark suggests')).toBeVisible();
  await expect(panel.getByRole('listitem').first()).toContainText('Not complex: link workers take the bulk');
  const accept = panel.getByRole('button', { name: /^Allocate to / });
  const workerName = ((await accept.textContent()) ?? '').replace(/^Allocate to /, '').trim();
  expect(workerName).toBe('Tom Okafor'); // the link worker with the most spare capacity
  await checkPage(lead, 'journey-referral-triaged');
  await accept.click();
  await expect(lead.getByRole('alert').filter({ hasText: `Allocated to ${workerName}` })).toBeVisible();
  await expect(lead.getByRole('cell', { name: /To Tom Okafor/ })).toBeVisible();

  // The worker signs in and finds it on their caseload.
  const worker = await pageFor(browser, roleOfWorker(workerName));
  await worker.goto('/');
  await worker.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Caseload' }).click();
  const caseRow = worker.getByRole('row', { name: new RegExp(`${PERSON.given} ${PERSON.family}`) });
  await expect(caseRow).toBeVisible();
  await expect(caseRow).toContainText('Soon');
  await checkPage(worker, 'journey-caseload');

  // … and records the first contact: the person accepted.
  await caseRow.getByRole('link', { name: /Record first contact/ }).click();
  await expect(worker.getByRole('heading', { level: 1 })).toContainText('Record first contact');
  await checkPage(worker, 'journey-first-contact');
  await worker.getByLabel('They accepted social prescribing').check();
  await worker.getByRole('group', { name: 'How did you reach them?' }).getByLabel('Phone').check();
  await worker.getByLabel('Duration in minutes').fill('20');
  await worker.getByRole('button', { name: 'Save' }).click();
  await expect(worker.getByRole('alert').filter({ hasText: 'First contact recorded' })).toBeVisible();
  await expect(caseRow).toContainText('Contacted');
  // The first contact is a contact like any other: the case record counts it.
  await expect(caseRow).not.toContainText('None yet');
  await caseRow.getByRole('link', { name: /^Case record/ }).click();
  await expect(worker.getByText('1 attended of 1 recorded')).toBeVisible();

  // The referring practice sees where it stands (status only).
  await referrer.goto('/practice/referrals');
  await expect(referrer.getByText(`${PERSON.given} ${PERSON.family}`)).toBeVisible();
});

test("the team lead's other pages: allocate all, leave and cover, first-contact targets", async ({
  teamLeadPage: page,
}) => {
  await page.goto('/triage/allocate-all');
  await expect(page.getByRole('heading', { level: 1, name: 'Allocate all triaged referrals' })).toBeVisible();
  await checkPage(page, 'allocate-all');

  await page.goto('/team/leave');
  await expect(page.getByRole('heading', { level: 1, name: 'Leave and cover' })).toBeVisible();
  await checkPage(page, 'leave-and-cover');

  await page.goto('/triage/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'First-contact targets' })).toBeVisible();
  await checkPage(page, 'first-contact-targets');
});

test('a link worker cannot open the triage queue', async ({ linkWorkerPage: page }) => {
  await page.goto('/triage');
  await expect(
    page.getByRole('heading', { level: 1, name: 'You do not have permission to view this page' }),
  ).toBeVisible();
  expect((await page.request.get('/api/triage/queue')).status()).toBe(403);
});

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the queue, leave and cover pages reflow (tables scroll in their own region)', async ({
    teamLeadPage: page,
  }) => {
    for (const [path, name] of [
      ['/triage', 'narrow-triage-queue'],
      ['/team/leave', 'narrow-leave-and-cover'],
      ['/caseload', 'narrow-caseload'],
    ] as const) {
      await page.goto(path);
      await checkPage(page, name);
      const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(0);
    }
  });
});
