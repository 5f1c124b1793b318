import { randomInt } from 'node:crypto';
import { expect, test } from './fixtures.js';
import { E2E_NOTIFY_CALLBACK_TOKEN, E2E_NOTIFY_TEMPLATES } from './notify-settings.mjs';
import { notifyMessages } from './support/notify.js';
import { checkPage } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 14.5): a person who asked for texts is booked their first appointment → GOV.UK
// Notify (the fake the e2e server is given) is sent the appointment text → the case timeline shows
// it sent, and delivered once Notify's receipt arrives.

function testNhsNumber(): string {
  for (;;) {
    const nine = `9998${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}
const uniqueSuffix = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(0, 26))).join('');

test('the first appointment is texted through Notify and its delivery shows on the timeline', async ({ browser }) => {
  const referrer = await signedInPage(browser, 'referrer');
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const phone = `07700 900${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const family = `Textwell${uniqueSuffix()}`;

  // Set-up through the API: the practice refers someone who prefers texts; the lead allocates.
  const referred = await referrer.page.request.post('/api/referrals', {
    headers: { 'x-csrf-token': referrer.me.csrfToken, 'idempotency-key': crypto.randomUUID() },
    data: {
      person: {
        nhsNumber: testNhsNumber(),
        givenName: 'Tamsin',
        familyName: family,
        dateOfBirth: '1970-05-02',
        postcode: 'ls1 4ap',
        phone,
        preferredContact: 'text',
      },
      source: 'practice',
      reasons: ['loneliness'],
      urgencyRequested: 'routine',
      consentToReferral: true,
      consentToShare: true,
    },
  });
  expect(referred.status(), await referred.text()).toBe(201);
  const referralId = ((await referred.json()) as { id: string }).id;
  const leadHeaders = { 'x-csrf-token': lead.me.csrfToken };
  const current = await (await lead.page.request.get(`/api/referrals/${referralId}`)).json();
  const triaged = await lead.page.request.post(`/api/referrals/${referralId}/triage`, {
    headers: leadHeaders,
    data: { version: current.version, priority: 'routine', complexity: 'low', predictedPam: 3 },
  });
  expect(triaged.status(), await triaged.text()).toBe(200);
  const allocated = await lead.page.request.post(`/api/referrals/${referralId}/allocate`, {
    headers: leadHeaders,
    data: { version: (await triaged.json()).version, workerId: worker.me.user.id, overrideReason: 'End-to-end test' },
  });
  expect(allocated.status(), await allocated.text()).toBe(200);

  // The worker books the first appointment (by phone, in three days).
  const at = new Date(Date.now() + 3 * 86_400_000);
  at.setUTCMinutes(0, 0, 0);
  const booked = await worker.page.request.post(`/api/referrals/${referralId}/planned-contacts`, {
    headers: { 'x-csrf-token': worker.me.csrfToken },
    data: { at: at.toISOString(), mode: 'phone' },
  });
  expect(booked.status(), await booked.text()).toBe(201);

  // Notify is sent the appointment text: its template, the number, the day, the time, how and the team.
  await expect.poll(async () => (await notifyMessages(phone)).length, { timeout: 20_000 }).toBe(1);
  const [text] = await notifyMessages(phone);
  expect(text).toMatchObject({
    type: 'sms',
    templateId: E2E_NOTIFY_TEMPLATES.NOTIFY_TEMPLATE_FIRST_CONTACT_APPOINTMENT_SMS,
    personalisation: {
      how: 'by phone',
      date: expect.stringMatching(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$/),
      time: expect.stringMatching(/^\d{1,2}:\d{2}(am|pm)$/),
      team: expect.any(String),
    },
  });

  // The case timeline shows it sent; never the number.
  const w = worker.page;
  await w.goto(`/referrals/${referralId}/case`);
  await w.getByRole('tab', { name: 'Timeline' }).click();
  const entry = w.locator('.waymark-timeline__item--resident_message');
  await expect(entry.getByRole('heading', { name: 'First appointment details by text message' })).toBeVisible();
  await expect(entry.getByText('Sent', { exact: true })).toBeVisible();
  await expect(entry).not.toContainText(phone.replace(/\s+/g, ''));
  await expect(entry).not.toContainText(phone);
  await checkPage(w, 'case-timeline-resident-message');

  // Notify's delivery receipt arrives; the timeline says delivered.
  const receipt = await w.request.post('/api/notify/receipts', {
    headers: { authorization: `Bearer ${E2E_NOTIFY_CALLBACK_TOKEN}` },
    data: {
      id: text?.id,
      reference: text?.reference,
      to: phone,
      status: 'delivered',
      created_at: new Date().toISOString(),
      completed_at: new Date().toISOString(),
      sent_at: new Date().toISOString(),
      notification_type: 'sms',
    },
  });
  expect([receipt.status(), await receipt.json()]).toEqual([200, { updated: true }]);
  await w.reload();
  await w.getByRole('tab', { name: 'Timeline' }).click();
  await expect(entry.getByText('Delivered', { exact: true })).toBeVisible();
});
