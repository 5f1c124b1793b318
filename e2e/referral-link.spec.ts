import { randomInt } from 'node:crypto';
import pg from 'pg';
import { expect, test } from './fixtures.js';
import { E2E_PG_PORT } from './ports.mjs';
import { emailsTo } from './support/outbox.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Issue 12, second journey: an organisation without Waymark accounts (Riverside Walking Friends)
// is sent a referral by secure link. Its inbox gets the link (no personal data); the page asks
// for a one-time code sent to the same address; with it, the referral and the answer forms; it
// accepts. Later the link expires, and the same link shows the plain "no longer works" page.

const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/waymark`;

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** An onward referral from one of the demo link worker's cases, as the refer step leaves it (SQL). */
async function referralToRiverside(workerId: string, personName: string) {
  const [kase] = await query<{ id: string; icb_id: string; pcn_id: string; person_id: string }>(
    `SELECT id, icb_id, pcn_id, person_id FROM referrals
      WHERE allocated_worker_id = $1 AND status IN ('allocated', 'first_contact', 'active')
      ORDER BY received_at DESC LIMIT 1`,
    [workerId],
  );
  expect(kase, 'a case on the demo link worker’s caseload').toBeTruthy();
  const [service] = await query<{ id: string; organization_id: string; name: string }>(
    `SELECT s.id, s.organization_id, s.name FROM directory_services s
       JOIN directory_organizations o ON o.id = s.organization_id
      WHERE o.name = 'Riverside Walking Friends' AND s.icb_id = $1 AND s.merged_into_id IS NULL
      ORDER BY s.name LIMIT 1`,
    [kase?.icb_id],
  );
  expect(service, 'a Riverside Walking Friends service').toBeTruthy();
  const [onward] = await query<{ id: string }>(
    `INSERT INTO onward_referrals (icb_id, pcn_id, referral_id, person_id, service_id, organization_id, kind,
        delivery, status, consent_recorded_by_user_id, consent_recorded_at, shared_fields, shared_details, note,
        capacity_at_send, service_status_at_send, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'referral', 'link', 'sent', $7, now(), '{name,contact,reason}', $8,
        'Prefers a morning walk.', 'open', 'active', $7)
     RETURNING id`,
    [
      kase?.icb_id,
      kase?.pcn_id,
      kase?.id,
      kase?.person_id,
      service?.id,
      service?.organization_id,
      workerId,
      JSON.stringify({ name: personName, phone: '07700 900456', reason: 'Would like to walk with others.' }),
    ],
  );
  return { caseId: kase?.id as string, onwardId: onward?.id as string, serviceName: service?.name as string };
}

test('an organisation without accounts answers through the emailed link and its one-time code; an expired link shows its page', async ({
  browser,
}) => {
  const { page: worker, me } = await signedInPage(browser, 'link_worker');
  const personName = `Robin Walker${String.fromCharCode(97 + randomInt(0, 26))}${randomInt(100, 999)}`;
  const sent = await referralToRiverside(me.user.id, personName);

  // The worker (re-)sends the secure link: the listing's referral address gets it.
  const resend = await worker.request.post(
    `/api/referrals/${sent.caseId}/onward-referrals/${sent.onwardId}/link/resend`,
    { headers: { 'X-CSRF-Token': me.csrfToken } },
  );
  expect(resend.status()).toBe(200);
  const { link: linkState } = (await resend.json()) as { link: { email: string; state: string } };
  expect(linkState.state).toBe('active');
  const email = (await emailsTo(linkState.email)).reverse().find((e) => e.text.includes('/referral-link#token='));
  expect(email?.subject).toContain(sent.serviceName);
  expect(email?.text).not.toContain(personName);
  const link = /https?:\/\/\S+\/referral-link#token=\S+/.exec(email?.text ?? '')?.[0] as string;

  // Someone at the organisation opens it: no sign-in, nothing about the person yet.
  const org = await (await browser.newContext()).newPage();
  await org.goto(link);
  await expect(org.getByRole('heading', { level: 1 })).toContainText(`A referral to ${sent.serviceName}`);
  await expect(org).toHaveURL(/\/referral-link$/); // the token left the address bar
  await expect(org.getByText(personName)).toHaveCount(0);
  await checkPage(org, 'referral-link-open');

  const codesBefore = (await emailsTo(linkState.email)).filter((e) => e.text.includes('one-time code is')).length;
  await org.getByRole('button', { name: 'Email me a code' }).click();
  await expect(org.getByLabel('Code from the email')).toBeVisible();
  await checkPage(org, 'referral-link-code');
  const codes = (await emailsTo(linkState.email)).filter((e) => e.text.includes('one-time code is'));
  expect(codes.length).toBe(codesBefore + 1);
  const code = /one-time code is (\d{6})/.exec(codes.at(-1)?.text ?? '')?.[1] as string;

  // A wrong code is named on the field; the right one opens the referral.
  await org.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
  await org.getByRole('button', { name: 'Continue' }).click();
  await expect(org.locator('.nhsuk-error-summary')).toContainText('Code is not right');
  await checkPage(org, 'referral-link-code-wrong');
  await org.getByLabel('Code from the email').fill(code);
  await org.getByRole('button', { name: 'Continue' }).click();
  await expect(org.getByRole('heading', { level: 1 })).toContainText(`Referral for ${personName}`);
  await expect(org.getByText('Would like to walk with others.')).toBeVisible();
  await checkPage(org, 'referral-link-referral');

  await org.getByRole('button', { name: 'Accept referral' }).click();
  await expect(org.getByRole('alert')).toContainText('Referral accepted');
  await expect(org.getByRole('heading', { name: 'Record attendance' })).toBeVisible();
  await checkPage(org, 'referral-link-accepted');
  const [row] = await query<{ status: string }>('SELECT status FROM onward_referrals WHERE id = $1', [sent.onwardId]);
  expect(row?.status).toBe('accepted');

  // Two weeks on, the link has expired: the same link shows the plain page, and nothing else.
  await query(`UPDATE onward_links SET expires_at = now() - interval '1 minute' WHERE onward_referral_id = $1`, [
    sent.onwardId,
  ]);
  const later = await (await browser.newContext()).newPage();
  await later.goto(link);
  await expect(later.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
  await expect(later.getByText(sent.serviceName)).toHaveCount(0);
  await checkPage(later, 'referral-link-ended');
});
