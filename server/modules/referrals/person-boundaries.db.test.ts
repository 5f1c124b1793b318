// Issue 9, findings 1, 3 and 9: the boundary between ICBs, PCNs and practices around a person.
// Each test replays the attack through HTTP as it was reported, then checks that nothing of the
// other team's person or plan was read or changed.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CarePlanContent } from '../../../common/care-plan.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { people } from '../people/people.tables.js';
import { testNhsNumber, uniqueFamilyName, validReferralBody } from './referral-fixtures.js';
import { referrals } from './referrals.tables.js';

/** ICB 1: Central PCN and, in the same ICB, Coastal PCN. ICB 2: another ICB altogether. */
const {
  ctx,
  tenancy: central,
  coastal,
  otherIcb,
  ...s
} = setUpTestApp({
  tenancies: { coastal: 'same-icb', otherIcb: 'new-icb' },
  team: {
    centralReferrer: 'referrer',
    centralLead: 'team_lead',
    coastalReferrer: { role: 'referrer', at: 'coastal' },
    coastalLead: { role: 'team_lead', at: 'coastal' },
    coastalWorker: { role: 'link_worker', at: 'coastal' },
    otherReferrer: { role: 'referrer', at: 'otherIcb' },
    otherLead: { role: 'team_lead', at: 'otherIcb' },
  },
});

const as = (name: string) => (s as Record<string, Session>)[name] as Session;
const refer = (who: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url: '/api/referrals', headers: as(who).headers, payload });
const get = (who: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: as(who).cookie } });
const post = (who: string, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: as(who).headers, payload });
const putPlan = (who: string, personId: string, payload: object) =>
  ctx.app.inject({ method: 'PUT', url: `/api/people/${personId}/care-plan`, headers: as(who).headers, payload });

const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const personRow = async (id: string) => (await ctx.db.select().from(people).where(eq(people.id, id)))[0];
const counts = async () => [await ctx.db.$count(referrals), await ctx.db.$count(people)];

const plan = (whatMatters: string): CarePlanContent => ({
  whatMattersToMe: whatMatters,
  strengths: 'Knows the neighbours',
  needs: [{ domain: 'loneliness', notes: 'Lives alone' }],
  goals: [],
  actions: [],
  ifThingsGetWorse: 'Call the practice',
  agreedOn: '2026-11-02',
  reviewOn: '2027-01-02',
});

/** Central refers a person by NHS number and its team writes their care plan. */
async function centralPerson(person: Record<string, unknown> = {}) {
  const nhsNumber = testNhsNumber();
  const res = await refer('centralReferrer', validReferralBody({}, { nhsNumber, givenName: 'Rosalind', ...person }));
  expect(res.statusCode).toBe(201);
  const personId = (await referralRow(res.json().id))?.personId as string;
  const saved = await putPlan('centralLead', personId, { ...plan('Central team plan: back to choir'), version: 0 });
  expect(saved.statusCode).toBe(200);
  return { nhsNumber, personId, referralId: res.json().id as string, record: await personRow(personId) };
}

const attacker = {
  givenName: 'Mallory',
  familyName: 'Intruder',
  phone: '07700 900666',
  email: 'mallory@attacker.example',
  postcode: 'M1 1AE',
  preferredContact: 'email',
};

describe('finding 1: a referrer of another ICB who knows an NHS number and date of birth', () => {
  it('gets a record in their own ICB; the person in ICB 1, their referral and their plan stay untouched and unseen', async () => {
    const known = await centralPerson();
    const res = await refer('otherReferrer', validReferralBody({}, { ...attacker, nhsNumber: known.nhsNumber }));
    // The real date of birth (the fixture's) with the attacker's contact details.
    expect(res.statusCode).toBe(201);
    const theirs = await referralRow(res.json().id);
    expect(theirs?.personId).not.toBe(known.personId);
    expect((await personRow(theirs?.personId as string))?.icbId).toBe(otherIcb.icbId);
    expect(await personRow(known.personId)).toEqual(known.record);

    // Their status view shows what they typed, never the real person's name.
    const status = await get('otherReferrer', `/api/referrals/${res.json().id}/status`);
    expect(status.statusCode).toBe(200);
    expect(status.json().person).toMatchObject({ givenName: 'Mallory', familyName: 'Intruder' });
    expect(status.body).not.toContain('Rosalind');

    // ICB 2's lead cannot read or overwrite ICB 1's plan, nor read ICB 1's referral.
    expect((await get('otherLead', `/api/people/${known.personId}/care-plan`)).statusCode).toBe(404);
    const overwrite = await putPlan('otherLead', known.personId, { ...plan('overwritten'), version: 1 });
    expect(overwrite.statusCode).toBe(404);
    expect((await get('otherLead', `/api/referrals/${known.referralId}`)).statusCode).toBe(404);
    const still = await get('centralLead', `/api/people/${known.personId}/care-plan`);
    expect(still.json().plan).toMatchObject({
      version: 1,
      content: { whatMattersToMe: 'Central team plan: back to choir' },
    });
  });

  it('with a wrong date of birth gets the same answer as for a number nobody knows', async () => {
    const known = await centralPerson();
    const wrongBirthday = await refer(
      'otherReferrer',
      validReferralBody({}, { nhsNumber: known.nhsNumber, dateOfBirth: '1999-12-31' }),
    );
    const unknownNumber = await refer('otherReferrer', validReferralBody({}, { dateOfBirth: '1999-12-31' }));
    expect([wrongBirthday.statusCode, unknownNumber.statusCode]).toEqual([201, 201]);
    expect(Object.keys(wrongBirthday.json()).sort()).toEqual(Object.keys(unknownNumber.json()).sort());
    expect(await personRow(known.personId)).toEqual(known.record);
  });
});

describe('within one ICB: another PCN that refers a person Central knows', () => {
  it('links the referral to the one record without changing it, and opens a plan of its own, never Central’s', async () => {
    const known = await centralPerson();
    const res = await refer(
      'coastalReferrer',
      validReferralBody({}, { nhsNumber: known.nhsNumber, givenName: 'Ros', phone: '07700 900123' }),
    );
    expect(res.statusCode).toBe(201);
    const theirs = await referralRow(res.json().id);
    expect(theirs?.personId).toBe(known.personId);
    expect(await personRow(known.personId)).toEqual(known.record);
    const status = await get('coastalReferrer', `/api/referrals/${res.json().id}/status`);
    expect(status.json().person.givenName).toBe('Ros');

    // Coastal's lead sees an empty plan of Coastal's, and saving it leaves Central's alone.
    const coastalPlan = await get('coastalLead', `/api/people/${known.personId}/care-plan`);
    expect(coastalPlan.statusCode).toBe(200);
    expect(coastalPlan.json().plan).toBeNull();
    expect(coastalPlan.body).not.toContain('back to choir');
    expect((await putPlan('coastalLead', known.personId, { ...plan('Coastal plan'), version: 0 })).statusCode).toBe(
      200,
    );
    const centralPlan = await get('centralLead', `/api/people/${known.personId}/care-plan`);
    expect(centralPlan.json().plan).toMatchObject({
      version: 1,
      content: { whatMattersToMe: 'Central team plan: back to choir' },
    });

    // The new phone number is offered to Coastal's team, not written into the record.
    const view = await get('coastalLead', `/api/referrals/${res.json().id}`);
    expect(view.json().personDetailsOffered).toContainEqual({
      field: 'phone',
      label: 'Phone',
      onRecord: known.record?.phone,
      onReferral: '07700900123',
    });
  });

  it('a wrong date of birth for someone only Central knows reveals nothing: 201, a new unlinked record, flagged for the team', async () => {
    const known = await centralPerson();
    const before = await counts();
    const res = await refer(
      'coastalReferrer',
      validReferralBody({}, { nhsNumber: known.nhsNumber, dateOfBirth: '1970-01-01' }),
    );
    const fresh = await refer('coastalReferrer', validReferralBody({}, { dateOfBirth: '1970-01-01' }));
    expect([res.statusCode, fresh.statusCode]).toEqual([201, 201]);
    expect(Object.keys(res.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    const row = await referralRow(res.json().id);
    expect(row?.identityCheck).toBe('nhs_number_not_linked');
    expect(row?.personId).not.toBe(known.personId);
    expect((await personRow(row?.personId as string))?.nhsNumber).toBeNull();
    expect(await personRow(known.personId)).toEqual(known.record);
    expect(await counts()).toEqual([(before[0] as number) + 2, (before[1] as number) + 2]);
    const view = await get('coastalLead', `/api/referrals/${res.json().id}`);
    expect(view.json().identityCheck).toBe('nhs_number_not_linked');

    // Central's own referrer knows the person, so telling them the birthday is wrong reveals nothing.
    const own = await refer(
      'centralReferrer',
      validReferralBody({}, { nhsNumber: known.nhsNumber, dateOfBirth: '1970-01-01' }),
    );
    expect(own.statusCode).toBe(409);
    expect(own.json().errors).toEqual([
      { field: 'person.nhsNumber', message: expect.stringMatching(/different date of birth/) },
    ]);
  });
});

describe('finding 3: matching and person ids never cross to another team', () => {
  async function centralPersonWithoutNumber() {
    const person = {
      nhsNumber: '',
      noNhsNumber: true,
      givenName: 'Ottoline',
      familyName: uniqueFamilyName(),
      dateOfBirth: '1944-04-04',
      postcode: 'LS1 4AP',
      language: 'Welsh',
    };
    const res = await refer('centralReferrer', validReferralBody({}, person));
    expect(res.statusCode).toBe(201);
    const personId = (await referralRow(res.json().id))?.personId as string;
    return { person, personId, record: await personRow(personId) };
  }

  it('POST /api/people/matches offers Central’s person to Central only', async () => {
    const { person, personId } = await centralPersonWithoutNumber();
    const query = { givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth };
    const ours = await post('centralReferrer', '/api/people/matches', query);
    expect(ours.json().matches.map((m: { id: string }) => m.id)).toEqual([personId]);
    for (const who of ['coastalReferrer', 'otherReferrer']) {
      const theirs = await post(who, '/api/people/matches', query);
      expect([who, theirs.statusCode, theirs.json()]).toEqual([who, 200, { matches: [] }]);
    }
  });

  it('a referral naming Central’s person id is refused like an unknown id; nothing stored or changed; the plan stays closed', async () => {
    const { person, personId, record } = await centralPersonWithoutNumber();
    const before = await counts();
    const payload = (over: Record<string, unknown>) =>
      validReferralBody({ personId: over.id }, { ...person, registeredPracticeId: undefined, language: 'Polish' });
    for (const who of ['coastalReferrer', 'otherReferrer']) {
      for (const id of [personId, '00000000-0000-4000-8000-000000000000']) {
        const res = await refer(who, payload({ id }));
        expect([who, res.statusCode]).toEqual([who, 400]);
        expect(res.json().errors).toEqual([
          { field: 'personId', message: expect.stringMatching(/not a person your team knows/) },
        ]);
      }
    }
    expect(await counts()).toEqual(before);
    expect(await personRow(personId)).toEqual(record);
    expect((await get('coastalLead', `/api/people/${personId}/care-plan`)).statusCode).toBe(404);
  });
});

describe('finding 9: the same referral sent many times at once', () => {
  it('twenty parallel identical referrals without a key make one; the others are 409 naming it', async () => {
    const body = validReferralBody();
    const answers = await Promise.all(Array.from({ length: 20 }, () => refer('centralReferrer', body)));
    const created = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode === 409);
    expect([created.length, refused.length]).toEqual([1, 19]);
    const id = created[0]?.json().id;
    for (const r of refused) {
      expect(r.json()).toMatchObject({
        code: 'open_referral',
        openReferral: { id, reference: expect.stringMatching(/^WM-/), status: 'received' },
        errors: [{ field: 'confirmedSecondReferral', message: expect.any(String) }],
      });
    }
    const personId = (await referralRow(id))?.personId as string;
    expect(await ctx.db.$count(referrals, eq(referrals.personId, personId))).toBe(1);

    // Confirmed as a second referral, it is taken.
    const second = await refer('centralReferrer', { ...body, confirmedSecondReferral: true });
    expect(second.statusCode).toBe(201);
    expect(await ctx.db.$count(referrals, eq(referrals.personId, personId))).toBe(2);
  });
});

describe('the team decides on the new details a referral brought', () => {
  async function offered() {
    const known = await centralPerson({ postcode: 'LS1 4AP' });
    const res = await refer(
      'coastalReferrer',
      validReferralBody(
        {},
        { nhsNumber: known.nhsNumber, phone: '07700 900456', email: 'new@example.org', postcode: 'LS1 4AP' },
      ),
    );
    expect(res.statusCode).toBe(201);
    return { ...known, coastalReferralId: res.json().id as string };
  }
  const review = (who: string, id: string, accept: string[]) =>
    post(who, `/api/referrals/${id}/person-details`, { accept });

  it('accepting the phone changes only the phone; the decision is once, audited and on the timeline', async () => {
    const o = await offered();
    const res = await review('coastalLead', o.coastalReferralId, ['phone']);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: ['phone'], kept: ['email', 'registeredPracticeId'] });
    const after = await personRow(o.personId);
    expect(after).toEqual({
      ...o.record,
      phone: '07700900456',
      version: (o.record?.version ?? 0) + 1,
      updatedAt: expect.any(Date),
    });
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.details-accepted'), eq(auditEvents.entityId, o.personId)));
    expect(audit.map((a) => a.details)).toEqual([{ referralId: o.coastalReferralId, fields: ['phone'] }]);
    const view = await get('coastalLead', `/api/referrals/${o.coastalReferralId}`);
    expect(view.json().personDetailsOffered).toEqual([]);
    expect(view.json().events.map((e: { type: string }) => e.type)).toContain('person-details-reviewed');
    expect((await review('coastalLead', o.coastalReferralId, [])).statusCode).toBe(409);
  });

  it('refuses a detail the referral does not offer (naming it), another PCN (404) and a colleague not on the case (403); nothing changes', async () => {
    const o = await offered();
    const bad = await review('coastalLead', o.coastalReferralId, ['email', 'postcode']);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'accept.1', message: expect.stringMatching(/not a detail this referral/) },
    ]);
    expect((await review('centralLead', o.coastalReferralId, ['phone'])).statusCode).toBe(404);
    expect((await review('coastalWorker', o.coastalReferralId, ['phone'])).statusCode).toBe(403);
    expect(await personRow(o.personId)).toEqual(o.record);
    expect((await referralRow(o.coastalReferralId))?.personDetailsReviewedAt).toBeNull();
  });
});
