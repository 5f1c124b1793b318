import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import type { Db } from '../../platform/db/client.js';
import { REALTIME_CHANNEL, type RealtimeEvent } from '../../platform/realtime.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { referralReasons } from '../codes/codes.tables.js';
import { people } from '../people/people.tables.js';
import { findUserById, principalOf, type UserRow } from '../users/users.service.js';
import { IDEMPOTENCY_KEEP_MS, purgeIdempotencyKeys } from './idempotency.js';
import { testNhsNumber, uniqueFamilyName, validReferralBody } from './referral-fixtures.js';
import { idempotencyKeys, referralEvents, referrals } from './referrals.tables.js';
import { createReferral } from './use-cases/create-referral.js';

/** neighbour: another PCN of the same ICB. */
const { ctx, tenancy, neighbour, referrer, lead, linkWorker } = setUpTestApp({
  tenancies: { neighbour: 'same-icb' },
  team: { referrer: 'referrer', lead: 'team_lead', linkWorker: 'link_worker' },
});
let listener: pg.Client;
const heard: RealtimeEvent[] = [];

beforeAll(async () => {
  await ctx.db
    .insert(referralReasons)
    .values({ code: 'test_retired', label: 'Retired reason', sortOrder: 999, active: false });
  listener = new pg.Client({ connectionString: ctx.database.url });
  await listener.connect();
  listener.on('notification', (n) => {
    if (n.channel === REALTIME_CHANNEL && n.payload) heard.push(JSON.parse(n.payload));
  });
  await listener.query(`LISTEN ${REALTIME_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
});

type Headers = Session['headers'];
const refer = (payload: unknown, headers: Headers = referrer.headers, key?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: key === undefined ? headers : { ...headers, 'idempotency-key': key },
    payload: payload as object,
  });

const countReferrals = () => ctx.db.$count(referrals);
const countPeople = () => ctx.db.$count(people);
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const personRow = async (id: string) => (await ctx.db.select().from(people).where(eq(people.id, id)))[0];

/** Waits for NOTIFY to arrive (delivered after commit, asynchronously). */
async function heardFor(referralId: string, wait = 1000): Promise<RealtimeEvent[]> {
  const until = Date.now() + wait;
  while (Date.now() < until && !heard.some((e) => e.referralId === referralId)) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return heard.filter((e) => e.referralId === referralId);
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('POST /api/referrals: a practice refers someone to its PCN', () => {
  it('201 {id, status} after commit: referral received in the PCN queue, person, event, audit and live notice', async () => {
    const body = validReferralBody();
    const res = await refer(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), status: 'received' });
    const id: string = res.json().id;

    const row = await referralRow(id);
    expect(row).toMatchObject({
      status: 'received',
      icbId: tenancy.icbId,
      pcnId: tenancy.pcnId,
      practiceId: tenancy.practiceId,
      source: 'practice',
      referrerUserId: referrer.me.user.id,
      referrerName: null,
      reasons: ['loneliness', 'housing'],
      details: body.details,
      urgencyRequested: 'routine',
      consentToReferral: true,
      consentToShare: true,
      safeguardingConcern: false,
      version: 1,
    });

    const person = await personRow(row?.personId as string);
    expect(person).toMatchObject({
      icbId: tenancy.icbId,
      nhsNumber: body.person.nhsNumber,
      givenName: body.person.givenName,
      familyName: body.person.familyName,
      dateOfBirth: '1961-07-14',
      postcode: 'LS1 4AP',
      phone: '07700900982',
      email: 'person@example.org',
      preferredContact: 'phone',
      practiceId: tenancy.practiceId,
    });

    const events = await ctx.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'received',
        fromStatus: null,
        toStatus: 'received',
        actorUserId: referrer.me.user.id,
        details: { source: 'practice', personMatch: 'new_person' },
      }),
    ]);

    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.create'), eq(auditEvents.entityId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: referrer.me.user.id, outcome: 'success' });
    // Identifiers only: no free text or personal data in the audit trail.
    expect(JSON.stringify(audit[0]?.details)).not.toContain(body.details);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(body.person.nhsNumber);
    expect(await ctx.db.$count(auditEvents, eq(auditEvents.entityId, row?.personId as string))).toBe(1);

    expect(await heardFor(id)).toEqual([{ type: 'referral.received', pcnId: tenancy.pcnId, referralId: id }]);
  });

  it('a team member records a referral a practice of their PCN made (practiceId)', async () => {
    const res = await refer(validReferralBody({ practiceId: tenancy.practiceId }), linkWorker.headers);
    expect(res.statusCode).toBe(201);
    expect(await referralRow(res.json().id)).toMatchObject({
      pcnId: tenancy.pcnId,
      practiceId: tenancy.practiceId,
      referrerUserId: linkWorker.me.user.id,
    });
  });

  it('a team member records a referral from another professional: no practice, the referrer named', async () => {
    const body = validReferralBody({
      source: 'professional',
      referrer: { name: 'Jo Bloggs', organisation: 'Northshire Housing', contact: '01632 960 111' },
    });
    const res = await refer(body, lead.headers);
    expect(res.statusCode).toBe(201);
    expect(await referralRow(res.json().id)).toMatchObject({
      source: 'professional',
      pcnId: tenancy.pcnId,
      practiceId: null,
      referrerName: 'Jo Bloggs',
      referrerOrganisation: 'Northshire Housing',
      referrerContact: '01632 960 111',
    });
  });

  it('a self-referral needs no NHS number', async () => {
    const body = validReferralBody({ source: 'self' }, { nhsNumber: undefined });
    const res = await refer(body, lead.headers);
    expect(res.statusCode).toBe(201);
    const row = await referralRow(res.json().id);
    expect((await personRow(row?.personId as string))?.nhsNumber).toBeNull();
  });

  it('a person with no NHS number is referred with noNhsNumber: true', async () => {
    const res = await refer(validReferralBody({}, { nhsNumber: '', noNhsNumber: true }));
    expect(res.statusCode).toBe(201);
  });

  it('needs referral.create (403), a session (401) and the CSRF token (403); nothing stored', async () => {
    const partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
    const before = [await countReferrals(), await countPeople()];
    expectProblem(await refer(validReferralBody(), partner.headers), 403);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/referrals', payload: validReferralBody() }), 401);
    expectProblem(await refer(validReferralBody(), { cookie: referrer.cookie } as Headers), 403);
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });
});

describe('POST /api/referrals: bad input is a 400 naming each field, and nothing is stored', () => {
  const YESTERDAY_NEXT_YEAR = `${new Date().getUTCFullYear() + 1}-01-01`;
  const rules: {
    rule: string;
    body: () => unknown;
    field: string;
    reason: RegExp;
    as?: () => Headers;
  }[] = [
    {
      rule: 'NHS number failing Modulus 11',
      body: () => validReferralBody({}, { nhsNumber: '9434765918' }),
      field: 'person.nhsNumber',
      reason: /not a valid NHS number/,
    },
    {
      rule: 'NHS number whose check digit would be 10',
      body: () => validReferralBody({}, { nhsNumber: '9990000000' }),
      field: 'person.nhsNumber',
      reason: /not a valid NHS number/,
    },
    {
      rule: 'NHS number of repeated digits',
      body: () => validReferralBody({}, { nhsNumber: '4444444444' }),
      field: 'person.nhsNumber',
      reason: /all digits the same/,
    },
    {
      rule: 'NHS number that is not 10 digits',
      body: () => validReferralBody({}, { nhsNumber: '999 000 001' }),
      field: 'person.nhsNumber',
      reason: /10 digits/,
    },
    {
      rule: 'NHS number with full-width Unicode digits',
      body: () => validReferralBody({}, { nhsNumber: '９９９０００００１８' }),
      field: 'person.nhsNumber',
      reason: /10 digits/,
    },
    {
      rule: 'no NHS number on a practice referral, without saying there is none',
      body: () => validReferralBody({}, { nhsNumber: undefined }),
      field: 'person.nhsNumber',
      reason: /is required/,
    },
    {
      rule: 'an NHS number and "no NHS number" together',
      body: () => validReferralBody({}, { noNhsNumber: true }),
      field: 'person.noNhsNumber',
      reason: /cannot be chosen/,
    },
    {
      rule: 'missing given name',
      body: () => validReferralBody({}, { givenName: '  ' }),
      field: 'person.givenName',
      reason: /is required/,
    },
    {
      rule: 'missing family name',
      body: () => validReferralBody({}, { familyName: undefined }),
      field: 'person.familyName',
      reason: /is required/,
    },
    {
      rule: 'date of birth that is not a date',
      body: () => validReferralBody({}, { dateOfBirth: '1961-02-30' }),
      field: 'person.dateOfBirth',
      reason: /real date/,
    },
    {
      rule: 'date of birth in the future',
      body: () => validReferralBody({}, { dateOfBirth: YESTERDAY_NEXT_YEAR }),
      field: 'person.dateOfBirth',
      reason: /not be in the future/,
    },
    {
      rule: 'date of birth over 120 years ago',
      body: () => validReferralBody({}, { dateOfBirth: `${new Date().getUTCFullYear() - 121}-06-01` }),
      field: 'person.dateOfBirth',
      reason: /within the last 120 years/,
    },
    {
      rule: 'postcode that is not a UK postcode',
      body: () => validReferralBody({}, { postcode: 'LS1 ZZZ' }),
      field: 'person.postcode',
      reason: /UK postcode/,
    },
    {
      // The same rule and words as the web form's own check and the directory's (common/schemas/fields.ts).
      rule: 'postcode with a district but no real inward code',
      body: () => validReferralBody({}, { postcode: 'NE1 XX4' }),
      field: 'person.postcode',
      reason: /^must be a UK postcode, like NE1 4XX$/,
    },
    {
      rule: 'given name over 100 characters',
      body: () => validReferralBody({}, { givenName: 'A'.repeat(101) }),
      field: 'person.givenName',
      reason: /^must be at most 100 characters$/,
    },
    {
      rule: 'email address over 254 characters',
      body: () => validReferralBody({}, { email: `${'a'.repeat(64)}@${'b'.repeat(186)}.org` }),
      field: 'person.email',
      reason: /^must be at most 254 characters$/,
    },
    {
      rule: 'phone number that is not a UK number',
      body: () => validReferralBody({}, { phone: '+1 212 555 0100' }),
      field: 'person.phone',
      reason: /UK phone number/,
    },
    {
      rule: 'email that is not an email address',
      body: () => validReferralBody({}, { email: 'not-an-email' }),
      field: 'person.email',
      // Read after its label: "Email address must be in the correct format", never "… must be an email address".
      reason: /^must be in the correct format, like name@example\.org$/,
    },
    {
      rule: 'preferred contact that is not a contact method',
      body: () => validReferralBody({}, { preferredContact: 'pigeon' }),
      field: 'person.preferredContact',
      reason: /one of: phone, email, text, letter/,
    },
    {
      rule: 'preferred contact by phone without a phone number',
      body: () => validReferralBody({}, { phone: undefined }),
      field: 'person.phone',
      reason: /required when the preferred contact is a phone call/,
    },
    {
      rule: 'preferred contact by text to a landline',
      body: () => validReferralBody({}, { preferredContact: 'text', phone: '01632 960 001' }),
      field: 'person.phone',
      reason: /mobile number/,
    },
    {
      rule: 'preferred contact by email without an email address',
      body: () => validReferralBody({}, { preferredContact: 'email', email: '' }),
      field: 'person.email',
      reason: /required when the preferred contact is email/,
    },
    {
      rule: 'interpreter need that is not yes or no',
      body: () => validReferralBody({}, { interpreterNeeded: 'maybe' }),
      field: 'person.interpreterNeeded',
      reason: /true or false/,
    },
    {
      rule: 'accessibility needs over 1,000 characters',
      body: () => validReferralBody({}, { accessibilityNeeds: 'a'.repeat(1001) }),
      field: 'person.accessibilityNeeds',
      reason: /at most 1000/,
    },
    {
      rule: 'unknown source',
      body: () => validReferralBody({ source: 'carrier-pigeon' }),
      field: 'source',
      reason: /one of: practice, professional, self/,
    },
    {
      rule: 'practice staff sending a referral as another professional',
      body: () =>
        validReferralBody({ source: 'professional', referrer: { name: 'A', organisation: 'B', contact: 'C' } }),
      field: 'source',
      reason: /must be practice/,
    },
    {
      rule: 'a referral from another professional without the referrer’s details',
      body: () => validReferralBody({ source: 'professional', referrer: { name: 'Jo Bloggs' } }),
      field: 'referrer.organisation',
      reason: /required for a referral from another professional/,
      as: () => lead.headers,
    },
    {
      rule: 'a team member’s practice referral without the practice',
      body: () => validReferralBody(),
      field: 'practiceId',
      reason: /choose the GP practice/,
      as: () => lead.headers,
    },
    {
      rule: 'a team member’s practice referral from a practice of another PCN',
      body: () => validReferralBody({ practiceId: neighbour.practiceId }),
      field: 'practiceId',
      reason: /GP practice in your PCN/,
      as: () => lead.headers,
    },
    {
      rule: 'no reasons',
      body: () => validReferralBody({ reasons: [] }),
      field: 'reasons',
      reason: /at least one reason/,
    },
    {
      rule: 'a reason code that does not exist (named)',
      body: () => validReferralBody({ reasons: ['loneliness', 'alien_abduction'] }),
      field: 'reasons',
      reason: /"alien_abduction", which is not a referral reason/,
    },
    {
      rule: 'a reason code no longer in use (named)',
      body: () => validReferralBody({ reasons: ['test_retired'] }),
      field: 'reasons',
      reason: /"test_retired", which is no longer in use/,
    },
    {
      rule: 'details over 4,000 characters',
      body: () => validReferralBody({ details: 'x'.repeat(4001) }),
      field: 'details',
      reason: /at most 4,000 characters/,
    },
    {
      rule: 'unknown urgency',
      body: () => validReferralBody({ urgencyRequested: 'yesterday' }),
      field: 'urgencyRequested',
      reason: /one of: routine, soon, urgent/,
    },
    {
      rule: 'no consent to the referral',
      body: () => validReferralBody({ consentToReferral: false }),
      field: 'consentToReferral',
      reason: /must agree/,
    },
    {
      rule: 'consent to sharing not answered',
      body: () => validReferralBody({ consentToShare: undefined }),
      field: 'consentToShare',
      reason: /is required/,
    },
    {
      rule: 'safeguarding concern that is not yes or no',
      body: () => validReferralBody({ safeguardingConcern: 'perhaps' }),
      field: 'safeguardingConcern',
      reason: /true or false/,
    },
    {
      rule: 'a matched person Waymark does not know',
      body: () =>
        validReferralBody({ personId: '00000000-0000-4000-8000-000000000000' }, { nhsNumber: '', noNhsNumber: true }),
      field: 'personId',
      reason: /not a person your team knows/,
    },
    {
      rule: 'a matched person together with "this is a new person"',
      body: () =>
        validReferralBody(
          { personId: '00000000-0000-4000-8000-000000000000', confirmedNewPerson: true },
          { nhsNumber: '', noNhsNumber: true },
        ),
      field: 'confirmedNewPerson',
      reason: /choose one/,
    },
  ];

  for (const { rule, body, field, reason, as } of rules) {
    it(`${rule} → ${field}`, async () => {
      const before = [await countReferrals(), await countPeople()];
      const res = await refer(body(), as ? as() : referrer.headers);
      expectProblem(res, 400);
      expect(res.json().code).toBe('validation');
      expect(res.json().errors).toContainEqual({ field, message: expect.stringMatching(reason) });
      expect([await countReferrals(), await countPeople()]).toEqual(before);
    });
  }

  it('every failing field is listed in one answer, including the data checks', async () => {
    const before = [await countReferrals(), await countPeople()];
    const res = await refer(
      validReferralBody(
        { reasons: ['not_a_reason'], consentToReferral: false, details: 'x'.repeat(4001) },
        { nhsNumber: '9434765918', postcode: 'nowhere', dateOfBirth: '1961-02-30', phone: undefined },
      ),
    );
    expectProblem(res, 400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(
      [
        'consentToReferral',
        'details',
        'person.dateOfBirth',
        'person.nhsNumber',
        'person.phone',
        'person.postcode',
        'reasons',
      ].sort(),
    );
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });

  it('a body that is not a referral at all is a 400 too, never a 500', async () => {
    for (const payload of [[], { person: 'someone' }, { person: {}, reasons: 'loneliness' }]) {
      const res = await refer(payload);
      expectProblem(res, 400);
    }
  });
});

describe('Idempotency-Key', () => {
  it('a replay returns the first answer (same status and body) and makes no second referral', async () => {
    const key = crypto.randomUUID();
    const body = validReferralBody();
    const first = await refer(body, referrer.headers, key);
    expect(first.statusCode).toBe(201);
    const before = [await countReferrals(), await countPeople()];
    // Same body with its keys in another order is the same request.
    const { person, ...rest } = body;
    const again = await refer({ ...rest, person }, referrer.headers, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });

  it('the same key with a different body is a 422 naming the header; nothing stored', async () => {
    const key = crypto.randomUUID();
    expect((await refer(validReferralBody(), referrer.headers, key)).statusCode).toBe(201);
    const before = [await countReferrals(), await countPeople()];
    const res = await refer(validReferralBody(), referrer.headers, key);
    expectProblem(res, 422);
    expect(res.json().errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringMatching(/different/) }]);
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });

  it('two requests with one key at the same moment make one referral, and both get its answer', async () => {
    const key = crypto.randomUUID();
    const body = validReferralBody();
    const before = await countReferrals();
    const answers = await Promise.all([
      refer(body, referrer.headers, key),
      refer(body, referrer.headers, key),
      refer(body, referrer.headers, key),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await countReferrals()).toBe(before + 1);
    expect(await ctx.db.$count(idempotencyKeys, eq(idempotencyKeys.key, key))).toBe(1);
  });

  it('keys belong to their user: the same key from someone else is a new request', async () => {
    const key = crypto.randomUUID();
    const a = await refer(validReferralBody({ practiceId: tenancy.practiceId }), lead.headers, key);
    const b = await refer(validReferralBody({ practiceId: tenancy.practiceId }), linkWorker.headers, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it('a refused request does not use up its key: corrected, the same key succeeds', async () => {
    const key = crypto.randomUUID();
    const body = validReferralBody();
    expect((await refer({ ...body, reasons: [] }, referrer.headers, key)).statusCode).toBe(400);
    const res = await refer(body, referrer.headers, key);
    expect(res.statusCode).toBe(201);
  });

  it('keys are kept a day: the sweep purges older ones, and the same key is then a new request', async () => {
    const key = crypto.randomUUID();
    const first = await refer(validReferralBody(), referrer.headers, key);
    expect(first.statusCode).toBe(201);
    const keyRow = and(eq(idempotencyKeys.owner, referrer.me.user.id), eq(idempotencyKeys.key, key));
    expect(await purgeIdempotencyKeys(ctx.db, new Date(Date.now() + IDEMPOTENCY_KEEP_MS - 60_000))).toBe(0);
    expect(await ctx.db.$count(idempotencyKeys, keyRow)).toBe(1);
    expect(await purgeIdempotencyKeys(ctx.db, new Date(Date.now() + IDEMPOTENCY_KEEP_MS + 60_000))).toBeGreaterThan(0);
    expect(await ctx.db.$count(idempotencyKeys, keyRow)).toBe(0);
    // Another person's referral under the old key: a 422 while the key was kept, a new request now.
    const later = await refer(validReferralBody(), referrer.headers, key);
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.json().id);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const before = await countReferrals();
    const res = await refer(validReferralBody(), referrer.headers, 'short');
    expectProblem(res, 400);
    expect(res.json().errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringMatching(/at least 8/) }]);
    expect(await countReferrals()).toBe(before);
  });
});

describe('person matching: the same person is one record, no silent duplicates', () => {
  it('the same NHS number twice is one person with two referrals; the record keeps its details, the referral the new ones', async () => {
    const nhsNumber = testNhsNumber();
    const first = await refer(validReferralBody({}, { nhsNumber }));
    const peopleBefore = await countPeople();
    const personBefore = await personRow((await referralRow(first.json().id))?.personId as string);
    const second = await refer(
      validReferralBody(
        { confirmedSecondReferral: true },
        {
          nhsNumber: `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`,
          phone: '07700 900123',
          givenName: 'Typo',
        },
      ),
    );
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(await countPeople()).toBe(peopleBefore);
    const a = await referralRow(first.json().id);
    const b = await referralRow(second.json().id);
    expect(b?.personId).toBe(a?.personId);
    // Intake never changes the record: not who the person is, not how to reach them.
    expect(await personRow(a?.personId as string)).toEqual(personBefore);
    expect(b?.personDetails).toMatchObject({ nhsNumber, givenName: 'Typo', phone: '07700900123' });
    const events = await ctx.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, b?.id as string));
    expect(events[0]?.details).toMatchObject({ personMatch: 'nhs_number' });
  });

  it('two referrals for a new NHS number at the same moment make one person and one open referral', async () => {
    const nhsNumber = testNhsNumber();
    const answers = await Promise.all([
      refer(validReferralBody({}, { nhsNumber })),
      refer(validReferralBody({}, { nhsNumber })),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await ctx.db.$count(people, eq(people.nhsNumber, nhsNumber))).toBe(1);
  });

  it('a known NHS number with another date of birth is refused (409), nothing stored', async () => {
    const nhsNumber = testNhsNumber();
    expect((await refer(validReferralBody({}, { nhsNumber }))).statusCode).toBe(201);
    const before = [await countReferrals(), await countPeople()];
    const res = await refer(validReferralBody({}, { nhsNumber, dateOfBirth: '1970-01-01' }));
    expectProblem(res, 409);
    expect(res.json().errors).toEqual([
      { field: 'person.nhsNumber', message: expect.stringMatching(/different date of birth/) },
    ]);
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });

  it('no NHS number and the same name and date of birth: 409 possible_duplicates; then personId links, confirmedNewPerson adds', async () => {
    const familyName = uniqueFamilyName();
    const person = {
      nhsNumber: '',
      noNhsNumber: true,
      givenName: 'Morwenna',
      familyName,
      dateOfBirth: '1948-11-30',
      postcode: 'M1 1AE',
    };
    const first = await refer(validReferralBody({}, person));
    expect(first.statusCode).toBe(201);
    const existingId = (await referralRow(first.json().id))?.personId as string;

    const before = [await countReferrals(), await countPeople()];
    const key = crypto.randomUUID();
    // Another spelling of the family name's case, a shortened given name: still likely the same.
    const again = validReferralBody({}, { ...person, givenName: 'Mo', familyName: familyName.toUpperCase() });
    const dup = await refer(again, referrer.headers, key);
    expectProblem(dup, 409);
    expect(dup.json()).toMatchObject({
      code: 'possible_duplicates',
      matches: [{ id: existingId, givenName: 'Morwenna', familyName, dateOfBirth: '1948-11-30', postcode: 'M1 1AE' }],
    });
    expect(dup.json().matches[0]).not.toHaveProperty('nhsNumber');
    expect([await countReferrals(), await countPeople()]).toEqual(before);

    // The user confirms the match (the same Idempotency-Key: the form keeps it across the step).
    const linked = await refer(
      { ...again, personId: existingId, confirmedSecondReferral: true },
      referrer.headers,
      key,
    );
    expect(linked.statusCode).toBe(201);
    expect((await referralRow(linked.json().id))?.personId).toBe(existingId);
    expect(await countPeople()).toBe(before[1]);

    // Or says it is someone else with the same name and birthday.
    const added = await refer({ ...again, confirmedNewPerson: true });
    expect(added.statusCode).toBe(201);
    const newId = (await referralRow(added.json().id))?.personId;
    expect(newId).not.toBe(existingId);
    expect(await countPeople()).toBe((before[1] as number) + 1);
  });

  it('the same family name and birthday but another initial and postcode is not a likely match', async () => {
    const familyName = uniqueFamilyName();
    const base = { nhsNumber: '', noNhsNumber: true, familyName, dateOfBirth: '1990-05-05' };
    expect((await refer(validReferralBody({}, { ...base, givenName: 'Ada', postcode: 'M1 1AE' }))).statusCode).toBe(
      201,
    );
    expect((await refer(validReferralBody({}, { ...base, givenName: 'Zoe', postcode: 'LS1 4AP' }))).statusCode).toBe(
      201,
    );
  });

  it('POST /api/people/matches offers likely matches of the ICB before sending, never of another ICB', async () => {
    const familyName = uniqueFamilyName();
    const person = {
      nhsNumber: '',
      noNhsNumber: true,
      givenName: 'Ifeoma',
      familyName,
      dateOfBirth: '1955-02-01',
      postcode: 'M1 1AE',
    };
    expect((await refer(validReferralBody({}, person))).statusCode).toBe(201);
    const query = { givenName: 'ifeoma', familyName, dateOfBirth: '1955-02-01' };
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/people/matches',
      headers: referrer.headers,
      payload: query,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      matches: [
        { id: expect.any(String), givenName: 'Ifeoma', familyName, dateOfBirth: '1955-02-01', postcode: 'M1 1AE' },
      ],
    });

    const elsewhere = await createTestTenancy(ctx.db);
    const foreign = await signIn(ctx, await createTestUser(ctx.db, elsewhere, 'referrer'));
    const none = await ctx.app.inject({
      method: 'POST',
      url: '/api/people/matches',
      headers: foreign.headers,
      payload: query,
    });
    expect(none.json()).toEqual({ matches: [] });

    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/people/matches',
      headers: referrer.headers,
      payload: { ...query, dateOfBirth: 'yesterday' },
    });
    expectProblem(bad, 400);
    expect(bad.json().errors).toContainEqual({ field: 'dateOfBirth', message: expect.stringMatching(/real date/) });
  });
});

describe('GET /api/referral-reasons', () => {
  it('lists the active reasons in order, for those who refer', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/referral-reasons',
      headers: { cookie: referrer.cookie },
    });
    expect(res.statusCode).toBe(200);
    const codes = (res.json().reasons as { code: string; label: string }[]).map((r) => r.code);
    expect(codes[0]).toBe('loneliness');
    expect(codes).toContain('other');
    expect(codes).not.toContain('test_retired');
  });
});

describe('a rolled-back intake', () => {
  it('publishes nothing and stores nothing', async () => {
    // Runs the real use-case to its end, then rolls its transaction back.
    class RolledBack extends Error {}
    let referralId = '';
    const rollingBack = new Proxy(ctx.db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
        return (work: (tx: unknown) => Promise<{ body: { id: string } }>) =>
          target.transaction(async (tx) => {
            referralId = (await work(tx)).body.id;
            throw new RolledBack();
          });
      },
    }) as Db;
    const before = [await countReferrals(), await countPeople()];
    const user = await findUserById(ctx.db, referrer.me.user.id);
    const requestCtx = { actor: principalOf(user as UserRow), ip: '127.0.0.1', requestId: 'rollback-test' };
    await expect(createReferral(rollingBack, requestCtx, { body: validReferralBody() })).rejects.toBeInstanceOf(
      RolledBack,
    );
    expect(referralId).not.toBe('');
    expect(await heardFor(referralId, 500)).toEqual([]);
    expect([await countReferrals(), await countPeople()]).toEqual(before);
  });
});
