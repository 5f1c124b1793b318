import { expect, test } from './fixtures.js';
import { allocateReceivedReferral } from './support/allocated-case.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 12, the worker's side): the link worker opens one of their cases, finds the demo
// walking group from the person's postcode, refers the person with their consent, and sees the
// referral in the case's community services and on its timeline.

test('onward referral: find the walking group from the case, refer with consent, see it on the case', async ({
  browser,
}) => {
  // Five pages, each checked with axe, on a machine the other journeys share.
  test.setTimeout(300_000);
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');

  const item = await allocateReceivedReferral(lead, worker);
  const who = `${item.person.givenName} ${item.person.familyName}`;

  const w = worker.page;
  await w.goto('/caseload');
  await w.getByRole('link', { name: `Case record of ${who}` }).click();
  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await expect(w.getByRole('heading', { level: 2, name: 'Community services' })).toBeVisible();
  await expect(w.getByText('No one has been signposted or referred')).toBeVisible();
  await checkPage(w, 'onward-1-case-record');

  await w.getByRole('link', { name: 'Find a service to refer or signpost to' }).click();
  await expect(w.getByRole('heading', { level: 1, name: 'Find a community service' })).toBeVisible();
  await w.getByLabel('What are you looking for').fill('walking');
  await w.getByLabel('Within (miles)').fill('100');
  await w.getByRole('button', { name: 'Search' }).click();
  const walk = w.getByRole('link', { name: 'Leyburn Health Walk' });
  await expect(walk).toBeVisible();
  await checkPage(w, 'onward-2-search');

  await walk.click();
  await expect(w.getByRole('heading', { level: 1, name: 'Leyburn Health Walk' })).toBeVisible();
  await w.getByLabel('Refer', { exact: true }).check();
  // Consent is asked for first: sending without it names the field.
  await w.getByRole('button', { name: 'Send referral' }).click();
  await expect(w.getByRole('link', { name: new RegExp(`^Record that ${who} agrees`) })).toBeVisible();
  await checkPage(w, 'onward-3-refer-errors');
  await w.getByLabel(new RegExp(`^${who} agrees to share the details below with`)).check();
  await w.getByLabel('Language').check();
  await w.getByLabel('Note to the service').fill('Would like a gentle start; mornings suit best.');
  await checkPage(w, 'onward-4-refer');
  await w.getByRole('button', { name: 'Send referral' }).click();

  await expect(w.getByRole('heading', { level: 1, name: `Case record for ${who}` })).toBeVisible();
  await expect(w.getByRole('alert')).toContainText('Referred to Leyburn Health Walk');
  const row = w.getByRole('row', { name: /Leyburn Health Walk/ });
  await expect(row).toContainText('Waiting for reply');
  await checkPage(w, 'onward-5-case-after');
  await w.getByRole('tab', { name: 'Timeline' }).click();
  await expect(w.getByRole('heading', { level: 3, name: /^Referred to Leyburn Health Walk/ })).toBeVisible();
  await checkPage(w, 'onward-6-timeline');
});
