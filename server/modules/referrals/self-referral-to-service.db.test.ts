import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { outbox } from '../notifications/notifications.tables.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { onwardEvents, onwardLinks, onwardReferrals } from '../onward-referrals/onward-referrals.tables.js';
import {
  createPartnerService,
  createTestOnward,
  linkListing,
  setReferralSettings,
  type TestService,
} from '../onward-referrals/test-onward.js';
import { people } from '../people/people.tables.js';
import { referrals } from './referrals.tables.js';
import { beginSelfReferral } from './test-self-referrals.js';

// A resident refers themselves straight to a community group whose listing takes self-referrals
// (issue 14, point 3), over HTTP: the listing says so, the answers reach the organisation's inbox
// (or a secure link by email) as an onward referral of source 'self', the partner answers it as
// any other, the person is sent the reference and can check where it stands. Nothing reaches a
// PCN team, and a refused request stores nothing.

const { ctx, tenancy, partner, tom } = setUpTestApp({
  config: { SELF_REFERRAL_RATE_LIMIT: '50', SIGN_IN_RATE_LIMIT: '1000' },
  team: { partner: 'vcs_partner', tom: 'link_worker' },
});
const { get, post } = requestsAs(ctx);

let walking: TestService;
let byLink: { id: string };
let closedToSelf: TestService;
let address = 0;
const nextAddress = () => `203.0.113.${(address++ % 250) + 1}`;

beforeAll(async () => {
  walking = await createPartnerService(ctx.db, tenancy, 'Seafront Walking Group');
  await setReferralSettings(ctx.db, walking.id, { takesSelfReferrals: true });
  // A team's referral to the same group: the organisation's figures hold both kinds.
  await createTestOnward(ctx.db, tenancy, tom, walking, { createdAt: new Date() });
  byLink = await linkListing(ctx.db, tenancy, { name: 'Allotment Friends' });
  await setReferralSettings(ctx.db, byLink.id, {
    takesSelfReferrals: true,
    referralEmail: 'allotment@group.test.example',
  });
  closedToSelf = await createPartnerService(ctx.db, tenancy, 'Memory Cafe');
});

const answers = (overrides: Record<string, unknown> = {}) => ({
  forWhom: 'self',
  givenName: 'Alex',
  familyName: 'Testwalker',
  dateOfBirth: '1958-02-03',
  postcode: 'NE2 1AB',
  preferredContact: 'text',
  phone: '07700 900 456',
  contactTimes: 'Afternoons',
  details: 'I would like to get out more.',
  accessibilityNeeds: 'I walk slowly',
  consentToShare: true,
  ...overrides,
});

const send = async (serviceId: string, body: Record<string, unknown> = {}, key: string = randomUUID()) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/public/self-referrals',
    payload: {
      serviceId,
      answers: answers(),
      formToken: await beginSelfReferral(ctx, 60, nextAddress()),
      ...body,
    },
    headers: { 'idempotency-key': key },
    remoteAddress: nextAddress(),
  });

const onwardCount = async () => (await ctx.db.select({ n: count() }).from(onwardReferrals))[0]?.n ?? 0;
const rowByReference = async (reference: string) => {
  const rows = await ctx.db.select().from(onwardReferrals).where(eq(onwardReferrals.source, 'self'));
  return rows.find((r) => `OR-${r.id.slice(0, 8).toUpperCase()}` === reference);
};
const status = (reference: string, dateOfBirth: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/public/self-referrals/status',
    payload: { reference, dateOfBirth },
    remoteAddress: nextAddress(),
  });

describe('the public listing', () => {
  it('says whether a resident can refer themselves to it', async () => {
    const open = await ctx.app.inject({ method: 'GET', url: `/api/public/directory/services/${walking.id}` });
    expect(open.json().self_referral).toBe(true);
    const closed = await ctx.app.inject({ method: 'GET', url: `/api/public/directory/services/${closedToSelf.id}` });
    expect(closed.json().self_referral).toBe(false);
  });
});

describe('a self-referral to a group with a partner inbox', () => {
  it('reaches the inbox as a self-referral, with the event, audit, partner notice and the text to the person', async () => {
    const referralsBefore = (await ctx.db.select({ n: count() }).from(referrals))[0]?.n;
    const peopleBefore = (await ctx.db.select({ n: count() }).from(people))[0]?.n;
    const res = await send(walking.id);
    expect(res.statusCode).toBe(201);
    const { reference } = res.json() as { reference: string };
    expect(reference).toMatch(/^OR-[0-9A-F]{8}$/);
    const row = await rowByReference(reference);
    expect(row).toMatchObject({
      source: 'self',
      kind: 'referral',
      status: 'sent',
      delivery: 'inbox',
      serviceId: walking.id,
      vcsOrganisationId: tenancy.vcsOrganisationId,
      pcnId: null,
      referralId: null,
      personId: null,
      createdByUserId: null,
      sharedDetails: {
        name: 'Alex Testwalker',
        dateOfBirth: '1958-02-03',
        phone: '07700900456',
        contactTimes: 'Afternoons',
        reason: 'I would like to get out more.',
        accessNeeds: 'I walk slowly',
      },
    });
    expect(row?.consentRecordedAt).not.toBeNull();
    expect(row?.replyDueOn).not.toBeNull();
    // No team, case or person record anywhere.
    expect((await ctx.db.select({ n: count() }).from(referrals))[0]?.n).toBe(referralsBefore);
    expect((await ctx.db.select({ n: count() }).from(people))[0]?.n).toBe(peopleBefore);
    const id = row?.id as string;
    const events = await ctx.db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, id));
    expect(events.map((e) => [e.type, e.via, e.actorUserId])).toEqual([['sent', 'system', null]]);
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'onward.self-referral')));
    expect(audit).toMatchObject({ outcome: 'success', icbId: tenancy.icbId, actorUserId: null });
    const [message] = await ctx.db.select().from(residentMessages).where(eq(residentMessages.recipient, '07700900456'));
    expect(message).toMatchObject({
      kind: 'self_referral_confirmation',
      channel: 'sms',
      personalisation: { reference, team: 'Seafront Walking Group' },
    });
    const emails = await ctx.db.select().from(outbox);
    const notice = emails.find((e) => JSON.stringify(e.payload).includes(`/partner/referrals/${id}`));
    expect(JSON.stringify(notice?.payload)).toContain('Someone has sent a referral to Seafront Walking Group');
    expect(JSON.stringify(notice?.payload)).not.toContain('Testwalker');
  });

  it('the partner sees it marked as a self-referral, opens it and accepts it like any other', async () => {
    const { reference } = (await send(walking.id, { answers: answers({ givenName: 'Sam' }) })).json();
    const row = await rowByReference(reference);
    const inbox = await get(partner, '/api/partner/referrals?tab=new');
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json().items.find((i: { id: string }) => i.id === row?.id);
    expect(item).toMatchObject({ source: 'self', personName: 'Sam Testwalker', reference });
    const opened = await get(partner, `/api/partner/referrals/${row?.id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      source: 'self',
      referredBy: { name: 'Sam Testwalker', team: 'Self-referral', email: null },
      sharedDetails: { dateOfBirth: '1958-02-03', postcode: 'NE2 1AB' },
    });
    const accepted = await post(partner, `/api/partner/referrals/${row?.id}/accept`, {
      version: opened.json().version,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const attended = await post(partner, `/api/partner/referrals/${row?.id}/attendance`, {
      version: accepted.json().version,
      kind: 'attended',
      on: today,
    });
    expect(attended.statusCode).toBe(200);
    // The organisation's impact counts the person (no case, so no measures to compare).
    const impact = await get(partner, '/api/partner/impact');
    expect(impact.statusCode).toBe(200);
    expect(JSON.stringify(impact.json())).toContain('Seafront Walking Group');

    const checked = await status(reference, '1958-02-03');
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({
      reference,
      status: 'accepted',
      title: 'Accepted',
      team: { name: 'Seafront Walking Group' },
    });
  });

  it('someone referring with the person’s agreement is who the partner answers', async () => {
    const res = await send(walking.id, {
      answers: answers({
        forWhom: 'someone_else',
        onBehalfName: 'Jo Helper',
        onBehalfRelationship: 'daughter',
        onBehalfEmail: 'jo@example.com',
        givenName: 'Kim',
        personAgreed: true,
      }),
    });
    expect(res.statusCode).toBe(201);
    const row = await rowByReference(res.json().reference);
    const opened = await get(partner, `/api/partner/referrals/${row?.id}`);
    expect(opened.json().referredBy).toEqual({
      name: 'Jo Helper',
      team: 'Self-referral, made by their daughter',
      email: 'jo@example.com',
    });
  });

  it('a double submit with one idempotency key makes one referral', async () => {
    const key = randomUUID();
    const formToken = await beginSelfReferral(ctx, 60, nextAddress());
    const before = await onwardCount();
    const body = { formToken, answers: answers({ givenName: 'Idem' }) };
    const [a, b] = [await send(walking.id, body, key), await send(walking.id, body, key)];
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().reference).toBe(a.json().reference);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await onwardCount()).toBe(before + 1);
  });
});

describe('the same person again within a day', () => {
  it('is folded into their first referral as a note (one row, the same reference, audited, not texted again)', async () => {
    const first = await send(walking.id, { answers: answers({ givenName: 'Robin', phone: '07700 900 600' }) });
    const before = await onwardCount();
    const again = await send(walking.id, {
      answers: answers({ givenName: 'robin', phone: '07700900600', details: 'Can I bring my dog?' }),
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().reference).toBe(first.json().reference);
    expect(await onwardCount()).toBe(before);
    const row = await rowByReference(first.json().reference);
    expect(row?.note).toMatch(/^Sent again on .+ They said: Can I bring my dog\?/);
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, row?.id as string), eq(auditEvents.action, 'onward.self-referral-folded')));
    expect(audit?.outcome).toBe('success');
    const texts = await ctx.db.select().from(residentMessages).where(eq(residentMessages.recipient, '07700900600'));
    expect(texts).toHaveLength(1);
    // Another person of the same name and birthday (nothing else in common) is a referral of their own.
    const other = await send(walking.id, {
      answers: answers({ givenName: 'Robin', phone: '07700 900 601', postcode: 'TS5 1UX' }),
    });
    expect(other.json().reference).not.toBe(first.json().reference);
    expect(await onwardCount()).toBe(before + 1);
  });
});

describe('a self-referral to a group without Waymark accounts', () => {
  it('is sent by secure link to the group’s address, naming no one, with no worker behind it', async () => {
    const res = await send(byLink.id, { answers: answers({ givenName: 'Lee', preferredContact: 'letter' }) });
    expect(res.statusCode).toBe(201);
    const row = await rowByReference(res.json().reference);
    expect(row).toMatchObject({ delivery: 'link', vcsOrganisationId: null, source: 'self' });
    const [link] = await ctx.db
      .select()
      .from(onwardLinks)
      .where(eq(onwardLinks.onwardReferralId, row?.id as string));
    expect(link).toMatchObject({ email: 'allotment@group.test.example', createdByUserId: null });
    const emails = await ctx.db.select().from(outbox);
    const sent = emails.find((e) => JSON.stringify(e.payload).includes('allotment@group.test.example'));
    expect(JSON.stringify(sent?.payload)).toContain('Someone has referred themselves to Allotment Friends');
    expect(JSON.stringify(sent?.payload)).not.toContain('Lee');
    // A letter was asked for: no text or email to the person.
    const messages = await ctx.db.select().from(residentMessages);
    expect(messages.filter((m) => m.personalisation.reference === res.json().reference)).toHaveLength(0);
  });
});

describe('bad input and closed doors', () => {
  it('a group that does not take self-referrals is refused naming serviceId, and nothing is stored or used up', async () => {
    const before = await onwardCount();
    const formToken = await beginSelfReferral(ctx, 60, nextAddress());
    const res = await send(closedToSelf.id, { formToken });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'serviceId', message: expect.stringMatching(/does not take self-referrals/) },
    ]);
    expect(await onwardCount()).toBe(before);
    // The start token was not spent: the same journey may still send to a group that takes it.
    expect((await send(walking.id, { formToken })).statusCode).toBe(201);
  });

  it('every problem with the answers at once, each naming its field, and nothing stored', async () => {
    const before = await onwardCount();
    const res = await send(walking.id, {
      answers: answers({ dateOfBirth: '2099-01-01', consentToShare: false, preferredContact: 'email', email: '' }),
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['consentToShare', 'dateOfBirth', 'email']);
    expect(await onwardCount()).toBe(before);
  });

  it('an unknown service id is refused naming serviceId', async () => {
    const res = await send(randomUUID());
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'serviceId', message: 'is not a group in the directory' }]);
  });

  it('a page check of the group journey answers only its own questions (and the listing’s state)', async () => {
    const check = (serviceId: string, fields: string[]) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/public/self-referral/check',
        payload: { serviceId, answers: answers({ givenName: '', practiceId: undefined }), fields },
        remoteAddress: nextAddress(),
      });
    const names = await check(walking.id, ['givenName', 'familyName']);
    expect(names.statusCode).toBe(200);
    expect(names.json().errors.map((e: { field: string }) => e.field)).toEqual(['givenName']);
    // The GP surgery is not asked on this journey: no error for it.
    expect((await check(walking.id, ['practiceId'])).json().errors).toEqual([]);
    expect((await check(closedToSelf.id, ['givenName'])).json().errors.map((e: { field: string }) => e.field)).toEqual([
      'givenName',
      'serviceId',
    ]);
  });

  it('the status check answers a wrong date of birth as it answers an unknown reference', async () => {
    const { reference } = (await send(walking.id, { answers: answers({ givenName: 'Stat' }) })).json();
    const wrong = await status(reference, '1958-02-04');
    const unknown = await status('OR-00000000', '1958-02-03');
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().message).toBe(unknown.json().message);
  });
});
