import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journey: the team lead looks at the PCN's social prescribing team and its capacity.
test('the team lead sees the PCN team with capacity scaled by working hours', async ({ teamLeadPage: page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Northshire Central PCN');

  // The capacity table (the lead's page also has a training and supervision table, issue 16).
  const capacity = page.getByRole('table', { name: 'Team members, roles and caseload capacity' });
  const row = (name: string) => capacity.getByRole('row', { name: new RegExp(`^${name}`) });
  // Aisha Khan: health and wellbeing coach, 0.8 FTE × 25 = 20 open cases.
  await expect(row('Aisha Khan')).toContainText('Health and wellbeing coach');
  // The cell's name, as heard: it also holds its column heading, shown only when the table turns into cards.
  await expect(row('Aisha Khan').getByRole('cell').last()).toHaveAccessibleName('20');
  // Hannah Reid: link worker, 0.6 FTE × 40 = 24.
  await expect(row('Hannah Reid').getByRole('cell').last()).toHaveAccessibleName('24');
  await expect(row('Priya Shah')).toContainText('Team lead');
  await checkPage(page, 'team');
});
