import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 10, point 17): the team lead opens "Allocate all" on the demo's triaged queue,
// gives a coaching referral to the care coordinator instead (Waymark warns why that goes against
// the rules), leaves another in the queue, and confirms exactly that plan.

/** The plan's worker choice whose selected option reads `label` (or matches it). */
async function choiceShowing(page: Page, label: string | RegExp): Promise<Locator> {
  const choices = page.getByRole('combobox', { name: /^Allocate .+ to$/ });
  for (const choice of await choices.all()) {
    const text = (await choice.locator('option:checked').textContent()) ?? '';
    if (typeof label === 'string' ? text === label : label.test(text)) return choice;
  }
  throw new Error(`no row of the plan goes to ${label}`);
}

test('allocate all: change a worker, leave one in the queue, read the warning, confirm that plan', async ({
  teamLeadPage: page,
}) => {
  await page.goto('/triage/allocate-all');
  await expect(page.getByRole('heading', { level: 1, name: 'Allocate all triaged referrals' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '3 referrals to allocate' })).toBeVisible();
  await checkPage(page, 'allocate-all-plan');

  // The coaching referral goes to the care coordinator instead: Waymark says why it should not.
  const coaching = await choiceShowing(page, 'Aisha Khan (health and wellbeing coach)');
  const row = page.getByRole('row').filter({ has: page.locator(`[id="${await coaching.getAttribute('id')}"]`) });
  await coaching.selectOption({ label: 'Ben Clarke (care coordinator)' });
  await expect(row).toContainText('Waymark suggested Aisha Khan');
  await expect(row).toContainText(
    'Ben Clarke is a care coordinator, but the rules give this referral to a health and wellbeing coach.',
  );
  await expect(page.getByRole('status')).toHaveText(/1 choice goes against the rules or over capacity/);

  // The link worker's referral stays in the queue for now. Which link worker the plan names
  // depends on the team's skills and languages (issue 16), so any of them will do.
  const linkWork = await choiceShowing(page, /\((social prescribing link worker|team lead)\)$/);
  const leftName = (
    (await page
      .getByRole('row')
      .filter({ has: page.locator(`[id="${await linkWork.getAttribute('id')}"]`) })
      .getByRole('rowheader')
      // The link: the cell also holds its column's heading, shown when the table turns into cards.
      .getByRole('link')
      .textContent()) ?? ''
  ).trim();
  await linkWork.selectOption({ label: 'Nobody: leave it in the queue' });
  await expect(page.getByRole('heading', { level: 2, name: '2 referrals to allocate' })).toBeVisible();
  await expect(page.getByText('Left in the queue: 1')).toBeVisible();
  await checkPage(page, 'allocate-all-edited');

  await page.getByRole('button', { name: 'Confirm and allocate 2 referrals' }).click();
  await expect(page.getByText('2 referrals allocated')).toBeVisible();
  await expect(page.getByText('1 referral was left in the queue.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(leftName) })).toContainText('Nobody: stays in the queue');
  await checkPage(page, 'allocate-all-done');

  // The one left out is still waiting in the triage queue.
  await page.goto('/triage');
  await expect(page.getByRole('link', { name: leftName })).toBeVisible();
});
