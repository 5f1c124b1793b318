import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core finds no WCAG 2.2 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const readable = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    where: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(readable, `accessibility violations on ${what}`).toEqual([]);
}

/**
 * Full-page screenshot into .tmp/screens/ for people to look at. Not on CI, where nobody does:
 * a full-page PNG of every page of every role is minutes of a run that must stay under 30.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CI) return;
  await page.screenshot({ path: `.tmp/screens/${name}.png`, fullPage: true });
}

/**
 * The page has finished loading (its h1 is showing and nothing says "Loading"), has no
 * accessibility violations, and is photographed.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  // A step may hide the form it came from (kept, not unmounted): only the h1 on show counts.
  await expect(page.locator('main h1:visible')).toBeVisible();
  await expect(page.getByText(/^Loading /)).toHaveCount(0);
  await expectAccessible(page, name);
  await screenshot(page, name);
}
