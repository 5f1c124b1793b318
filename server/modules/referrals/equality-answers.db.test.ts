import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { people } from '../people/people.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { testNhsNumber, validReferralBody } from './referral-fixtures.js';
import { referrals } from './referrals.tables.js';

// Issue 13, point 2: optional equality answers at intake and on the person's record. "Prefer not
// to say" (not_stated / Z) is an answer; null is "not asked".

const { ctx, tenancy, referrer, lead, worker, otherWorker } = setUpTestApp({
  team: { referrer: 'referrer', lead: 'team_lead', worker: 'link_worker', otherWorker: 'link_worker' },
});
const { get, post, put } = requestsAs(ctx);

const personRow = async (id: string) => (await ctx.db.select().from(people).where(eq(people.id, id)))[0];
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const equalityOf = (p: Awaited<ReturnType<typeof personRow>>) => ({
  sex: p?.sex,
  genderIdentity: p?.genderIdentity,
  genderIdentityDescription: p?.genderIdentityDescription,
  ethnicity: p?.ethnicity,
});

describe('equality answers at intake', () => {
  it('a new person’s record and the referral keep the answers as given, prefer-not-to-say included', async () => {
    const answers = {
      sex: 'not_stated',
      genderIdentity: 'self_described',
      genderIdentityDescription: '  Genderfluid ',
      ethnicity: 'Z',
    };
    const res = await post(referrer, '/api/referrals', validReferralBody({}, answers));
    expect(res.statusCode).toBe(201);
    const referral = await referralRow(res.json().id);
    const stored = { ...answers, genderIdentityDescription: 'Genderfluid' };
    expect(referral?.personDetails).toMatchObject(stored);
    expect(equalityOf(await personRow(referral?.personId ?? ''))).toEqual(stored);
  });

  it('without answers, the record says "not asked" (null), not "prefer not to say"', async () => {
    const res = await post(referrer, '/api/referrals', validReferralBody());
    expect(res.statusCode).toBe(201);
    const referral = await referralRow(res.json().id);
    expect(equalityOf(await personRow(referral?.personId ?? ''))).toEqual({
      sex: null,
      genderIdentity: null,
      genderIdentityDescription: null,
      ethnicity: null,
    });
  });

  it.each([
    [{ ethnicity: 'Q' }, 'person.ethnicity', /NHS ethnic category code/],
    [{ sex: 'unknown' }, 'person.sex', /female, male or not_stated/],
    [{ genderIdentity: 'other' }, 'person.genderIdentity', /self_described or not_stated/],
    [{ genderIdentity: 'self_described' }, 'person.genderIdentityDescription', /is needed when/],
    [{ genderIdentity: 'woman', genderIdentityDescription: 'x' }, 'person.genderIdentityDescription', /only kept/],
    [
      { genderIdentity: 'self_described', genderIdentityDescription: 'x'.repeat(101) },
      'person.genderIdentityDescription',
      /100 characters or fewer/,
    ],
  ])('refuses %j: 400 naming %s, nothing stored', async (answers, field, message) => {
    const before = await ctx.db.$count(referrals);
    const res = await post(referrer, '/api/referrals', validReferralBody({}, answers));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await ctx.db.$count(referrals)).toBe(before);
  });

  it('an existing person’s record is not changed: the new answers are offered to the team like other details', async () => {
    const nhsNumber = testNhsNumber();
    const first = await post(referrer, '/api/referrals', validReferralBody({}, { nhsNumber, sex: 'female' }));
    const personId = (await referralRow(first.json().id))?.personId ?? '';
    const second = await post(
      referrer,
      '/api/referrals',
      validReferralBody(
        { confirmedSecondReferral: true },
        { nhsNumber, sex: 'not_stated', genderIdentity: 'self_described', genderIdentityDescription: 'Agender' },
      ),
    );
    expect(second.statusCode).toBe(201);
    expect(equalityOf(await personRow(personId))).toMatchObject({ sex: 'female', genderIdentity: null });
    const view = await get(lead, `/api/referrals/${second.json().id}`);
    expect(view.json().personDetailsOffered).toEqual(
      expect.arrayContaining([
        { field: 'sex', label: 'Sex', onRecord: 'Female', onReferral: 'Prefer not to say' },
        {
          field: 'genderIdentity',
          label: 'Gender identity',
          onRecord: null,
          onReferral: 'In another way (they describe it): Agender',
        },
      ]),
    );
  });
});

describe('equality answers on the person’s record', () => {
  const edit = (id: string, body: object, who = worker) => put(who, `/api/referrals/${id}/person/equality`, body);

  it('the allocated worker sees and edits them, from the version they opened; a stale version is refused', async () => {
    const { id, personId } = await createAllocatedReferral(ctx.db, tenancy, worker);
    const view = (await get(worker, `/api/referrals/${id}`)).json();
    expect(view.person.equality).toEqual({
      sex: null,
      genderIdentity: null,
      genderIdentityDescription: null,
      ethnicity: null,
    });
    const version = view.person.version as number;
    const res = await edit(id, { sex: 'male', genderIdentity: 'man', ethnicity: 'N', version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sex: 'male',
      genderIdentity: 'man',
      genderIdentityDescription: null,
      ethnicity: 'N',
      version: version + 1,
    });
    expect((await get(worker, `/api/referrals/${id}`)).json().person.equality.ethnicity).toBe('N');

    const stale = await edit(id, { sex: 'not_stated', version });
    expect(stale.statusCode).toBe(409);
    expect(equalityOf(await personRow(personId))).toMatchObject({ sex: 'male', ethnicity: 'N' });
  });

  it.each([
    [{ ethnicity: 'I' }, 'ethnicity', /NHS ethnic category code/],
    [{ genderIdentity: 'self_described' }, 'genderIdentityDescription', /is needed when/],
    [{ sex: 'F' }, 'sex', /female, male or not_stated/],
  ])('refuses %j: 400 naming %s, nothing changed', async (answers, field, message) => {
    const { id, personId } = await createAllocatedReferral(ctx.db, tenancy, worker);
    const before = await personRow(personId);
    const res = await edit(id, { ...answers, version: before?.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await personRow(personId)).toEqual(before);
  });

  it('a worker not on the case may not edit them (403), the record unchanged', async () => {
    const { id, personId } = await createAllocatedReferral(ctx.db, tenancy, worker);
    const before = await personRow(personId);
    const res = await edit(id, { sex: 'female', version: before?.version }, otherWorker);
    expect(res.statusCode).toBe(403);
    expect(await personRow(personId)).toEqual(before);
  });
});
