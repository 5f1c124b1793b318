import type { Me } from '../common/api-types.js';
import type { PlannerResult, RateList, Scenario, ScenarioSummary } from '../common/workforce-planner.js';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Issue 16, point 6: the ICB administrator enters the year's on-cost rates and ARRS maximums (the
// shipped figures leave them empty, being unverified), then the team lead plans for 20 % more
// referrals, saves the scenario, and reads the WTE and the cost of each role.

const RATES = '/api/workforce-planner/rates';
// Test figures only, and said so in their source: never real rates.
const TEST_SOURCE = 'End-to-end test figure, not a real rate';

test('the administrator enters on-cost and ARRS figures; a bad one is refused and changes nothing', async ({
  adminPage: page,
}) => {
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const headers = { 'X-CSRF-Token': me.csrfToken };
  for (const [code, amount] of [
    ['oncost:ni_rate', 15],
    ['oncost:ni_threshold', 5000],
    ['oncost:pension_rate', 20],
    ['arrs:health_coach', 44000],
    ['arrs:care_coordinator', 38000],
  ] as const) {
    const res = await page.request.put(RATES, {
      headers,
      data: { code, year: '2025/26', amount, verified: false, source: TEST_SOURCE },
    });
    expect(res.status(), `${code}: ${await res.text()}`).toBe(200);
  }
  // Confirmed without a figure: refused, naming the field; nothing changes.
  const before = (await (await page.request.get(RATES)).json()) as RateList;
  const bad = await page.request.put(RATES, {
    headers,
    data: { code: 'arrs:link_worker', year: '2025/26', amount: null, verified: true, source: TEST_SOURCE },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'verified' })]);
  expect(await (await page.request.get(RATES)).json()).toEqual(before);

  // The link worker's ARRS maximum, through the page.
  await page.goto('/admin/workforce-rates');
  await expect(page.getByRole('heading', { level: 1, name: 'Pay and ARRS figures' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Figures for 2025/26' }).getByRole('row', {
    name: /^ARRS maximum per WTE, link worker/,
  });
  await expect(row).toContainText('Not entered');
  await row.getByRole('button', { name: /^Change/ }).click();
  await expect(page.getByLabel('Year', { exact: true })).toHaveValue('2025/26');
  await page.getByLabel('Amount', { exact: true }).fill('lots');
  await page.getByRole('button', { name: 'Save figure' }).click();
  await expect(page.getByRole('alert').getByText('Enter the amount as a number, or leave it empty')).toBeVisible();
  await checkPage(page, 'workforce-rates-error');

  await page.getByLabel('Amount', { exact: true }).fill('45,000');
  await page.getByLabel('Source', { exact: true }).fill(TEST_SOURCE);
  await page.getByRole('button', { name: 'Save figure' }).click();
  await expect(page.getByText('Figure saved: ARRS maximum per WTE, link worker, 2025/26: £45,000')).toBeVisible();
  await expect(row).toContainText('£45,000');
  await expect(row).toContainText('Unverified');
  await checkPage(page, 'workforce-rates');
});

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

test('the lead plans for 20 % more referrals, saves the scenario and reads WTE and cost per role', async ({
  teamLeadPage: page,
}) => {
  // From the home page's list of what the lead can do (the menu keeps it under "More").
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Workforce planner' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Northshire Central PCN');
  await expect(page.getByRole('table', { name: "Today's team" })).toBeVisible();
  await checkPage(page, 'workforce-planner');

  // A what-if: 20 % more referrals than the data's monthly average.
  const perMonth = await page.getByLabel('Referrals a month today').inputValue();
  await page.getByLabel('Change in referrals').fill('20');
  await page.getByRole('button', { name: 'Work out the plan' }).click();
  await expect(page.getByRole('heading', { name: 'The plan' })).toBeFocused();
  const referrals = NUMBER.format(Number(perMonth) * 1.2);
  await expect(page.getByText(`${referrals} referrals a month become`)).toBeVisible();

  await page.getByLabel('Scenario name').fill('20 % more referrals');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText('Scenario “20 % more referrals” saved.')).toBeVisible();
  const saved = page.getByRole('table', { name: 'Saved scenarios' }).getByRole('row', { name: /^20 % more referrals/ });
  await expect(saved).toContainText('+20 %');

  // What the page shows for each role is what the planner worked out, with every cost known now
  // that the administrator has entered the on-cost rates and ARRS maximums.
  const list = (await (await page.request.get('/api/workforce-planner/scenarios')).json()) as {
    scenarios: ScenarioSummary[];
  };
  const id = list.scenarios.find((s) => s.name === '20 % more referrals')?.id;
  const scenario = (await (await page.request.get(`/api/workforce-planner/scenarios/${id}`)).json()) as Scenario;
  const result: PlannerResult = scenario.result;
  expect(result.warnings.filter((w) => w.includes('not entered'))).toEqual([]);
  const table = page.getByRole('table', { name: 'WTE and cost by role' });
  for (const role of result.roles) {
    const cells = table
      .getByRole('row', { name: new RegExp(`^${role.label} \\(band ${role.band}\\)`) })
      .getByRole('cell');
    expect(role.totalCost).not.toBeNull();
    await expect(cells.nth(0)).toHaveAccessibleName(NUMBER.format(role.wteNeeded));
    await expect(cells.nth(1)).toHaveAccessibleName(NUMBER.format(role.wteToday));
    await expect(cells.nth(4)).toHaveAccessibleName(POUNDS.format(role.totalCost as number));
  }
  expect(result.roles.find((r) => r.role === 'link_worker')?.arrsMaxPerWte).toBe(45_000);
  await expect(table.getByRole('row', { name: /^All roles/ })).toContainText(
    POUNDS.format(result.totals.totalCost as number),
  );

  // The chart has its figures in words for assistive technology, as the table does.
  await expect(page.getByRole('img', { name: /^Chart of whole-time equivalents needed/ })).toBeVisible();
  await checkPage(page, 'workforce-planner-plan');

  // The same page on a phone: the tables become cards, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await checkPage(page, 'workforce-planner-narrow');
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBe(0);
});
