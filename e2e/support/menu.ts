import { expect, type Page } from '@playwright/test';

/**
 * Follows a link in the header's menu, opening "More" first when the link is behind it. The menu
 * is measured as it first appears, so wait for it before asking what fits (asking too early saw
 * no "More" on a slow machine, and then the link went behind it).
 */
export async function followMenuLink(page: Page, name: string) {
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Home' })).toBeVisible();
  const link = menu.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await menu.getByRole('button', { name: 'Browse More' }).click();
  await link.click();
}
