import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotifyTemplateIds } from '../../config.js';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { fakeNotifyKey, type NotifyFake, startNotifyFake } from '../../test/notify-fake.js';
import { setUpTestApp } from '../../test/team.js';
import { waitUntil } from '../../test/toolkit.js';
import { queueResidentMessage } from './notifications.service.js';
import { deliverResidentMessages } from './resident-delivery.js';
import { startResidentDelivery } from './resident-delivery-job.js';
import { residentMessages } from './resident-messages.tables.js';
import { createNotifyNotifier } from './resident-notifier.js';

// Resident messages against a real PostgreSQL and a fake of GOV.UK Notify's API that checks the
// official client's JWT as Notify does. Messages are told apart by id (the fake records our id as
// Notify's `reference`), so tests that leave messages queued do not disturb the others.

const CALLBACK_TOKEN = 'receipt-token-for-tests-only';
const { ctx, tenancy } = setUpTestApp({ config: { NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN } });

// Synthetic template ids and recipients (Ofcom's drama range, example.org).
const TEMPLATES: NotifyTemplateIds = {
  'first_contact_appointment:sms': '11111111-1111-4111-8111-111111111111',
  'first_contact_appointment:email': '22222222-2222-4222-8222-222222222222',
  'contact_reminder:sms': '33333333-3333-4333-8333-333333333333',
};
const PHONE = '07700 900123';

function recordingLog() {
  const lines: { level: string; obj: unknown; msg: string }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      const msg = args.find((a) => typeof a === 'string');
      const obj = args.find((a) => typeof a === 'object');
      lines.push({ level, obj, msg: typeof msg === 'string' ? msg : '' });
    };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as never };
}
const silent = recordingLog().log;

let apiKey: string;
let fake: NotifyFake;
const notifier = () => createNotifyNotifier({ apiKey, baseUrl: fake.url, timeoutMs: 3_000 });

const rowOf = async (id: string) =>
  (
    await ctx.db.select().from(residentMessages).where(eq(residentMessages.id, id))
  )[0] as typeof residentMessages.$inferSelect;
const sentFor = (id: string) => fake.received.filter((r) => r.reference === id);

async function queue(extra: Partial<Parameters<typeof queueResidentMessage>[1]> = {}) {
  const queued = await ctx.db.transaction((tx) =>
    queueResidentMessage(tx, {
      icbId: tenancy.icbId,
      referralId: null,
      personId: null,
      kind: 'first_contact_appointment',
      channel: 'sms',
      recipient: PHONE,
      personalisation: { date: 'Tuesday 8 December', time: '10:30am', how: 'by phone', team: 'Test PCN' },
      ...extra,
    }),
  );
  if (!queued) throw new Error('not queued');
  return queued.id;
}

const receipt = (notifyId: string, extra: Record<string, unknown> = {}) => ({
  id: notifyId,
  reference: null,
  to: PHONE,
  status: 'delivered',
  created_at: '2026-12-06T12:15:30.000000Z',
  completed_at: '2026-12-06T12:15:35.000000Z',
  sent_at: '2026-12-06T12:15:31.000000Z',
  notification_type: 'sms',
  template_id: TEMPLATES['first_contact_appointment:sms'],
  template_version: 1,
  ...extra,
});
const postReceipt = (body: unknown, token: string | null = CALLBACK_TOKEN) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/notify/receipts',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    payload: body as Record<string, unknown>,
  });

beforeAll(async () => {
  apiKey = fakeNotifyKey();
  fake = await startNotifyFake({ apiKey });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.failNext(0);
});

describe('resident messages through GOV.UK Notify', () => {
  it('queued → sent through the official client (JWT accepted) → a receipt marks it delivered', async () => {
    const id = await queue();
    expect((await rowOf(id)).status).toBe('queued');

    const report = await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const [sent] = sentFor(id);
    expect(sent).toMatchObject({
      type: 'sms',
      templateId: TEMPLATES['first_contact_appointment:sms'],
      to: PHONE,
      personalisation: { date: 'Tuesday 8 December', time: '10:30am', how: 'by phone', team: 'Test PCN' },
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', notifyId: sent?.id, attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();

    const res = await postReceipt(receipt(sent?.id as string));
    expect([res.statusCode, res.json()]).toEqual([200, { updated: true }]);
    const after = await rowOf(id);
    expect(after.status).toBe('delivered');
    expect(after.statusAt?.toISOString()).toBe('2026-12-06T12:15:35.000Z');

    // Sent once: a later run finds nothing of it to send again.
    await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(sentFor(id)).toHaveLength(1);
  });

  it('emails go to /v2/notifications/email with the email template', async () => {
    const id = await queue({ channel: 'email', recipient: 'resident@example.org' });
    await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(sentFor(id)).toEqual([
      expect.objectContaining({
        type: 'email',
        to: 'resident@example.org',
        templateId: TEMPLATES['first_contact_appointment:email'],
      }),
    ]);
  });

  it('without NOTIFY_API_KEY nothing is sent: messages wait, queued, and the log names the setting once', async () => {
    const id = await queue();
    const { lines, log } = recordingLog();
    const reportedMissing = new Set<string>();
    const first = await deliverResidentMessages(ctx.db, { notifier: null, templates: TEMPLATES, log, reportedMissing });
    const second = await deliverResidentMessages(ctx.db, {
      notifier: null,
      templates: TEMPLATES,
      log,
      reportedMissing,
    });
    expect(first.sent + second.sent).toBe(0);
    expect(first.notConfigured).toBeGreaterThanOrEqual(1);
    expect(sentFor(id)).toHaveLength(0);
    expect(await rowOf(id)).toMatchObject({ status: 'queued', attempts: 0, notifyId: null });
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain('NOTIFY_API_KEY');
    expect(JSON.stringify(lines)).not.toContain('900123');
  });

  it("a kind whose template id is missing waits the same way; the log names that template's setting", async () => {
    const id = await queue({ kind: 'contact_reminder', channel: 'email', recipient: 'no-template@example.org' });
    const { lines, log } = recordingLog();
    const report = await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log });
    expect(report.notConfigured).toBeGreaterThanOrEqual(1);
    expect(sentFor(id)).toHaveLength(0);
    expect((await rowOf(id)).status).toBe('queued');
    expect(lines.map((l) => l.msg)).toContainEqual(expect.stringContaining('NOTIFY_TEMPLATE_CONTACT_REMINDER_EMAIL'));
    expect(JSON.stringify(lines)).not.toContain('no-template@example.org');
    // Once the template is configured, it goes.
    await deliverResidentMessages(ctx.db, {
      notifier: notifier(),
      templates: { ...TEMPLATES, 'contact_reminder:email': '44444444-4444-4444-8444-444444444444' },
      log: silent,
    });
    expect(sentFor(id)).toHaveLength(1);
  });

  it('a key Notify refuses (JWT signed with another secret): the attempt is recorded as failed and retried later', async () => {
    const id = await queue();
    // The same service id with a wrong secret: the fake's signature check fails, as Notify's would.
    const wrongKey = `${apiKey.slice(0, -36)}${fakeNotifyKey().slice(-36)}`;
    const refusedBefore = fake.refusedAuth;
    const bad = createNotifyNotifier({ apiKey: wrongKey, baseUrl: fake.url, timeoutMs: 3_000 });
    const report = await deliverResidentMessages(ctx.db, {
      notifier: bad,
      templates: TEMPLATES,
      log: silent,
      retryBaseMs: 200,
    });
    expect(report.failed).toBe(1); // the run stops: every message would be refused the same way
    expect(fake.refusedAuth).toBe(refusedBefore + 1);
    const failed = await rowOf(id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, notifyId: null });
    expect(failed.lastError).toContain('403');
    expect(failed.lastError).toContain('AuthError');
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Before the backoff has run out, not even the right key retries it.
    await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(sentFor(id)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(sentFor(id)).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('Notify down (500): retried with backoff until it answers', async () => {
    const id = await queue();
    fake.failNext(1, 500);
    const opts = { notifier: notifier(), templates: TEMPLATES, log: silent, retryBaseMs: 100 };
    await deliverResidentMessages(ctx.db, opts);
    expect(await rowOf(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await rowOf(id)).lastError).toContain('500');
    await new Promise((r) => setTimeout(r, 150));
    await deliverResidentMessages(ctx.db, opts);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a number Notify says is not a mobile is not delivered and not retried', async () => {
    const id = await queue({ recipient: '01632 960123' });
    const report = await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    expect(report.undeliverable).toBe(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'permanent-failure', attempts: 1 });
    expect(row.lastError).toContain('Not a UK mobile number');
  });

  it('a dedupe key queues a message once', async () => {
    const key = `test:${crypto.randomUUID()}`;
    const first = await ctx.db.transaction((tx) =>
      queueResidentMessage(tx, {
        icbId: tenancy.icbId,
        referralId: null,
        personId: null,
        kind: 'contact_reminder',
        channel: 'sms',
        recipient: PHONE,
        personalisation: {},
        dedupeKey: key,
      }),
    );
    const second = await ctx.db.transaction((tx) =>
      queueResidentMessage(tx, {
        icbId: tenancy.icbId,
        referralId: null,
        personId: null,
        kind: 'contact_reminder',
        channel: 'sms',
        recipient: PHONE,
        personalisation: {},
        dedupeKey: key,
      }),
    );
    expect(first).toEqual({ id: expect.any(String) });
    expect(second).toBeNull();
    expect(await ctx.db.select().from(residentMessages).where(eq(residentMessages.dedupeKey, key))).toHaveLength(1);
  });

  it('a message queued in a transaction that rolls back is never sent', async () => {
    let id = '';
    await expect(
      ctx.db.transaction(async (tx) => {
        id = (
          await queueResidentMessage(tx, {
            icbId: tenancy.icbId,
            referralId: null,
            personId: null,
            kind: 'first_contact_appointment',
            channel: 'sms',
            recipient: PHONE,
            personalisation: {},
          })
        )?.id as string;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowOf(id)).toBeUndefined();
  });
});

describe('the delivery job', () => {
  let jobs: Jobs;
  beforeAll(async () => {
    jobs = await startJobs({ url: ctx.database.url, log: silent });
  });
  afterAll(async () => {
    await jobs?.stop();
  });

  it('sends a queued message when triggered (pg-boss), as the app does after a commit', async () => {
    const delivery = await startResidentDelivery({
      boss: jobs.boss,
      db: ctx.db,
      config: { NOTIFY_API_KEY: apiKey, NOTIFY_BASE_URL: fake.url, notifyTemplates: TEMPLATES },
      log: silent,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const id = await queue();
      await delivery.trigger();
      await waitUntil(() => sentFor(id).length === 1 || null, { what: 'the message sent by the job' });
      await waitUntil(async () => ((await rowOf(id)).status === 'sent' ? true : null), { what: "'sent' recorded" });
    } finally {
      await delivery.stop();
    }
  });
});

describe('delivery receipts (POST /api/notify/receipts)', () => {
  let notifyId: string;
  let id: string;
  beforeAll(async () => {
    id = await queue();
    await deliverResidentMessages(ctx.db, { notifier: notifier(), templates: TEMPLATES, log: silent });
    notifyId = (await rowOf(id)).notifyId as string;
  });

  it('a wrong or missing token: 401 and nothing changed', async () => {
    for (const token of ['not-the-token', null, `${CALLBACK_TOKEN}x`]) {
      const res = await postReceipt(receipt(notifyId, { status: 'permanent-failure' }), token);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('an id we never sent: 200, nothing changed', async () => {
    const res = await postReceipt(receipt(crypto.randomUUID()));
    expect([res.statusCode, res.json()]).toEqual([200, { updated: false }]);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['status', { status: 'lost' }],
    ['notification_type', { notification_type: 'letter' }],
    ['completed_at', { completed_at: 'yesterday' }],
    ['to', { to: undefined }],
  ])('a bad %s: 400 naming the field, nothing changed', async (field, change) => {
    const res = await postReceipt(receipt(notifyId, { status: 'permanent-failure', ...change }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(field);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('a failure receipt shows the failure; a late "sending" never undoes a final status', async () => {
    const res = await postReceipt(receipt(notifyId, { status: 'temporary-failure' }));
    expect(res.statusCode).toBe(200);
    expect((await rowOf(id)).status).toBe('temporary-failure');
    await postReceipt(receipt(notifyId, { status: 'sending', completed_at: null }));
    expect((await rowOf(id)).status).toBe('temporary-failure');
  });
});
