import type { Page } from '@playwright/test';
import type { GroupRecord, OpenCase } from '../common/team-groups.js';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';

// Journeys of issue 16 (points 4 and 5): the coach runs a session register of the group she runs,
// naming two people with cases, and both case timelines show the session; the lead records a
// volunteer and matches them with a person as their befriender, and the case timeline shows it.

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Two of the team's open cases, with names no other open case shares (so a name search finds one). */
async function twoOpenCases(page: Page): Promise<OpenCase[]> {
  const found: OpenCase[] = [];
  for (const q of ['an', 'ar', 'el', 'on']) {
    const res = await page.request.get(`/api/team/open-cases?q=${q}`);
    expect(res.status()).toBe(200);
    for (const c of (await res.json()) as OpenCase[]) {
      if (!found.some((f) => f.referralId === c.referralId || f.personName === c.personName)) found.push(c);
    }
    if (found.length >= 8) break;
  }
  const unique: OpenCase[] = [];
  for (const c of found) {
    const same = (await (
      await page.request.get(`/api/team/open-cases?q=${encodeURIComponent(c.personName)}`)
    ).json()) as OpenCase[];
    if (same.length === 1) unique.push(c);
    if (unique.length === 2) break;
  }
  expect(unique, 'two open cases with names of their own').toHaveLength(2);
  return unique;
}

async function addToRegister(page: Page, c: OpenCase) {
  await page.getByLabel('Name or NHS number').fill(c.personName);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^Add to register\\W+${c.personName}$`) }).click();
  await expect(page.getByRole('link', { name: c.personName })).toBeVisible();
}

test('the coach takes a session register with two people with cases; both case timelines show it', async ({
  healthCoachPage: page,
}) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Groups', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Groups your team runs');
  await checkPage(page, 'team-groups');

  await page.getByRole('link', { name: 'Wednesday walk and talk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Wednesday walk and talk');
  // Listed in the directory: the public finds it there.
  await expect(page.getByRole('link', { name: 'Wednesday walk and talk — Central PCN' })).toBeVisible();
  await checkPage(page, 'team-group');

  // Today's session, at a minute of its own.
  const groupId = new URL(page.url()).pathname.split('/').pop() as string;
  const before = ((await (await page.request.get(`/api/team-groups/${groupId}`)).json()) as GroupRecord).sessions.map(
    (s) => s.id,
  );
  const [day, month, year] = londonToday().split('-').reverse();
  await page.locator('#sessionOn-day').fill(String(Number(day)));
  await page.locator('#sessionOn-month').fill(String(Number(month)));
  await page.locator('#sessionOn-year').fill(String(year));
  await page.getByLabel('Start time').fill(`00:${String(Math.floor(Math.random() * 60)).padStart(2, '0')}`);
  const [added] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/sessions') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Add session' }).click(),
  ]);
  expect(added.status()).toBe(201);
  const group = (await added.json()) as GroupRecord;
  const target = group.sessions.find((s) => !before.includes(s.id));
  expect(target, 'the session just added').toBeTruthy();
  await expect(page.getByText('Session added')).toBeVisible();

  await page.goto(`/groups/${group.id}/sessions/${target?.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Register for');
  const people = await twoOpenCases(page);
  for (const c of people) await addToRegister(page, c);
  await page.getByLabel('Others who came').fill('4');
  await checkPage(page, 'team-group-register');
  await page.getByRole('button', { name: 'Save register' }).click();
  await expect(page.getByText('Register saved: 2 with cases, 4 others')).toBeVisible();

  // Each person's case timeline shows this session.
  for (const c of people) {
    await page.goto(`/referrals/${c.referralId}/case`);
    const item = page.locator(`li.waymark-timeline__item--group_attendance:has(time[datetime="${target?.startsAt}"])`);
    await expect(item).toContainText('Attended Wednesday walk and talk');
  }
  await checkPage(page, 'case-with-group-attendance');

  // The lead's figures count the register.
  const overview = await (await page.request.get('/api/team-groups')).json();
  const walk = overview.groups.find((g: { id: string }) => g.id === group.id);
  expect(walk.sessionsHeld).toBeGreaterThanOrEqual(1);
});

test('the lead records a volunteer and matches them as befriender with a person; the case timeline shows it', async ({
  teamLeadPage: page,
}) => {
  const name = `Rosa Volunteer ${Date.now() % 100_000}`;
  await page.goto('/');
  // The lead's menu folds its later entries under "More": the home page lists them all.
  await page.getByRole('main').getByRole('link', { name: 'Volunteers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Volunteers and community champions');
  await expect(page.getByRole('link', { name: 'Margaret Ellis' })).toBeVisible();
  await checkPage(page, 'volunteers');

  await page.getByRole('link', { name: 'Record a volunteer' }).click();
  // Bad input first: the form names what is missing, and nothing is stored.
  await page.getByRole('button', { name: 'Save volunteer' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter their full name');
  await checkPage(page, 'volunteer-new-errors');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Role').selectOption('befriender');
  await page.getByLabel('Email address (optional)').fill('rosa.volunteer@example.org');
  await page.getByLabel('Phone number (optional)').fill('07700 900 777');
  await page.locator('#startedOn-day').fill('1');
  await page.locator('#startedOn-month').fill('9');
  await page.locator('#startedOn-year').fill('2026');
  await page.getByRole('button', { name: 'Save volunteer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByText(`${name} recorded`)).toBeVisible();

  const [person] = await twoOpenCases(page);
  if (!person) throw new Error('no open case');
  await page.getByLabel('Name or NHS number').fill(person.personName);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^Match as befriender\\W+${person.personName}$`) }).click();
  await expect(page.getByText('Befriending started: the case timeline shows it')).toBeVisible();
  await expect(page.getByRole('link', { name: person.personName })).toBeVisible();
  await checkPage(page, 'volunteer');

  await page.getByRole('link', { name: person.personName }).click();
  await expect(page.locator('li.waymark-timeline__item--befriending')).toContainText(
    `Befriender: ${name} (volunteer) started`,
  );
  await checkPage(page, 'case-with-befriender');
});
