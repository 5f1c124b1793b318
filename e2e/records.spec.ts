import { expect, test } from './fixtures.js';
import { followMenuLink } from './support/menu.js';
import { checkPage } from './support/page-checks.js';

// Journeys (issue 19, point 5): the ICB administrator appraises the records past retention in a
// dry run and destroys them with a confirmation, leaving stubs; a team lead exports everything
// held about a person for a subject access request, and restricts processing of their record.

test('the administrator reviews the dry run, confirms, and the records past retention are destroyed', async ({
  adminPage: page,
}) => {
  await page.goto('/');
  await followMenuLink(page, 'Records retention');
  await expect(page.getByRole('heading', { level: 1, name: 'Records retention' })).toBeVisible();
  // The demo has three people whose support ended more than 8 years ago, listed by id only.
  const due = page.getByTestId('due-records');
  await expect(due.locator('tbody tr')).toHaveCount(3);
  await expect(due).not.toContainText('Archive-');
  await checkPage(page, 'records-retention');

  // Not confirmed: nothing is destroyed, the problem is named.
  await page.getByRole('button', { name: 'Destroy 3 records' }).click();
  await expect(page.getByRole('link', { name: 'Confirm that these records are to be destroyed' })).toBeVisible();
  await expect(due.locator('tbody tr')).toHaveCount(3);
  await checkPage(page, 'records-retention-error');

  await page.getByLabel(/I have appraised the list/).check();
  await page.getByRole('button', { name: 'Destroy 3 records' }).click();
  await expect(page.getByRole('alert')).toContainText('3 records (3 referrals) were destroyed');
  await expect(page.getByText('No records are past retention today.')).toBeVisible();
  await expect(page.getByTestId('destroyed-records').locator('tbody tr')).toHaveCount(3);
  await checkPage(page, 'records-retention-destroyed');
});

test('a team lead exports everything held about a person, then restricts processing of their record', async ({
  teamLeadPage: page,
}) => {
  const queue = await (await page.request.get('/api/triage/queue')).json();
  const item = queue.items[queue.items.length - 1] as { id: string; person: { givenName: string; familyName: string } };
  await page.goto(`/referrals/${item.id}/case`);
  await expect(page.getByRole('heading', { level: 1, name: /Case record for/ })).toBeVisible();
  await page.getByRole('link', { name: 'Export everything held about this person' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `Information held about ${item.person.givenName} ${item.person.familyName}`,
    }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Referrals \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await checkPage(page, 'records-subject-access');

  await page.getByRole('link', { name: 'The case record' }).click();
  await page.getByRole('button', { name: 'Restrict processing' }).click();
  await expect(page.getByRole('link', { name: 'Select the person’s grounds for restriction' })).toBeVisible();
  await page.getByLabel('The person contests the accuracy of their record').check();
  await page.getByRole('button', { name: 'Restrict processing' }).click();
  await expect(page.getByTestId('restriction-banner')).toContainText('can be read but not changed');
  await checkPage(page, 'records-restricted-case');
  // Lifted again, so the demo person is left as the other journeys expect.
  await page.getByLabel('Why is the restriction lifted?').fill('Checked with the person: the record is right.');
  await page.getByRole('button', { name: 'Lift the restriction' }).click();
  await expect(page.getByTestId('restriction-banner')).toHaveCount(0);
});
