import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { E2E_NOTIFY_TEMPLATES } from './notify-settings.mjs';
import { notifyMessages } from './support/notify.js';
import { checkPage, screenshot } from './support/page-checks.js';
import { signedInPage } from './support/sign-in.js';

// Journey (issue 15): a video contact is booked → the person is texted a one-time link → on a
// phone-sized screen they check their camera and microphone and wait → the worker admits them →
// both sides receive media (getStats: inbound bytes grow) → the worker ends the call → the contact
// is recorded with its duration. A link that cannot be used shows its one plain page. Chromium
// runs with a fake camera and microphone, allowed without asking (playwright.config.ts).

function testNhsNumber(): string {
  for (;;) {
    const nine = `9997${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

// Every RTCPeerConnection the page makes, kept where the test can read its statistics (browser
// code, as text: the e2e files are compiled without the DOM's types).
const KEEP_PEER_CONNECTIONS = {
  content: `(() => {
    const Native = window.RTCPeerConnection;
    const kept = [];
    window.__peerConnections = kept;
    window.RTCPeerConnection = class extends Native {
      constructor(config) { super(config); kept.push(this); }
    };
  })();`,
};
const inboundBytes = (page: Page): Promise<number> =>
  page.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.__peerConnections ?? []) {
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp') bytes += r.bytesReceived ?? 0; });
    }
    return bytes;
  })()`);

test('the person waits, the worker admits, both receive media, the worker ends and records the contact', async ({
  browser,
}) => {
  const referrer = await signedInPage(browser, 'referrer');
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const phone = `07700 901${String(randomInt(0, 1000)).padStart(3, '0')}`;

  // Set-up through the API: a person who prefers texts is referred, triaged and allocated.
  const referred = await referrer.page.request.post('/api/referrals', {
    headers: { 'x-csrf-token': referrer.me.csrfToken, 'idempotency-key': crypto.randomUUID() },
    data: {
      person: {
        nhsNumber: testNhsNumber(),
        givenName: 'Vida',
        familyName: `Callwell${randomInt(0, 1_000_000)}`,
        dateOfBirth: '1966-03-04',
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

  // The worker books a contact by video in five minutes: the person is texted the link.
  const booked = await worker.page.request.post(`/api/referrals/${referralId}/planned-contacts`, {
    headers: { 'x-csrf-token': worker.me.csrfToken },
    data: { at: new Date(Date.now() + 5 * 60_000).toISOString(), mode: 'video' },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const linkText = async () =>
    (await notifyMessages(phone)).find((m) => m.templateId === E2E_NOTIFY_TEMPLATES.NOTIFY_TEMPLATE_VIDEO_LINK_SMS);
  await expect.poll(async () => (await linkText()) !== undefined, { timeout: 20_000 }).toBe(true);
  const link = (await linkText())?.personalisation.link ?? '';
  expect(link).toMatch(/\/video#token=[A-Za-z0-9_-]{43}$/);
  const appointments = await (await worker.page.request.get(`/api/referrals/${referralId}/video-appointments`)).json();
  const appointmentId = appointments.appointments[0].id as string;

  // The person, on a phone-sized screen, with no sign-in: device check, then the waiting room.
  const personContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await personContext.addInitScript(KEEP_PEER_CONNECTIONS);
  const them = await personContext.newPage();
  await them.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(them).toHaveURL(/\/video$/); // the token left the address bar
  await them.getByRole('button', { name: 'Allow camera and microphone' }).click();
  await expect(them.getByRole('button', { name: 'Join the waiting room' })).toBeVisible();
  await checkPage(them, 'video-device-check-390');
  await them.getByRole('button', { name: 'Join the waiting room' }).click();
  await expect(them.getByRole('heading', { name: 'Please wait' })).toBeVisible();
  await expect(them.getByText('knows you are here')).toBeVisible();
  await checkPage(them, 'video-waiting-room-390');

  // The worker opens the call, sees the person waiting, admits them.
  const w = worker.page;
  await w.context().addInitScript(KEEP_PEER_CONNECTIONS);
  await w.goto(`/video/call/${referralId}/${appointmentId}`);
  await w.getByRole('button', { name: 'Start camera and microphone' }).click();
  await expect(w.getByText('The person is in the waiting room.')).toBeVisible();
  await checkPage(w, 'video-worker-waiting');
  await w.getByRole('button', { name: 'Admit them' }).click();

  // Both sides receive media: the bytes coming in grow on each.
  await expect(w.getByRole('button', { name: 'End call' })).toBeVisible();
  await expect(them.getByRole('button', { name: 'Mute' })).toBeVisible();
  for (const page of [w, them]) {
    await expect.poll(() => inboundBytes(page), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await inboundBytes(page);
    await expect.poll(() => inboundBytes(page), { timeout: 10_000 }).toBeGreaterThan(first);
  }
  await screenshot(w, 'video-call-desktop');
  await screenshot(them, 'video-call-390');

  // The worker ends the call; the contact is offered with its times and recorded.
  await w.getByRole('button', { name: 'End call' }).click();
  await expect(them.getByRole('heading', { name: 'Your appointment has ended' })).toBeVisible();
  await expect(w.getByRole('heading', { name: 'The call has ended' })).toBeVisible();
  await expect(w.getByTestId('call-duration')).toHaveText(/^\d+ minutes?$/);
  await checkPage(w, 'video-after-call');
  await w.getByRole('button', { name: 'Record this contact (attended, by video)' }).click();
  await expect(w.getByText('The contact by video is recorded on the case.')).toBeVisible();
  const record = await (await w.request.get(`/api/referrals/${referralId}/case`)).json();
  expect(JSON.stringify(record)).toContain('"mode":"video"');

  // The link is spent: opening it again shows the one plain page.
  const again = await personContext.newPage();
  await again.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(again.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await checkPage(again, 'video-link-unavailable-390');
});

// An expired link gets the very same answer as an unknown one (video-links.db.test.ts shows it).
test('an expired or unknown link shows the one plain page', async ({ page }) => {
  await page.goto(`/video#token=${'A'.repeat(43)}`);
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await checkPage(page, 'video-link-unavailable');
});
