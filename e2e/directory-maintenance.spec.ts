import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journeys (issue 5): a voluntary sector partner proposes a change to their own listing → it is
// invisible to the public until a care coordinator approves it from the moderation page with its
// field-by-field diff. An administrator imports a CSV with one bad row: the good row imports,
// the bad one is reported by line and column.

const LISTING = 'Lunch Club — Gosforth';

async function publicCapacityOf(page: Page, id: string): Promise<string> {
  const res = await page.request.get(`/api/public/directory/services/${id}`, {
    headers: { 'cache-control': 'no-cache' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).referral_capacity;
}

test('directory moderation: a partner’s change waits for a care coordinator, then shows', async ({ browser }) => {
  const { page: partner } = await signedInPage(browser, 'vcs_partner');
  const { page: cc } = await signedInPage(browser, 'care_coordinator');
  const visitor = await (await browser.newContext()).newPage();

  // The partner proposes: the lunch club now has a waiting list.
  await partner.goto('/directory/our-listings');
  await expect(partner.getByRole('heading', { level: 1, name: 'Your listings' })).toBeVisible();
  await checkPage(partner, 'directory-our-listings');
  await partner
    .getByRole('row', { name: new RegExp(LISTING) })
    .getByRole('link', { name: /Propose a change/ })
    .click();
  await expect(partner.getByRole('heading', { level: 1, name: LISTING })).toBeVisible();
  const serviceId = partner.url().split('/').at(-2) as string;
  expect(await publicCapacityOf(visitor, serviceId)).toBe('open');
  await checkPage(partner, 'directory-propose-change');
  await partner.getByLabel('Is it taking referrals now?').selectOption({ label: 'Waiting list' });
  await partner.getByRole('button', { name: 'Send change for review' }).click();
  await expect(partner.getByRole('heading', { name: 'Your change has been sent for review' })).toBeVisible();

  // Not visible to the public until approved.
  expect(await publicCapacityOf(visitor, serviceId)).toBe('open');

  // The care coordinator reviews the field-by-field diff and approves.
  await cc.goto('/directory/review');
  await cc.getByRole('link', { name: `Review the change to ${LISTING}` }).click();
  await expect(cc.getByRole('heading', { level: 1, name: LISTING })).toBeVisible();
  const diff = cc.getByRole('row', { name: /taking referrals/i });
  await expect(diff).toContainText('Taking referrals');
  await expect(diff).toContainText('Waiting list');
  await checkPage(cc, 'directory-moderation');
  await cc.getByRole('button', { name: 'Approve change' }).click();
  await expect(cc.getByText('Change approved. The listing is updated and marked as checked.')).toBeVisible();

  expect(await publicCapacityOf(visitor, serviceId)).toBe('waiting_list');
});

test('directory import: a CSV with a bad row imports the good one and names the bad one’s line and column', async ({
  adminPage: admin,
}) => {
  await admin.goto('/admin/directory');
  await expect(admin.getByRole('heading', { level: 1, name: 'Directory import and export' })).toBeVisible();
  const csv = [
    'organization_name,name,description,categories,postcode,address_1,city,schedule',
    'Imported Friends of Exhibition Park,Exhibition Park Tai Chi,Gentle tai chi in the park.,sport-physical-activity,NE2 1AB,Exhibition Park,Newcastle upon Tyne,SA 10:00-11:00',
    'Imported Friends of Exhibition Park,Broken Row Club,Has a bad postcode.,arts-culture,NOT A POSTCODE,1 Road,Newcastle upon Tyne,',
  ].join('\n');
  await admin.getByLabel('File to import').setInputFiles({
    name: 'services.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await admin.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(admin.getByRole('heading', { name: 'Import finished with errors' })).toBeVisible();
  const errors = admin.getByRole('region', { name: 'Import errors' });
  await expect(errors).toContainText('Line 3');
  await expect(errors).toContainText('postcode');
  await checkPage(admin, 'directory-import-report');
  await admin.getByRole('link', { name: 'See possible duplicates' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Possible duplicates' })).toBeVisible();
  await checkPage(admin, 'directory-duplicates');

  // The demo lists one walk twice: merge it, keeping the walking group's own listing.
  await admin.getByRole('button', { name: /^Merge .*Riverside Walk & Talk/ }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Merge duplicate listings' })).toBeVisible();
  await admin.getByLabel('Walk and Talk — Riverside').check();
  await admin.getByLabel('Why are these the same service?').fill('The same Tuesday walk, listed by two organisations.');
  await admin.getByRole('button', { name: 'Continue' }).click();
  await checkPage(admin, 'directory-merge-confirm');
  await admin.getByRole('button', { name: 'Yes, merge these listings' }).click();
  await expect(admin.getByText('“Riverside Walk & Talk” was merged into “Walk and Talk — Riverside”')).toBeVisible();
  await expect(admin.getByRole('button', { name: /^Merge .*Riverside Walk & Talk/ })).toHaveCount(0);

  const found = await admin.request.get('/api/public/directory/services?text=exhibition%20park%20tai%20chi');
  expect((await found.json()).results.map((r: { name: string }) => r.name)).toContain('Exhibition Park Tai Chi');
  const broken = await admin.request.get('/api/public/directory/services?text=broken%20row%20club');
  expect((await broken.json()).results.map((r: { name: string }) => r.name)).not.toContain('Broken Row Club');
});

test('directory review: a confidential address is made public only by ticking the warned box (issue 9)', async ({
  browser,
}) => {
  const { page: cc } = await signedInPage(browser, 'care_coordinator');
  const found = await cc.request.get('/api/directory/services?text=rural%20domestic%20abuse%20support');
  const refuge = (await found.json()).results.find((r: { name: string }) => r.name.includes('the Dales'));
  expect(refuge).toBeTruthy();
  const publicBody = async () =>
    (
      await cc.request.get(`/api/public/directory/services/${refuge.id}`, { headers: { 'cache-control': 'no-cache' } })
    ).text();
  expect(await publicBody()).not.toContain('Fellside Cottages');

  await cc.goto(`/directory/review/services/${refuge.id}`);
  await cc.getByRole('button', { name: 'Edit listing' }).click();
  const warning = cc.getByRole('heading', { name: /Place 1: confidential address/ });
  await expect(warning).toBeVisible();
  const lift = cc.getByLabel('Make this address public');
  await expect(lift).not.toBeChecked();
  // The ordinary "keep confidential" box is not offered for a place that is already confidential.
  await expect(cc.getByLabel('Keep this address confidential')).toHaveCount(0);
  await lift.check();
  await checkPage(cc, 'directory-review-lift-confidentiality');
  await cc.getByRole('button', { name: 'Save and confirm listing' }).click();
  await expect(cc.getByText(/Listing updated and confirmed as checked today/)).toBeVisible();
  expect(await publicBody()).toContain('Fellside Cottages');
});
