import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journeys (issue 12, point 7): the demo partner publishes a session of its lunch club → it shows
// on the public listing and in search results. The partner proposes a brand-new listing → a care
// coordinator approves it from the review queue → it is in the directory.

const LISTING = 'Lunch Club — Gosforth';
const SESSION = 'Christmas lunch and carols';
const NEW_LISTING = 'Gosforth Repair Cafe';

/** A date `days` from now as the form's day, month and year boxes take it. */
function dayParts(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function serviceIdOf(partner: Page, name: string): Promise<string> {
  const res = await partner.request.get('/api/directory/our-events');
  expect(res.status()).toBe(200);
  const service = (await res.json()).services.find((s: { name: string }) => s.name === name);
  expect(service, `the demo partner runs ${name}`).toBeTruthy();
  return service.id;
}

test('showcase: a partner’s session shows on the public listing and in search', async ({ browser }) => {
  const { page: partner } = await signedInPage(browser, 'vcs_partner');
  const visitor = await (await browser.newContext()).newPage();

  await partner.goto('/directory/our-listings');
  await partner.getByRole('main').getByRole('link', { name: 'Sessions and events' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Sessions and events' })).toBeVisible();
  await checkPage(partner, 'showcase-sessions-empty');

  await partner.getByRole('button', { name: 'Add a session or event' }).click();
  await partner.getByLabel('Service').selectOption({ label: LISTING });
  await partner.getByLabel('Title').fill(SESSION);
  const date = partner.getByRole('group', { name: 'Date' });
  const { day, month, year } = dayParts(10);
  await date.getByLabel('Day').fill(day);
  await date.getByLabel('Month').fill(month);
  await date.getByLabel('Year').fill(year);
  await partner.getByLabel('Start time').fill('12:00');
  // An end before the start is refused by the server, named beside the field.
  await partner.getByLabel('End time (optional)').fill('11:00');
  await partner.getByLabel('Place (optional)').fill('St Nicholas church hall');
  await partner.getByLabel('Spaces left (optional)').fill('8');
  await partner.getByLabel('People need to book').check();
  await partner.getByRole('button', { name: 'Add session' }).click();
  await expect(partner.getByRole('link', { name: /End time must be after the time it starts/ })).toBeVisible();
  await checkPage(partner, 'showcase-session-form-error');
  await partner.getByLabel('End time (optional)').fill('14:00');
  await partner.getByRole('button', { name: 'Add session' }).click();
  await expect(partner.getByText(`${SESSION} saved`)).toBeVisible();
  await expect(partner.getByRole('row', { name: new RegExp(SESSION) })).toContainText('8 left, booking needed');
  await checkPage(partner, 'showcase-sessions');

  const serviceId = await serviceIdOf(partner, LISTING);
  await visitor.goto(`/directory/services/${serviceId}`);
  await expect(visitor.getByRole('heading', { level: 2, name: 'Upcoming sessions and events' })).toBeVisible();
  await expect(visitor.getByText(SESSION)).toBeVisible();
  await expect(visitor.getByText('St Nicholas church hall')).toBeVisible();
  await checkPage(visitor, 'showcase-public-listing');

  await visitor.goto('/directory?text=Lunch%20Club%20Gosforth');
  const card = visitor.getByRole('listitem').filter({ has: visitor.getByRole('link', { name: LISTING }) });
  await expect(card.getByText('Next session')).toBeVisible();
  await expect(card).toContainText(SESSION);
  await checkPage(visitor, 'showcase-search-next-session');
});

test('showcase: a partner proposes a new listing and a care coordinator approves it', async ({ browser }) => {
  const { page: partner } = await signedInPage(browser, 'vcs_partner');
  const { page: cc } = await signedInPage(browser, 'care_coordinator');

  await partner.goto('/directory/our-listings');
  await partner.getByRole('main').getByRole('link', { name: 'Propose a new listing' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Propose a new listing' })).toBeVisible();
  await checkPage(partner, 'showcase-propose-listing');
  await partner.getByLabel('Name', { exact: true }).fill(NEW_LISTING);
  await partner
    .getByLabel('Description')
    .fill('Bring something broken: volunteers help you mend it over a cup of tea. Everyone welcome.');
  await partner.getByRole('button', { name: 'Send new listing for review' }).click();
  await expect(partner.getByText('Your new listing has been sent for review')).toBeVisible();
  await expect(partner.getByRole('row', { name: new RegExp(NEW_LISTING) })).toContainText('Waiting for review');
  await checkPage(partner, 'showcase-proposal-sent');

  await cc.goto('/directory/review');
  await cc.getByRole('link', { name: `Review the new listing ${NEW_LISTING}` }).click();
  await expect(cc.getByRole('heading', { level: 1, name: NEW_LISTING })).toBeVisible();
  await checkPage(cc, 'showcase-proposal-review');
  await cc.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(cc.getByText('Listing approved. It is published in the directory and marked as checked.')).toBeVisible();
  await cc.getByRole('link', { name: `See the published listing: ${NEW_LISTING}` }).click();
  await expect(cc.getByRole('heading', { level: 1, name: NEW_LISTING })).toBeVisible();

  await partner.reload();
  await expect(partner.getByRole('row', { name: new RegExp(NEW_LISTING) })).toContainText('Published');
  await checkPage(partner, 'showcase-proposal-published');
});
