import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signInThroughApi } from './support/sign-in.js';

// Issue 10, point 8: the footer's pages exist, are public, and say what is true of this service.

const PAGES = [
  ['Accessibility statement', 'Accessibility statement for Waymark', 'footer-accessibility'],
  ['Privacy notice', 'Privacy notice', 'footer-privacy'],
  ['Cookies', 'Cookies on Waymark', 'footer-cookies'],
  ['Contact us', 'Contact us', 'footer-contact'],
] as const;

test('signed out, every footer link opens its page', async ({ page }) => {
  for (const [link, heading, shot] of PAGES) {
    await page.goto('/directory');
    await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await checkPage(page, shot);
  }
  await page.goto('/contact');
  await expect(page.getByRole('link', { name: 'support@waymark.example' })).toHaveAttribute(
    'href',
    'mailto:support@waymark.example',
  );
});

test('the cookies page is true: no cookie signed out, exactly the one it names once signed in', async ({ page }) => {
  await page.goto('/directory');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.context().cookies()).toEqual([]);

  await signInThroughApi(page, 'link_worker');
  const cookies = await page.context().cookies();
  await page.goto('/cookies');
  const named = await page
    .getByRole('table', { name: 'The cookie Waymark uses' })
    .getByRole('cell')
    .first()
    // As shown: the column's name beside the value is for narrow screens only.
    .innerText();
  expect(cookies.map((c) => c.name)).toEqual([named]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  // The expiry it states is this deployment's (the e2e server runs with the defaults).
  await expect(page.getByRole('cell', { name: /after 30 minutes without using Waymark, or 12 hours/ })).toBeVisible();
});
