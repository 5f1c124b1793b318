import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CarePlanContent } from '../../../common/care-plan.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestPerson, createTestReferral } from '../triage/test-referrals.js';
import { carePlans, carePlanVersions } from './care-plans.tables.js';

const { ctx, tenancy, linkWorker, coach, coordinator, otherPcnWorker, referrer } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    linkWorker: 'link_worker',
    coach: 'health_coach',
    coordinator: 'care_coordinator',
    otherPcnWorker: { role: 'link_worker', at: 'other' },
    referrer: 'referrer',
  },
});

const url = (personId: string, tail = '') => `/api/people/${personId}/care-plan${tail}`;
const { get } = requestsAs(ctx);
const put = (s: Session, personId: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'PUT', url: url(personId), headers: { ...s.headers, ...headers }, payload });

const plan = (extra: Partial<CarePlanContent> = {}): CarePlanContent => ({
  whatMattersToMe: 'Seeing my grandchildren and getting back to my allotment',
  strengths: 'Good with my hands; my neighbour checks in',
  needs: [{ domain: 'loneliness', notes: 'Since my wife died' }],
  goals: [
    {
      text: 'Go to the walking group once a week',
      targetDate: '2026-04-01',
      progress: [{ date: '2026-01-12', score: 2, note: 'Nervous about it' }],
    },
  ],
  actions: [{ who: 'Link worker', what: 'Introduce to the walking group leader', byWhen: '2026-01-20', done: false }],
  ifThingsGetWorse: 'Call the practice, or NHS 111',
  agreedOn: '2026-01-12',
  reviewOn: '2026-03-12',
  ...extra,
});

async function personWithReferral(): Promise<string> {
  return (await createTestReferral(ctx.db, tenancy)).personId;
}

const storedVersions = async (personId: string) => {
  const [p] = await ctx.db.select().from(carePlans).where(eq(carePlans.personId, personId));
  if (!p) return [];
  return ctx.db.select().from(carePlanVersions).where(eq(carePlanVersions.planId, p.id));
};

describe('care plan versions', () => {
  it('has no plan before the first save, which creates version 1', async () => {
    const personId = await personWithReferral();
    const empty = await get(linkWorker, url(personId));
    expect(empty.statusCode).toBe(200);
    expect(empty.json().plan).toBeNull();
    expect(empty.json().domains.map((d: { code: string }) => d.code)).toContain('loneliness');

    const first = await put(linkWorker, personId, { ...plan(), version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json().plan).toMatchObject({ version: 1, savedBy: { id: linkWorker.me.user.id } });
    expect(first.json().plan.content).toEqual(plan());
  });

  it('saves each change as a new version, keeps the history and compares any two', async () => {
    const personId = await personWithReferral();
    expect((await put(linkWorker, personId, { ...plan(), version: 0 })).statusCode).toBe(200);
    const changed = plan({ reviewOn: '2026-03-26' });
    changed.goals[0]?.progress.push({ date: '2026-02-02', score: 5, note: 'Went twice' });
    const second = await put(coach, personId, changed, { 'if-match': '"1"' });
    expect(second.statusCode).toBe(200);
    expect(second.json().plan).toMatchObject({ version: 2, savedBy: { id: coach.me.user.id } });

    const history = await get(linkWorker, url(personId, '/versions'));
    expect(history.statusCode).toBe(200);
    expect(history.json().map((v: { version: number; savedBy: { id: string } }) => [v.version, v.savedBy.id])).toEqual([
      [2, coach.me.user.id],
      [1, linkWorker.me.user.id],
    ]);

    const compare = await get(linkWorker, url(personId, '/versions/compare?from=1&to=2'));
    expect(compare.statusCode).toBe(200);
    const fields = compare.json().changes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['reviewOn', 'goals.0.progress.1.date', 'goals.0.progress.1.score']));
    expect(fields).not.toContain('whatMattersToMe');
    expect(compare.json().changes).toContainEqual({
      field: 'reviewOn',
      kind: 'changed',
      from: '2026-03-12',
      to: '2026-03-26',
    });

    const missing = await get(linkWorker, url(personId, '/versions/compare?from=1&to=9'));
    expect(missing.statusCode).toBe(404);

    const saves = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'careplan.save'));
    expect(saves.filter((a) => a.entityId === personId).map((a) => a.details)).toEqual([
      expect.objectContaining({ version: 1 }),
      expect.objectContaining({ version: 2 }),
    ]);
  });

  it('refuses a stale edit with 409 naming who saved the newer version, and keeps the stored plan', async () => {
    const personId = await personWithReferral();
    await put(linkWorker, personId, { ...plan(), version: 0 });
    expect((await put(coach, personId, { ...plan({ strengths: 'Coach edit' }), version: 1 })).statusCode).toBe(200);

    const stale = await put(linkWorker, personId, { ...plan({ strengths: 'Stale edit' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain(coach.me.user.name);
    expect(stale.json().detail).toContain('version 2');
    const after = await get(linkWorker, url(personId));
    expect(after.json().plan.version).toBe(2);
    expect(after.json().plan.content.strengths).toBe('Coach edit');
    expect(await storedVersions(personId)).toHaveLength(2);

    // A second "first save" and a save naming no version once a plan exists are refused too.
    expect((await put(linkWorker, personId, { ...plan(), version: 0 })).statusCode).toBe(409);
    expect((await put(linkWorker, personId, plan())).statusCode).toBe(409);
    expect(await storedVersions(personId)).toHaveLength(2);
  });

  it('lets exactly one of two parallel saves of the same version win', async () => {
    const personId = await personWithReferral();
    await put(linkWorker, personId, { ...plan(), version: 0 });
    const answers = await Promise.all([
      put(linkWorker, personId, { ...plan({ strengths: 'A' }), version: 1 }),
      put(coach, personId, { ...plan({ strengths: 'B' }), version: 1 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await storedVersions(personId)).toHaveLength(2);
  });

  it('lets exactly one of two parallel first saves create the plan', async () => {
    const personId = await personWithReferral();
    const answers = await Promise.all([
      put(linkWorker, personId, { ...plan(), version: 0 }),
      put(coach, personId, { ...plan(), version: 0 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await storedVersions(personId)).toHaveLength(1);
  });
});

describe('one plan shared by the team', () => {
  it('shows the link worker, the coach and the coordinator of the PCN the same plan', async () => {
    const personId = await personWithReferral();
    await put(coordinator, personId, { ...plan(), version: 0 });
    const views = await Promise.all([linkWorker, coach, coordinator].map((s) => get(s, url(personId))));
    for (const v of views) expect(v.statusCode).toBe(200);
    const [a, b, c] = views.map((v) => v.json().plan);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expect(a.content.goals[0].text).toBe('Go to the walking group once a week');
  });

  it('answers 404 to a worker of another PCN, for reads and writes alike, and stores nothing', async () => {
    const personId = await personWithReferral();
    await put(linkWorker, personId, { ...plan(), version: 0 });
    expect((await get(otherPcnWorker, url(personId))).statusCode).toBe(404);
    expect((await get(otherPcnWorker, url(personId, '/versions'))).statusCode).toBe(404);
    expect((await get(otherPcnWorker, url(personId, '/versions/compare?from=1&to=1'))).statusCode).toBe(404);
    expect((await put(otherPcnWorker, personId, { ...plan(), version: 1 })).statusCode).toBe(404);
    expect(await storedVersions(personId)).toHaveLength(1);
  });

  it('answers 404 for a person with no referral in the PCN, and for one who does not exist', async () => {
    const stranger = await createTestPerson(ctx.db, tenancy);
    expect((await get(linkWorker, url(stranger.id))).statusCode).toBe(404);
    expect((await put(linkWorker, stranger.id, { ...plan(), version: 0 })).statusCode).toBe(404);
    expect(await storedVersions(stranger.id)).toHaveLength(0);
    expect((await get(linkWorker, url('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });

  it('answers 403 to a referrer, whose role has no plan permission', async () => {
    const personId = await personWithReferral();
    expect((await get(referrer, url(personId))).statusCode).toBe(403);
    expect((await put(referrer, personId, { ...plan(), version: 0 })).statusCode).toBe(403);
    expect(await storedVersions(personId)).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('answers 400 naming each field, and stores nothing', async () => {
    const personId = await personWithReferral();
    const bad = plan();
    const res = await put(linkWorker, personId, {
      ...bad,
      version: 0,
      goals: [{ text: '', targetDate: '2026-13-45', progress: [{ date: '2026-01-12', score: 11, note: '' }] }],
      actions: [{ who: 'Me', what: 'Phone the group', byWhen: 'next week', done: 'no' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'goals.0.text',
        'goals.0.targetDate',
        'goals.0.progress.0.score',
        'actions.0.byWhen',
        'actions.0.done',
      ]),
    );
    expect(await storedVersions(personId)).toHaveLength(0);
  });

  it('refuses an empty plan (nothing that matters, no goal), naming the field; a goal alone is enough', async () => {
    const personId = await personWithReferral();
    const empty = await put(linkWorker, personId, {
      ...plan({ whatMattersToMe: '   ', goals: [], strengths: '', needs: [], actions: [] }),
      version: 0,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([
      { field: 'whatMattersToMe', message: expect.stringMatching(/^is required, or add at least one goal/) },
    ]);
    expect(await storedVersions(personId)).toHaveLength(0);
    const goalOnly = await put(linkWorker, personId, { ...plan({ whatMattersToMe: '' }), version: 0 });
    expect(goalOnly.statusCode).toBe(200);
  });

  it('refuses a need domain that is not a referral reason, naming it', async () => {
    const personId = await personWithReferral();
    const res = await put(linkWorker, personId, {
      ...plan({
        needs: [
          { domain: 'loneliness', notes: '' },
          { domain: 'astrology', notes: '' },
        ],
      }),
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'needs.1.domain', message: 'must be one of the referral reasons' }]);
    expect(await storedVersions(personId)).toHaveLength(0);
  });
});
