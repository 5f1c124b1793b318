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

/** A year of figures as the API answers them, for looking at the page before demo history exists. */
function yearOfFigures() {
  const months = Array.from({ length: 12 }, (_, i) => {
    const n = 20 + ((i * 7) % 15);
    return {
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      referrals: i === 3 ? '*' : n,
      acceptedPercent: i === 3 ? '*' : 70 + (i % 4) * 5,
      medianReplyWorkingDays: i === 3 ? '*' : 2 + (i % 3),
      peopleAttended: i === 3 ? '*' : n - 5,
      sessionsAttended: i === 3 ? '*' : n * 3,
      signposts: i % 2 === 0 ? '*' : 10,
      exact: true,
    };
  });
  const figures = {
    referrals: 290,
    acceptedPercent: 78,
    medianReplyWorkingDays: 3,
    peopleAttended: 215,
    sessionsAttended: 870,
    signposts: 60,
    exact: true,
  };
  return {
    name: 'Northshire Community Connect',
    organisations: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Northshire Community Connect' }],
    period: { from: '2026-01-01', to: '2026-12-05' },
    suppression: 'outside-own',
    totals: figures,
    months,
    services: [
      { id: '00000000-0000-4000-8000-000000000002', name: 'Lunch Club — Gosforth', ...figures, referrals: 180, months },
      { id: '00000000-0000-4000-8000-000000000003', name: 'Walk and Talk', ...figures, referrals: 110, months },
    ],
    outcomesAtClose: [
      { outcome: 'engaged_continuing', label: 'Engaged and continuing', count: 40, exact: true },
      { outcome: 'completed', label: 'Completed', count: 95, exact: true },
      { outcome: 'stopped_attending', label: 'Stopped attending', count: 25, exact: true },
      { outcome: 'never_attended', label: 'Never attended', count: '*', exact: true },
    ],
    measureChanges: [
      {
        measure: 'swemwbs',
        key: 'metric',
        label: 'SWEMWBS metric score',
        people: 120,
        improved: 75,
        unchanged: 20,
        worsened: 25,
        exact: false,
      },
      {
        measure: 'ucla3',
        key: 'total',
        label: 'UCLA-3 loneliness (lower is better)',
        people: 60,
        improved: 35,
        unchanged: 15,
        worsened: 10,
        exact: false,
      },
    ],
  };
}

test('with a year of figures the page shows the chart, its table and the outcome changes (answer stubbed)', async ({
  vcsPartnerPage: page,
}) => {
  // Stubbed so the layout is looked at whatever the demo database holds; the real figures are
  // proved through HTTP in impact.db.test.ts.
  await page.route(
    (url) => url.pathname === '/api/partner/impact',
    (route) => route.fulfill({ json: yearOfFigures() }),
  );
  await page.goto('/partner/impact');
  await expect(page.getByRole('img', { name: 'Referrals received and sessions attended by month' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Figures by month' });
  await expect(table.getByRole('row')).toHaveCount(14);
  await expect(table.getByRole('row', { name: /April 2026/ })).toContainText('*');
  await expect(page.getByText(/They show what changed, not what caused it/)).toBeVisible();
  await checkPage(page, 'impact-partner-year');
});
