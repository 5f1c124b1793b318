import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's own `axe.run` on the page, with axe injected once per document. The same rules and
 * the same check as `new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()`, which costs about
 * three times as much: on every call it evaluates axe's 580 kB source in the page, then opens a
 * blank page in the context, evaluates the source there too and merges the results in it (the
 * "runPartial/finishRun" way, made for cross-origin iframes). Measured on the shared 2-core
 * machine: 1.4–2.2 s a check that way, 0.2–0.4 s this way. Waymark's pages have no iframes;
 * should one ever have a frame, the check goes the AxeBuilder way so frames are still tested.
 */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (page.frames().length > 1) {
    return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
  }
  // A client-side route change keeps the document (and axe in it); a full load starts a new one.
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axe.source);
  // In the page (e2e code is type-checked without the DOM library, hence globalThis).
  return page.evaluate(async (tags) => {
    const { axe: inPage, document } = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> };
      document: unknown;
    };
    return (await inPage.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG_TAGS);
}

/** axe-core finds no WCAG 2.2 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
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
