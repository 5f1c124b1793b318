import { expect, test } from './fixtures.js';
import { followMenuLink } from './support/menu.js';
import { checkPage } from './support/page-checks.js';

// Journey (issue 17): the ICB administrator registers a GP system to send referrals over FHIR,
// copies its secret (shown this once), and later revokes it.

test('the administrator registers a system client, sees its secret once, then revokes it', async ({
  adminPage: page,
}) => {
  await page.goto('/');
  // The admin's menu is long: System clients may be behind "More" (it comes after the audit log).
  await followMenuLink(page, 'System clients');
  await expect(page.getByRole('heading', { level: 1, name: 'System clients' })).toBeVisible();
  await checkPage(page, 'admin-system-clients');

  // Nothing chosen: each problem named at its field and in the summary.
  await page.getByLabel('Client secret').check();
  await page.getByRole('button', { name: 'Register system' }).click();
  await expect(page.getByRole('alert').getByText('There is a problem')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Enter the name of the system' })).toBeVisible();
  await checkPage(page, 'admin-system-clients-error');

  const name = `EMIS Web e2e ${Date.now()}`;
  await page.getByLabel('Name of the system').fill(name);
  const actsFor = page.getByLabel('Acts for');
  const practice = await actsFor.locator('option').nth(2).getAttribute('value');
  await actsFor.selectOption(practice ?? '');
  await page.getByRole('button', { name: 'Register system' }).click();

  await expect(page.getByRole('heading', { name: `${name} is registered` })).toBeVisible();
  const secret = (await page.getByTestId('client-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByText('This is the only time the secret is shown')).toBeVisible();
  await checkPage(page, 'admin-system-clients-created');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByText('Active')).toBeVisible();

  // Shown once: after a reload the page lists the client but never its secret.
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  await page
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name: `Revoke ${name}` })
    .click();
  await expect(page.getByRole('status')).toContainText(`${name} has been revoked`);
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('Revoked')).toBeVisible();
  await checkPage(page, 'admin-system-clients-revoked');
});

// Issue 17 point 4: the message back pushed to the system's own address, signed.
test('the administrator sets a message back webhook, sees its signing secret once and the deliveries', async ({
  adminPage: page,
}) => {
  await page.goto('/');
  await followMenuLink(page, 'System clients');
  const name = `SystmOne e2e ${Date.now()}`;
  await page.getByLabel('Name of the system').fill(name);
  const actsFor = page.getByLabel('Acts for');
  await actsFor.selectOption((await actsFor.locator('option').nth(2).getAttribute('value')) ?? '');
  await page.getByLabel('Client secret').check();
  await page.getByLabel(/Read the message back/).check();
  await page.getByRole('button', { name: 'Register system' }).click();
  await expect(page.getByRole('heading', { name: `${name} is registered` })).toBeVisible();

  await page.getByText(`Message back webhook of ${name}: not set`).click();
  const address = page.getByRole('textbox', { name: 'Webhook address' }).last();
  // Not https: refused, named at the field.
  await address.fill('http://gp-system.example/waymark');
  await page.getByRole('button', { name: 'Set webhook' }).last().click();
  await expect(page.getByRole('link', { name: /must start with https/ })).toBeVisible();
  await checkPage(page, 'admin-system-clients-webhook-error');

  await address.fill('https://gp-system.example/waymark/webhook');
  await page.getByRole('button', { name: 'Set webhook' }).last().click();
  await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
  await expect(page.getByText(`Message back webhook of ${name}: set`)).toBeVisible();
  await expect(page.getByText('No message back has been sent to this system yet.')).toBeVisible();
  await checkPage(page, 'admin-system-clients-webhook');
});
