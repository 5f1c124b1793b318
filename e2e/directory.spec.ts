import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 5): a member of the public, not signed in, finds a walking group near a postcode
// and reports that its listing is out of date → a care coordinator finds the report in the
// directory review queue, confirms the listing and the report is closed.

const WALKING_GROUP = 'Walk and Talk — Riverside';

test('directory: the public finds a walking group near a postcode and reports it out of date; a care coordinator clears it', async ({
  browser,
  careCoordinatorPage: cc,
}) => {
  // The public search, in a browser of its own that never signed in.
  const page = await (await browser.newContext()).newPage();
  await page.goto('/directory');
  await expect(page.getByRole('link', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Find community services and groups' })).toBeVisible();
  await checkPage(page, 'directory-search');
  await page.getByLabel('What are you looking for?').fill('walkng group'); // misspelt on purpose
  await page.getByLabel('Your postcode').fill('ne1 4xx');
  await page.getByLabel('Distance', { exact: true }).selectOption({ label: 'Within 3 miles' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/\d+ services? found/)).toBeVisible();
  await expect(page.getByText('Showing results for')).toContainText('walking group');
  const result = page.getByRole('link', { name: WALKING_GROUP, exact: true });
  await expect(result).toBeVisible();
  await checkPage(page, 'directory-results');
  await result.click();

  // The listing: when it meets, whether it welcomes new people (in public words), when it was last checked.
  await expect(page.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  await expect(page.getByText('Welcoming new people').first()).toBeVisible();
  await expect(page.getByText('Taking referrals')).toHaveCount(0);
  await expect(page.getByText(/Last checked/).first()).toBeVisible();
  await checkPage(page, 'directory-listing');

  // "This is out of date": a required message first, then a real report.
  await page.getByRole('button', { name: 'Report that this information is out of date' }).click();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('link', { name: /out of date/i }).first()).toBeVisible();
  await page.getByLabel('What is out of date?').fill('The Tuesday walk now starts at 11:00, not 10:00.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your report' })).toBeVisible();
  await checkPage(page, 'directory-report-sent');

  // The care coordinator sees the report in the review queue…
  await cc.goto('/directory/review');
  await expect(cc.getByRole('heading', { level: 1, name: 'Directory review' })).toBeVisible();
  await checkPage(cc, 'directory-review-queue');
  await cc.getByRole('link', { name: WALKING_GROUP, exact: true }).first().click();
  await expect(cc.getByRole('heading', { name: 'Reports from the public' })).toBeVisible();
  await expect(cc.getByText('The Tuesday walk now starts at 11:00, not 10:00.')).toBeVisible();
  await checkPage(cc, 'directory-review-listing');

  // …and clears it: confirmed today, the report closed, the listing off the queue.
  await cc.getByRole('button', { name: 'Confirm unchanged' }).click();
  await expect(cc.getByText(/confirmed as unchanged/)).toBeVisible();
  await expect(cc.getByText(/1 open report was closed|open reports? (was|were) closed/)).toBeVisible();
  await cc.goto('/directory/review');
  await expect(cc.getByRole('heading', { level: 1, name: 'Directory review' })).toBeVisible();
  await expect(cc.getByRole('link', { name: WALKING_GROUP, exact: true })).toHaveCount(0);

  // The public listing now says it was checked today (to a new visitor: public answers may be
  // cached for a minute).
  const listingUrl = page.url();
  await page.context().close();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(listingUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: WALKING_GROUP })).toBeVisible();
  const today = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date());
  await expect(visitor.getByText(new RegExp(`Last checked.*${today}`)).first()).toBeVisible();
});

// A slow connection: the categories arrive after the person has started typing. What they typed
// stays (the form used to be redrawn when the list arrived, and the search went out empty).
test('directory: what is typed before the categories arrive is kept and searched for', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/public/directory/categories', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/directory');
  await page.getByLabel('What are you looking for?').fill('Connect Walk and Talk');
  release();
  await expect(page.getByLabel('Category').getByRole('option', { name: 'Nature and green space' })).toBeAttached();
  await expect(page.getByLabel('What are you looking for?')).toHaveValue('Connect Walk and Talk');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '1 service found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Connect Walk and Talk', exact: true })).toBeVisible();
});
