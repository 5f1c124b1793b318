import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 10, point 17): the health and wellbeing coach is away. Handing all her cases to
// the care coordinator asks for a confirmation first (some are coaching cases); instead the lead
// chooses who covers each case, gives a coaching case to a link worker, confirms the rest for the
// care coordinator, and later hands them all back.

test('handover on leave: warned for the care coordinator, split between colleagues, handed back', async ({
  teamLeadPage: page,
}) => {
  await page.goto('/team/leave');
  await expect(page.getByRole('heading', { level: 1, name: /Leave and cover/ })).toBeVisible();

  // One colleague for all: the care coordinator comes first, with a warning to confirm.
  const quick = page.getByLabel(/^Hand Aisha Khan’s \d+ cases? to$/);
  await expect(quick.locator('option:checked')).toHaveText('Ben Clarke (care coordinator)');
  const aishaRow = page.getByRole('row', { name: /^Aisha Khan/ });
  await expect(aishaRow).toContainText(
    /high complexity or predicted PAM level 1: the allocation rules give such cases to a health and wellbeing coach, and Ben Clarke is a care coordinator/,
  );
  await aishaRow.getByRole('button', { name: 'Hand over Aisha Khan’s cases' }).click();
  await expect(
    aishaRow.getByText('Confirm that Ben Clarke should cover them, or choose a health and wellbeing coach'),
  ).toBeVisible();
  await checkPage(page, 'leave-cover-warning');
  // Choosing a link worker needs no confirmation.
  await quick.selectOption({ label: 'Tom Okafor (social prescribing link worker)' });
  await expect(aishaRow.getByLabel('Hand them to Tom Okafor anyway')).toHaveCount(0);

  // A colleague per case instead.
  await aishaRow.getByRole('link', { name: 'Choose who covers each case of Aisha Khan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Hand over Aisha Khan’s cases/ })).toBeVisible();
  const choices = page.getByRole('combobox', { name: /^Who covers / });
  const total = await choices.count();
  expect(total).toBeGreaterThan(1);
  for (const choice of await choices.all())
    await expect(choice.locator('option:checked')).toHaveText('Ben Clarke (care coordinator)');
  const warnings = page.getByText(/is a care coordinator\.( At work as a health and wellbeing coach: .*)?$/);
  const warned = await warnings.count();
  expect(warned, 'coaching cases are warned about').toBeGreaterThan(0);
  await checkPage(page, 'handover-per-case');

  // The first coaching case goes to the link worker: its warning goes.
  const firstWarned = page.getByRole('row').filter({ hasText: 'Coaching case' }).first();
  await firstWarned.getByRole('combobox').selectOption({ label: 'Tom Okafor (social prescribing link worker)' });
  await expect(firstWarned).not.toContainText('is a care coordinator.');
  const stillWarned = warned - 1;
  await page.getByRole('button', { name: `Hand over ${total} cases` }).click();
  if (stillWarned > 0) {
    // The rest still go to the care coordinator: not without the lead's confirmation.
    await expect(page.getByRole('alert')).toContainText('Confirm that the');
    await checkPage(page, 'handover-confirm-needed');
    await page.getByLabel(/to a care coordinator anyway$/).check();
    await page.getByRole('button', { name: `Hand over ${total} cases` }).click();
  }
  await expect(page.getByText(`${total} cases handed over`)).toBeVisible();
  await expect(page.getByText('Tom Okafor: 1 case')).toBeVisible();
  await expect(page.getByText(`Ben Clarke: ${total - 1} case`)).toBeVisible();
  await checkPage(page, 'handover-done');

  // The leave page shows who covers what, and the lead hands them all back.
  await page.getByRole('link', { name: 'Back to leave and cover' }).click();
  const row = page.getByRole('row', { name: /^Aisha Khan/ });
  await expect(row).toContainText('1 case covered by Tom Okafor');
  await expect(row).toContainText(`${total - 1} case`);
  await checkPage(page, 'leave-after-split-handover');
  await row.getByRole('button', { name: 'Hand back to Aisha Khan' }).click();
  await expect(page.getByRole('status')).toHaveText(`${total} cases handed back to Aisha Khan`);
});
