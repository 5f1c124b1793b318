import { randomInt } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
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
// Every WebSocket too, so that a test can drop one as a changed network would.
const KEEP_SOCKETS = {
  content: `(() => {
    const Native = window.WebSocket;
    const kept = [];
    window.__sockets = kept;
    window.WebSocket = class extends Native {
      constructor(url, protocols) { super(url, protocols); kept.push(this); }
    };
  })();`,
};
/** Bytes received so far of one kind of media on the page's live peer connections. */
const inboundOf = (page: Page, kind: 'audio' | 'video'): Promise<number> =>
  page.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.__peerConnections ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === '${kind}') bytes += r.bytesReceived ?? 0;
      });
    }
    return bytes;
  })()`);
/** The ICE username fragment of the worker's live peer connection: an ICE restart changes it. */
const iceUfrag = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const pc = window.__peerConnections.filter((p) => p.connectionState !== 'closed').at(-1);
    return /a=ice-ufrag:(\\S+)/.exec(pc?.localDescription?.sdp ?? '')?.[1] ?? '';
  })()`);
/** The id of the track the page sends as its picture (camera or screen), or '' for none. */
const sentPicture = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const pc = window.__peerConnections.filter((p) => p.connectionState !== 'closed').at(-1);
    return pc?.getSenders().find((s) => s.track && s.track.kind === 'video')?.track.id ?? '';
  })()`);
const peerConnectionCount = (page: Page): Promise<number> => page.evaluate('window.__peerConnections.length');

const inboundBytes = (page: Page): Promise<number> =>
  page.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.__peerConnections ?? []) {
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp') bytes += r.bytesReceived ?? 0; });
    }
    return bytes;
  })()`);

/**
 * Set-up through the API: a person who prefers texts is referred, triaged and allocated to the
 * link worker, who books a contact by video in five minutes; the person is texted the link.
 */
async function bookedVideoCall(browser: Browser) {
  const referrer = await signedInPage(browser, 'referrer');
  const lead = await signedInPage(browser, 'team_lead');
  const worker = await signedInPage(browser, 'link_worker');
  const phone = `07700 901${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const familyName = `Callwell${randomInt(0, 1_000_000)}`;

  const referred = await referrer.page.request.post('/api/referrals', {
    headers: { 'x-csrf-token': referrer.me.csrfToken, 'idempotency-key': crypto.randomUUID() },
    data: {
      person: {
        nhsNumber: testNhsNumber(),
        givenName: 'Vida',
        familyName,
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
  return { worker, referralId, appointmentId, familyName, path: link.replace(/^https?:\/\/[^/]+/, '') };
}

/** The person's phone-sized page, through the device check into the waiting room. */
async function personWaits(browser: Browser, path: string, check?: (page: Page, name: string) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(KEEP_PEER_CONNECTIONS);
  await context.addInitScript(KEEP_SOCKETS);
  const them = await context.newPage();
  await them.goto(path);
  await expect(them).toHaveURL(/\/video$/); // the token left the address bar
  await them.getByRole('button', { name: 'Allow camera and microphone' }).click();
  await expect(them.getByRole('button', { name: 'Join the waiting room' })).toBeVisible();
  await check?.(them, 'video-device-check-390');
  await them.getByRole('button', { name: 'Join the waiting room' }).click();
  await expect(them.getByRole('heading', { name: 'Please wait' })).toBeVisible();
  await expect(them.getByText('knows you are here')).toBeVisible();
  await check?.(them, 'video-waiting-room-390');
  return { context, them };
}

/** Both sides receive media: the bytes coming in grow on each. */
async function mediaFlows(...pages: Page[]) {
  for (const page of pages) {
    await expect.poll(() => inboundBytes(page), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await inboundBytes(page);
    await expect.poll(() => inboundBytes(page), { timeout: 10_000 }).toBeGreaterThan(first);
  }
}

test('the person waits, the worker admits, both receive media, the worker ends and records the contact', async ({
  browser,
}) => {
  const { worker, referralId, appointmentId, path } = await bookedVideoCall(browser);

  // The person, on a phone-sized screen, with no sign-in: device check, then the waiting room.
  const { context: personContext, them } = await personWaits(browser, path, checkPage);

  // The worker opens the call, sees the person waiting, admits them.
  const w = worker.page;
  await w.context().addInitScript(KEEP_PEER_CONNECTIONS);
  await w.goto(`/video/call/${referralId}/${appointmentId}`);
  await w.getByRole('button', { name: 'Start camera and microphone' }).click();
  await expect(w.getByText('The person is in the waiting room.')).toBeVisible();
  await checkPage(w, 'video-worker-waiting');
  await w.getByRole('button', { name: 'Admit them' }).click();

  await expect(w.getByRole('button', { name: 'End call' })).toBeVisible();
  await expect(them.getByRole('button', { name: 'Mute' })).toBeVisible();
  await mediaFlows(w, them);
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
  await again.goto(path);
  await expect(again.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  // The team it came from, with their phone number to call.
  await expect(again.getByRole('link', { name: /^[0-9 ]+$/ })).toHaveAttribute('href', /^tel:\d+$/);
  await checkPage(again, 'video-link-unavailable-390');
});

test('the caseload shows who waits; a dropped connection comes back into the same call; audio only; screen sharing', async ({
  browser,
}) => {
  const { worker, referralId, appointmentId, path, familyName } = await bookedVideoCall(browser);
  const w = worker.page;
  await w.goto('/caseload');
  await expect(w.getByRole('heading', { name: 'Your caseload' })).toBeVisible();
  await expect(w.getByText('Waiting for video call')).toHaveCount(0);

  // Live, without a reload: the caseload marks the case and offers the call.
  const { them } = await personWaits(browser, path);
  await expect(w.getByText('Someone is in the video waiting room')).toBeVisible();
  await expect(w.getByRole('row', { name: new RegExp(familyName) }).getByText('Waiting for video call')).toBeVisible();
  await expect(w.getByRole('link', { name: /join the video call/ })).toHaveAttribute(
    'href',
    `/video/call/${referralId}/${appointmentId}`,
  );
  await checkPage(w, 'video-caseload-waiting');

  await w.context().addInitScript(KEEP_PEER_CONNECTIONS);
  await w.goto(`/video/call/${referralId}/${appointmentId}`);
  await w.getByRole('button', { name: 'Start camera and microphone' }).click();
  await w.getByRole('button', { name: 'Admit them' }).click();
  await mediaFlows(w, them);

  // The phone's network changes: its signalling socket drops. The page reconnects in its own
  // place, with no new link, and the worker restarts ICE on the same peer connections.
  const ufrag = await iceUfrag(w);
  expect(ufrag).not.toBe('');
  await them.evaluate('window.__sockets.at(-1).close()');
  await expect.poll(() => them.evaluate('window.__sockets.length')).toBe(2);
  await expect.poll(() => iceUfrag(w), { timeout: 15_000 }).not.toBe(ufrag);
  expect(await peerConnectionCount(them)).toBe(1);
  expect(await peerConnectionCount(w)).toBe(1);
  await mediaFlows(w, them);
  await expect(them.getByRole('button', { name: 'Mute' })).toBeVisible();

  // The person switches to audio only: their camera stops; the worker hears them still.
  await them.getByRole('button', { name: 'Switch to audio only' }).click();
  await expect(them.getByTestId('audio-only')).toBeVisible();
  expect(await sentPicture(them)).toBe('');
  await expect
    .poll(
      async () => {
        const before = await inboundOf(w, 'video');
        await w.waitForTimeout(1_500);
        return (await inboundOf(w, 'video')) - before;
      },
      { timeout: 20_000 },
    )
    .toBe(0);
  const heard = await inboundOf(w, 'audio');
  await expect.poll(() => inboundOf(w, 'audio'), { timeout: 10_000 }).toBeGreaterThan(heard);

  // The worker shares their screen in place of the camera, then stops.
  const camera = await sentPicture(w);
  await w.getByRole('button', { name: 'Share screen' }).click();
  await expect(w.getByText('You are sharing your screen.')).toBeVisible();
  await expect.poll(() => sentPicture(w)).not.toBe(camera);
  const seen = await inboundOf(them, 'video');
  await expect.poll(() => inboundOf(them, 'video'), { timeout: 10_000 }).toBeGreaterThan(seen);
  await screenshot(w, 'video-call-sharing');
  await w.getByRole('button', { name: 'Stop sharing' }).click();
  await expect.poll(() => sentPicture(w)).toBe(camera);

  await w.getByRole('button', { name: 'End call' }).click();
  await expect(them.getByRole('heading', { name: 'Your appointment has ended' })).toBeVisible();
});

// An expired link gets the very same answer as an unknown one (video-links.db.test.ts shows it).
test('an expired or unknown link shows the one plain page', async ({ page }) => {
  await page.goto(`/video#token=${'A'.repeat(43)}`);
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await checkPage(page, 'video-link-unavailable');
});
