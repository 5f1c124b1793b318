import { gzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import { ANALYTICS_SECTION_TITLES, type AnalyticsOptions, SUPPRESSION_NOTE } from '../common/analytics.js';
import { test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Evidence for commissioners and leads (issue 13): the commissioner filters the figures to one
// PCN and a quarter, reads the waits chart and its table and downloads the CSV (small numbers
// hidden); a team lead sees their own PCN only. Each section is photographed for both.

const OWN_PCN = 'Northshire Central PCN';
const OTHER_PCNS = ['Riverside and Dales PCN', 'Coastal Northshire PCN'];
const SECTIONS = Object.entries(ANALYTICS_SECTION_TITLES);

/** "2026-12" two months back → "2026-10": a quarter ending in `to`. */
function monthsBefore(to: string, months: number): string {
  const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every section through the sub-navigation: each loads, is axe-clean and is photographed. */
async function visitEverySection(page: Page, who: string, check: (page: Page) => Promise<void>) {
  for (const [section, title] of SECTIONS) {
    const nav = page.getByRole('navigation', { name: 'Sections of the figures' });
    const current = nav.locator('[aria-current="page"]');
    if ((await current.textContent()) !== title) await nav.getByRole('link', { name: title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/analytics/${section}(\\?|$)`));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(current).toHaveText(title);
    await expect(page.getByText(/^Figures as of |^These figures have not been counted yet/)).toBeVisible();
    await check(page);
    await checkPage(page, `analytics-${section}-${who}`);
  }
}

test('the commissioner filters the waits to one PCN and a quarter, reads the chart and its table, and downloads the CSV', async ({
  commissionerPage: page,
}) => {
  const options = (await (await page.request.get('/api/analytics/options')).json()) as AnalyticsOptions;
  expect(options.ownPcnOnly).toBe(false);
  const to = options.defaultTo;
  const from = monthsBefore(to, 2);

  await page.goto('/');
  await page.getByRole('link', { name: ANALYTICS_SECTION_TITLES.waits, exact: true }).click();
  await expect(page).toHaveURL(/\/analytics\/waits$/);
  await expect(page.getByRole('heading', { level: 1, name: ANALYTICS_SECTION_TITLES.waits })).toBeVisible();

  // "From" after "to" is refused by the API, and said so in the error summary beside the field.
  await page.getByLabel('From', { exact: true }).selectOption(to);
  await page.getByLabel('To', { exact: true }).selectOption(options.months[0] as string);
  await page.getByRole('button', { name: 'Show these figures' }).click();
  await expect(page.getByRole('alert')).toContainText('To must be the same month as "from" or later');
  await expect(page).toHaveTitle(/^Error: /);
  await checkPage(page, 'analytics-waits-error');

  await page.getByLabel('PCN', { exact: true }).selectOption({ label: OWN_PCN });
  await page.getByLabel('From', { exact: true }).selectOption(from);
  await page.getByLabel('To', { exact: true }).selectOption(to);
  await page.getByRole('button', { name: 'Show these figures' }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/waits\\?pcnId=[0-9a-f-]{36}&from=${from}&to=${to}$`));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('main .nhsuk-caption-l')).toContainText(OWN_PCN);
  // The form shows the filters in force (it once kept the previous answer's).
  await expect(page.getByLabel('PCN', { exact: true }).locator('option:checked')).toHaveText(OWN_PCN);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(from);
  await expect(page.getByText(SUPPRESSION_NOTE)).toBeVisible();

  // The first waits figure: its chart, and the same figures in the table beside it.
  const figure = page.locator('section.waymark-figure').first();
  const title = (await figure.getByRole('heading', { level: 2 }).textContent()) as string;
  await expect(
    figure.getByRole('img', { name: new RegExp(`^${title}\\. (Line|Bar|Stacked bar) chart of `) }),
  ).toBeVisible();
  const table = figure.getByRole('table', { name: title });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader').first()).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
  await checkPage(page, 'analytics-waits-filtered');

  // The CSV carries the same filters, a header block, and small numbers as "*".
  const href = (await page.getByRole('link', { name: /Download CSV/ }).getAttribute('href')) as string;
  expect(href).toBe(`/api/analytics/waits.csv${new URL(page.url()).search}`);
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain(OWN_PCN);
  expect(text).toContain(from);
  expect(text).toMatch(/suppress/i);
  expect(text, 'a suppressed cell in the CSV').toMatch(/(^|,)"?\*"?(,|\r?\n|$)/m);

  // Switching section keeps the filters; every section is looked at.
  await visitEverySection(page, 'commissioner', async (p) => {
    await expect(p).toHaveURL(new RegExp(`from=${from}&to=${to}$`));
    await expect(p.getByText(SUPPRESSION_NOTE)).toBeVisible();
  });
});

test('a team lead sees their own PCN only, exact', async ({ teamLeadPage: page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: `See the figures for ${OWN_PCN}` }).click();
  await expect(page).toHaveURL(/\/analytics\/demand$/);
  await expect(page.getByLabel('PCN', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Practice', { exact: true })).toBeVisible();
  await visitEverySection(page, 'lead', async (p) => {
    await expect(p.locator('main .nhsuk-caption-l')).toContainText(OWN_PCN);
    await expect(p.getByText(SUPPRESSION_NOTE)).toHaveCount(0);
    const html = await p.content();
    for (const other of OTHER_PCNS) expect(html, `${other} on the lead's page`).not.toContain(other);
  });
});

test('the first page stays under 150 kB of gzipped JavaScript, without the figures pages', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  let gzipped = 0;
  for (const url of scripts) gzipped += gzipSync(await (await page.request.get(url)).body()).length;
  expect(gzipped).toBeLessThan(150_000);
  expect(scripts.filter((url) => /AnalyticsPage|analytics-api/.test(url))).toEqual([]);
});
