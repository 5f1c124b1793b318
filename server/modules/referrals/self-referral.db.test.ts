import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { analyticsCounts } from '../analytics/analytics.tables.js';
import { rebuildPcn } from '../analytics/refresh/rebuild.js';
import { postcodes } from '../directory/directory.tables.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { pcns, practices } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { referralEvents, referrals, selfReferralStarts } from './referrals.tables.js';
import { beginSelfReferral, selfReferralAnswers } from './test-self-referrals.js';
import { purgeSelfReferralStarts } from './use-cases/self-referral.js';

// The residents' self-referral over HTTP (issue 14): the journey's API, where a referral lands,
// what a status check answers, and the abuse protections.

const { ctx, tenancy, coastal, lead } = setUpTestApp({
  config: { SELF_REFERRAL_RATE_LIMIT: '3', SIGN_IN_RATE_LIMIT: '1000' },
  tenancies: { coastal: 'same-icb' },
  team: { lead: 'team_lead' },
});

let address = 0;
/** Each request from its own address, unless a test is about one address. */
const nextAddress = () => `198.51.100.${(address++ % 250) + 1}`;

beforeAll(async () => {
  // Two surgeries with postcodes far apart: one in each PCN.
  await ctx.db.insert(postcodes).values([
    { postcode: 'NE1 4XX', latitude: 54.97, longitude: -1.61 },
    { postcode: 'NE2 1AB', latitude: 54.98, longitude: -1.6 },
    { postcode: 'TS5 1UX', latitude: 54.55, longitude: -1.25 },
    { postcode: 'TS6 1RL', latitude: 54.56, longitude: -1.2 },
  ]);
  await ctx.db
    .update(practices)
    .set({ postcode: 'NE1 4XX', name: 'Quayside Surgery' })
    .where(eq(practices.id, tenancy.practiceId));
  await ctx.db
    .update(practices)
    .set({ postcode: 'TS5 1UX', name: 'Harbour Surgery' })
    .where(eq(practices.id, coastal.practiceId));
  await ctx.db
    .update(pcns)
    .set({ publicPhone: '0191 498 0001', publicEmail: 'team@northshire.example' })
    .where(eq(pcns.id, tenancy.pcnId));
});

const answers = (overrides: Record<string, unknown> = {}) => selfReferralAnswers(tenancy.practiceId, overrides);
const begin = (secondsAgo = 60) => beginSelfReferral(ctx, secondsAgo, nextAddress());

const send = (payload: unknown, headers: Record<string, string> = {}, remoteAddress = nextAddress()) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/public/self-referrals',
    payload: payload as object,
    headers,
    remoteAddress,
  });

const referralCount = async () => (await ctx.db.select({ n: count() }).from(referrals))[0]?.n ?? 0;
const byReference = async (reference: string) => {
  const hex = reference.replace(/^WM-/, '').replace('-', '').toLowerCase();
  return ctx.db
    .select()
    .from(referrals)
    .where(sql`${referrals.id}::text LIKE ${`${hex}%`}`);
};

describe('a self-referral to the PCN team', () => {
  it('lands in the PCN queue as a self-referral with unverified identity, with its event, audit and new person', async () => {
    const before = (await ctx.db.select({ n: count() }).from(people))[0]?.n ?? 0;
    const res = await send({ answers: answers(), formToken: await begin() }, { 'idempotency-key': randomUUID() });
    expect(res.statusCode).toBe(201);
    const { reference } = res.json() as { reference: string };
    expect(reference).toMatch(/^WM-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const [row] = await byReference(reference);
    expect(row).toMatchObject({
      pcnId: tenancy.pcnId,
      source: 'self',
      practiceId: null,
      referrerUserId: null,
      identityCheck: 'self_referred',
      status: 'received',
      reasons: ['loneliness'],
      selfReferral: { contactTimes: 'Weekday mornings', practiceFromPostcode: false, onBehalf: null },
    });
    expect(row?.personDetails).toMatchObject({ phone: '07700900123', registeredPracticeId: tenancy.practiceId });
    expect((await ctx.db.select({ n: count() }).from(people))[0]?.n).toBe(before + 1);
    const events = await ctx.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, row?.id as string));
    expect(events.map((e) => e.type)).toEqual(['received']);
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.create'), eq(auditEvents.entityId, row?.id as string)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: null, icbId: tenancy.icbId });

    const queue = await ctx.app.inject({ method: 'GET', url: '/api/triage/queue', headers: lead.headers });
    const item = (queue.json() as { items: { id: string; source: string }[] }).items.find((i) => i.id === row?.id);
    expect(item?.source).toBe('self');
    const view = await ctx.app.inject({ method: 'GET', url: `/api/referrals/${row?.id}`, headers: lead.headers });
    expect(view.json()).toMatchObject({
      identityCheck: 'self_referred',
      selfReferral: { contactTimes: 'Weekday mornings' },
    });
  });

  it('queues the reference by text for someone who asked for texts, and nothing for a letter', async () => {
    const texted = await send({
      answers: answers({ givenName: 'Tex', phone: '07700 900 161' }),
      formToken: await begin(),
    });
    const [row] = await byReference(texted.json().reference);
    const messages = await ctx.db
      .select()
      .from(residentMessages)
      .where(eq(residentMessages.referralId, row?.id as string));
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'self_referral_confirmation',
        channel: 'sms',
        recipient: '07700900161',
        status: 'queued',
        personalisation: {
          reference: texted.json().reference,
          team: expect.stringContaining('Test PCN'),
          team_phone: '0191 498 0001',
        },
      }),
    ]);
    const lettered = await send({
      answers: answers({ givenName: 'Lettie', phone: '07700 900 162', preferredContact: 'letter' }),
      formToken: await begin(),
    });
    const [other] = await byReference(lettered.json().reference);
    expect(
      await ctx.db
        .select()
        .from(residentMessages)
        .where(eq(residentMessages.referralId, other?.id as string)),
    ).toEqual([]);
  });

  it('never attaches itself to an existing person, even one with the same name and date of birth', async () => {
    const first = await send({
      answers: answers({ givenName: 'Sam', phone: '07700 900 201' }),
      formToken: await begin(),
    });
    // Another day's contact details: not the same submission, so not folded either.
    const second = await send({
      answers: answers({ givenName: 'Sam', phone: '07700 900 202', postcode: 'NE1 4XX' }),
      formToken: await begin(),
    });
    const [a] = await byReference(first.json().reference);
    const [b] = await byReference(second.json().reference);
    expect(a?.id).not.toBe(b?.id);
    expect(a?.personId).not.toBe(b?.personId);
  });

  it('records who referred on the person’s behalf, and only when the person agreed', async () => {
    const onBehalf = {
      forWhom: 'someone_else',
      onBehalfName: 'Alex Helper',
      onBehalfRelationship: 'Daughter',
      onBehalfEmail: 'alex.helper@example.com',
    };
    const before = await referralCount();
    const refused = await send({
      answers: answers({ ...onBehalf, givenName: 'Pat', phone: '07700 900 151' }),
      formToken: await begin(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'personAgreed', message: 'must be yes: you can only refer someone who has agreed to it' },
    ]);
    expect(await referralCount()).toBe(before);
    const res = await send({
      answers: answers({ ...onBehalf, givenName: 'Pat', phone: '07700 900 152', personAgreed: true }),
      formToken: await begin(),
    });
    expect(res.statusCode).toBe(201);
    const [row] = await byReference(res.json().reference);
    expect(row?.selfReferral?.onBehalf).toEqual({
      name: 'Alex Helper',
      relationship: 'Daughter',
      phone: null,
      email: 'alex.helper@example.com',
      personAgreed: true,
    });
    expect(row?.referrerName).toBe('Alex Helper');
  });

  it('goes to the PCN of the surgery nearest the postcode when the person does not know their surgery', async () => {
    const res = await send({
      answers: answers({
        givenName: 'Jo',
        practiceId: '',
        practiceUnknown: true,
        postcode: 'TS6 1RL',
        phone: '07700 900 301',
      }),
      formToken: await begin(),
    });
    expect(res.statusCode).toBe(201);
    const [row] = await byReference(res.json().reference);
    expect(row?.pcnId).toBe(coastal.pcnId);
    expect(row?.selfReferral?.practiceFromPostcode).toBe(true);
    expect(row?.personDetails.registeredPracticeId).toBeNull();

    const unknown = await send({
      answers: answers({
        givenName: 'Jo',
        practiceId: '',
        practiceUnknown: true,
        postcode: 'ZZ9 9ZZ',
        phone: '07700 900 302',
      }),
      formToken: await begin(),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'postcode', message: 'is not one we can find a GP surgery near: check it, or choose your GP surgery' },
    ]);
  });
});

describe('bad input and double submits', () => {
  it('names every field that needs an answer, and stores nothing', async () => {
    const before = await referralCount();
    const res = await send({
      answers: { forWhom: 'self', preferredContact: 'text', dateOfBirth: '2999-01-01', reasons: [] },
      formToken: await begin(),
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'givenName: is required',
        'familyName: is required',
        'dateOfBirth: must not be in the future',
        'postcode: is required',
        'reasons: must be chosen: pick at least one',
        'consentToReferral: must be agreed to send the referral',
      ]),
    );
    expect(await referralCount()).toBe(before);
  });

  it('checks one page’s answers without storing anything, answering only that page’s errors', async () => {
    const before = await referralCount();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/self-referral/check',
      payload: {
        answers: { preferredContact: 'text', phone: '01632 960 001' },
        fields: ['preferredContact', 'phone', 'email'],
      },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      errors: [{ field: 'phone', message: 'must be a mobile number (starting 07) to send text messages' }],
    });
    expect(await referralCount()).toBe(before);
  });

  it('makes one referral of a double submit with the same idempotency key', async () => {
    const payload = { answers: answers({ givenName: 'Lee', phone: '07700 900 401' }), formToken: await begin() };
    const key = randomUUID();
    const before = await referralCount();
    const [a, b] = await Promise.all([
      send(payload, { 'idempotency-key': key }),
      send(payload, { 'idempotency-key': key }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().reference).toBe(b.json().reference);
    expect(await referralCount()).toBe(before + 1);
  });

  it('folds the same person’s second self-referral within a day into the first, as a note', async () => {
    const first = await send({
      answers: answers({ givenName: 'Kim', phone: '07700 900 501' }),
      formToken: await begin(),
    });
    const before = await referralCount();
    const again = await send({
      answers: answers({ givenName: 'kim', phone: '07700900501', reasons: ['low_mood'] }),
      formToken: await begin(),
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().reference).toBe(first.json().reference);
    expect(await referralCount()).toBe(before);
    const [row] = await byReference(first.json().reference);
    const events = await ctx.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, row?.id as string));
    expect(events.map((e) => e.type)).toEqual(['received', 'self_referral_repeated']);
    expect(events[1]?.details).toMatchObject({ reasons: ['low_mood'] });
  });
});

describe('abuse protection', () => {
  it('refuses a referral sent sooner than a person could answer, and takes it once they have', async () => {
    const formToken = await begin(0);
    const payload = { answers: answers({ givenName: 'Quinn', phone: '07700 900 601' }), formToken };
    const quick = await send(payload);
    expect(quick.statusCode).toBe(400);
    expect(quick.json().errors).toEqual([
      { field: 'formToken', message: 'was sent too quickly: check your answers, then send them again' },
    ]);
    await ctx.db
      .update(selfReferralStarts)
      .set({ startedAt: sql`now() - interval '1 minute'` })
      .where(sql`${selfReferralStarts.usedAt} IS NULL`);
    expect((await send(payload)).statusCode).toBe(201);
    // The token is spent: the same journey cannot send a second referral.
    const reused = await send({ ...payload, answers: answers({ givenName: 'Quinn', phone: '07700 900 602' }) });
    expect(reused.json().errors[0].field).toBe('formToken');
  });

  it('tells a bot that fills the hidden field it succeeded, and keeps nothing', async () => {
    const before = await referralCount();
    const res = await send({
      answers: answers({ givenName: 'Bot', phone: '07700 900 651' }),
      formToken: await begin(),
      website: 'http://spam.example',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().reference).toMatch(/^WM-/);
    expect(await referralCount()).toBe(before);
  });

  it('limits referrals per phone number whatever the address, and per address whatever the details', async () => {
    const phone = '07700 900 701';
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await send({ answers: answers({ givenName: `Rae${i}`, phone }), formToken: await begin() })).statusCode,
      );
    }
    expect(codes).toEqual([201, 201, 201, 429]);
    const fixed = '203.0.113.9';
    const fromOne: number[] = [];
    for (let i = 0; i < 4; i++) {
      fromOne.push(
        (
          await send(
            { answers: answers({ givenName: `Ash${i}`, phone: `07700 900 71${i}` }), formToken: await begin() },
            {},
            fixed,
          )
        ).statusCode,
      );
    }
    expect(fromOne).toEqual([201, 201, 201, 429]);
  });

  it('refuses a body over the size limit', async () => {
    const res = await send({ answers: answers({ details: 'x'.repeat(20_000) }), formToken: await begin() });
    expect(res.statusCode).toBe(413);
  });
});

describe('finding a GP surgery', () => {
  it('finds surgeries by name and by postcode or district, and says what is wrong with a short search', async () => {
    const search = (q: string) =>
      ctx.app.inject({
        method: 'GET',
        url: `/api/public/self-referral/practices?q=${encodeURIComponent(q)}`,
        remoteAddress: nextAddress(),
      });
    expect((await search('quayside')).json().practices.map((p: { name: string }) => p.name)).toEqual([
      'Quayside Surgery',
    ]);
    expect((await search('ts5 1ux')).json().practices.map((p: { name: string }) => p.name)).toEqual([
      'Harbour Surgery',
    ]);
    expect((await search('TS5')).json().practices.map((p: { name: string }) => p.name)).toEqual(['Harbour Surgery']);
    const short = await search('q');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'q' });
  });

  it('lists what people can ask help with in everyday words', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/self-referral/reasons',
      remoteAddress: nextAddress(),
    });
    expect(res.json().reasons).toContainEqual({ code: 'loneliness', words: 'I feel lonely' });
  });
});

describe('checking a self-referral’s status', () => {
  const check = (body: unknown, remoteAddress = nextAddress()) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/self-referrals/status',
      payload: body as object,
      remoteAddress,
    });

  it('answers the status and the team’s contact details, and the same 404 for a wrong date of birth or reference', async () => {
    const sent = await send({
      answers: answers({ givenName: 'Mo', phone: '07700 900 801' }),
      formToken: await begin(),
    });
    const { reference } = sent.json() as { reference: string };
    const ok = await check({ reference: reference.toLowerCase(), dateOfBirth: '1961-07-14' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      reference,
      status: 'received',
      title: 'Received',
      detail: 'The team has your referral and will look at it soon.',
      team: { name: expect.stringContaining('Test PCN'), phone: '0191 498 0001', email: 'team@northshire.example' },
    });
    const wrongBirth = await check({ reference, dateOfBirth: '1961-07-15' });
    const noSuch = await check({ reference: 'WM-0000-0000', dateOfBirth: '1961-07-14' });
    expect(wrongBirth.statusCode).toBe(404);
    expect(noSuch.statusCode).toBe(404);
    const { requestId: _a, ...one } = wrongBirth.json();
    const { requestId: _b, ...other } = noSuch.json();
    expect(one).toEqual(other);
  });

  it('limits checks of one reference whatever the address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await check({ reference: 'WM-1234-5678', dateOfBirth: '1970-01-01' })).statusCode);
    expect(codes).toEqual([404, 404, 404, 404, 404, 429]);
  });
});

describe('the journeys’ start tokens', () => {
  it('are deleted after a day, used or not', async () => {
    const formToken = await begin(0);
    await ctx.db
      .update(selfReferralStarts)
      .set({ startedAt: sql`now() - interval '25 hours'` })
      .where(sql`${selfReferralStarts.usedAt} IS NULL`);
    expect(await purgeSelfReferralStarts(ctx.db)).toBeGreaterThan(0);
    const res = await send({ answers: answers({ givenName: 'Old', phone: '07700 900 901' }), formToken });
    expect(res.json().errors).toEqual([
      { field: 'formToken', message: 'has expired or was already used: start the form again from its first page' },
    ]);
  });
});

describe('marking a self-referral as spam', () => {
  const flowReceived = async () => {
    await rebuildPcn(ctx.db, tenancy.pcnId);
    const rows = await ctx.db
      .select({ n: sql<number>`coalesce(sum(${analyticsCounts.n}), 0)::int` })
      .from(analyticsCounts)
      .where(
        and(
          eq(analyticsCounts.pcnId, tenancy.pcnId),
          eq(analyticsCounts.measure, 'flow'),
          eq(analyticsCounts.value, 'received'),
        ),
      );
    return rows[0]?.n ?? 0;
  };

  it('takes it out of the queue and the figures, keeps it with its event and audit row', async () => {
    const sent = await send({
      answers: answers({ givenName: 'Spam', phone: '07700 900 951' }),
      formToken: await begin(),
    });
    const [row] = await byReference(sent.json().reference);
    const counted = await flowReceived();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/referrals/${row?.id}/spam`,
      headers: lead.headers,
      payload: { version: row?.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', spamMarkedAt: expect.any(String) });
    const [after] = await byReference(sent.json().reference);
    expect(after?.spamMarkedBy).toBe(lead.id);
    const queue = await ctx.app.inject({ method: 'GET', url: '/api/triage/queue', headers: lead.headers });
    expect((queue.json() as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(row?.id);
    expect(await flowReceived()).toBe(counted - 1);
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.marked_spam'), eq(auditEvents.entityId, row?.id as string)));
    expect(audit).toHaveLength(1);
    // Marked spam, it is no longer found by a status check either.
    const status = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/self-referrals/status',
      payload: { reference: sent.json().reference, dateOfBirth: '1961-07-14' },
      remoteAddress: nextAddress(),
    });
    expect(status.statusCode).toBe(404);
  });

  it('refuses a referral that is not a self-referral, changing nothing', async () => {
    const practiceReferral = await ctx.app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: lead.headers,
      payload: {
        person: {
          givenName: 'Dana',
          familyName: 'Practiceperson',
          dateOfBirth: '1970-02-02',
          noNhsNumber: true,
          preferredContact: 'letter',
        },
        source: 'practice',
        practiceId: tenancy.practiceId,
        reasons: ['loneliness'],
        urgencyRequested: 'routine',
        consentToReferral: true,
        consentToShare: false,
        confirmedNewPerson: true,
      },
    });
    expect(practiceReferral.statusCode).toBe(201);
    const id = practiceReferral.json().id as string;
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/referrals/${id}/spam`,
      headers: lead.headers,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('Only a self-referral');
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
    expect(row).toMatchObject({ status: 'received', spamMarkedAt: null, version: 1 });
  });
});
