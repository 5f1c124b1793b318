import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 10, point 22): a new team's first week. The printed demo sign-ins find a year
// of work on their pages, not empty lists: the worker's caseload with cases at every stage and
// their plans and measures, the coach's too, the lead's team, and the practice's discharged
// referrals with the message back.

test('the link worker finds a caseload in progress, with plans, measures and next contacts', async ({
  linkWorkerPage: page,
}) => {
  await page.goto('/caseload');
  // Cases under way show when the first contact was made; active ones have review measures.
  const contacted = page.getByRole('row').filter({ hasText: 'Contacted' });
  await expect(contacted.first()).toBeVisible();
  expect(await contacted.count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole('row').filter({ hasText: 'Record first contact' }).first()).toBeVisible();
  const rows = contacted.filter({ hasText: 'review,' });
  await checkPage(page, 'demo-caseload-link-worker');

  // An active case: its record, plan (more than one version) and measures.
  const active = rows.filter({ hasNotText: 'None booked' }).first();
  await active.getByRole('link', { name: /^Case record of / }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Case record for / })).toBeVisible();
  await expect(page.getByText('Support under way', { exact: true }).first()).toBeVisible();
  await checkPage(page, 'demo-case-record-active');
  await page.getByRole('link', { name: 'Care and support plan', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care and support plan' })).toBeVisible();
  await expect(page.getByText(/^Version \d+, saved by /)).toBeVisible();
  await checkPage(page, 'demo-care-plan');
  await page.goBack();
  await page.getByRole('link', { name: 'Outcome measures', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Outcome measures/ })).toBeVisible();
  await expect(page.getByText('No measures have been recorded for this case yet.')).toHaveCount(0);
  await checkPage(page, 'demo-outcome-measures');
});

test('the coach finds coaching cases in progress', async ({ healthCoachPage: page }) => {
  await page.goto('/caseload');
  await expect(page.getByRole('row').filter({ hasText: 'Contacted' }).first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'PAM' }).first()).toBeVisible();
  await checkPage(page, 'demo-caseload-coach');
});

test("the lead sees the team's caseloads", async ({ teamLeadPage: page }) => {
  await page.goto('/team/caseloads');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Tom Okafor').first()).toBeVisible();
  await checkPage(page, 'demo-team-caseloads');
});

test('the referrer finds discharged referrals with the message back', async ({ referrerPage: page }) => {
  await page.goto('/practice/referrals');
  await expect(page.getByRole('heading', { level: 1, name: 'Your practice’s referrals' })).toBeVisible();
  const discharged = page.getByRole('row').filter({ hasText: 'Discharged' });
  await expect(discharged.first()).toBeVisible();
  expect(await discharged.count()).toBeGreaterThanOrEqual(2);
  await checkPage(page, 'demo-practice-referrals');
  await discharged.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Discharge summary for the GP' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '871731000000106', exact: true })).toBeVisible();
  await checkPage(page, 'demo-practice-message-back');
});
