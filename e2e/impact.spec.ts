import { expect, type Page } from '@playwright/test';
import { test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Evidence of value per organisation (issue 12, point 6): the demo partner opens its own impact
// page; a commissioner opens an organisation's from its listing. With demo history the page shows
// a year of figures as a chart with its table; without any it says so plainly.

/** The figures as a chart with its table alternative, or the plain "none" message. */
async function expectFiguresOrNone(page: Page) {
  const none = page.getByText('No referrals in this period');
  const chart = page.getByRole('img', { name: 'Referrals received and sessions attended by month' });
  await expect(none.or(chart)).toBeVisible();
  if (await chart.isVisible()) {
    await expect(page.getByRole('table', { name: 'Figures by month' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Figures by month' }).getByRole('row')).toHaveCount(14); // head, 12 months, total
    await expect(page.getByText(/They show what changed, not what caused it/)).toBeVisible();
  }
}

async function expectCsv(page: Page) {
  const href = (await page.getByRole('link', { name: /Download CSV/ }).getAttribute('href')) as string;
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  expect((await res.text()).split('\r\n')[0]).toBe('section,name,month,figure,value');
}

test('a partner sees its own organisation’s impact for the last year, and can choose a period', async ({
  vcsPartnerPage: page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Our impact' }).first().click();
  await expect(page).toHaveURL(/\/partner\/impact$/);
  await expect(page.getByText('Your organisation’s impact')).toBeVisible();
  await expectFiguresOrNone(page);
  await checkPage(page, 'impact-partner');
  await expectCsv(page);

  // A period the other way round is refused, naming the field.
  await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('1');
  await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('3');
  await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2026');
  await page.getByRole('group', { name: 'To' }).getByLabel('Day').fill('1');
  await page.getByRole('group', { name: 'To' }).getByLabel('Month').fill('2');
  await page.getByRole('group', { name: 'To' }).getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Show this period' }).click();
  await expect(page.getByRole('alert')).toContainText('To must be the same as or after from');

  await page.getByRole('group', { name: 'To' }).getByLabel('Month').fill('5');
  await page.getByRole('button', { name: 'Show this period' }).click();
  await expect(page).toHaveURL(/from=2026-03-01&to=2026-05-01/);
  await expect(page.getByRole('heading', { level: 2, name: '1 March 2026 to 1 May 2026' })).toBeVisible();
});

test('a commissioner opens an organisation’s impact from its listing; small numbers are hidden', async ({
  commissionerPage: page,
}) => {
  const found = await page.request.get('/api/public/directory/services?text=lunch%20club');
  const listing = (await found.json()).results.find((r: { name: string }) => r.name.includes('Gosforth'));
  expect(listing).toBeTruthy();
  await page.goto(`/directory/services/${listing.id}`);
  await page.getByRole('link', { name: /^Impact of / }).click();
  await expect(page).toHaveURL(/\/directory\/organisations\/[0-9a-f-]+\/impact$/);
  await expect(page.getByText('Organisation impact')).toBeVisible();
  await expectFiguresOrNone(page);
  if (await page.getByRole('img', { name: /by month/ }).isVisible()) {
    await expect(page.getByText('This applies to every figure on this page.')).toBeVisible();
  }
  await checkPage(page, 'impact-organisation');
  await expectCsv(page);
});
