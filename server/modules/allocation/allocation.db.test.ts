import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { referralReference } from '../../../common/referrals.js';
import { requestsAs } from '../../test/requests.js';
import { createTestTeam, setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, signIn } from '../../test/toolkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { people } from '../people/people.tables.js';
import { referralEvents, referrals } from '../referrals/referrals.tables.js';
import { createTestReferral, type TestReferral as TestReferralRef, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';

const { ctx } = setUpTestApp();

let teamNo = 0;
/**
 * A PCN with a lead (who holds no caseload here) and one of each worker, named so ties are readable:
 * Tom, link worker, 30 × 1.0; Hannah, link worker, 40 × 0.5 = 20; Aisha, health and wellbeing coach;
 * Ben, care coordinator.
 */
function createTeam() {
  const n = ++teamNo;
  const noCaseload = { caseloadCapacity: 0 };
  const worker = { signIn: false } as const;
  return createTestTeam(ctx, {
    lead: { role: 'team_lead', name: `Lead ${n}`, ...noCaseload },
    secondLead: { role: 'team_lead', name: `Deputy ${n}`, ...noCaseload },
    tom: { role: 'link_worker', name: `Tom Okafor ${n}`, caseloadCapacity: 30, ...worker },
    hannah: {
      role: 'link_worker',
      name: `Hannah Reid ${n}`,
      fte: '0.50',
      caseloadCapacity: 40,
      languages: ['Polish'],
      ...worker,
    },
    aisha: { role: 'health_coach', name: `Aisha Khan ${n}`, ...worker },
    ben: { role: 'care_coordinator', name: `Ben Clarke ${n}`, ...worker },
  });
}
type Team = Awaited<ReturnType<typeof createTeam>>;

const { get, post } = requestsAs(ctx);
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const eventsOf = (id: string) => ctx.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));
const notificationsOf = (userId: string) => ctx.db.select().from(notifications).where(eq(notifications.userId, userId));

async function recordLeave(team: Team, userId: string, startsOn = londonToday(), endsOn = londonToday()) {
  const res = await post(team.lead, '/api/team/leave', { userId, startsOn, endsOn, reason: 'annual_leave' });
  expect(res.statusCode).toBe(201);
}

describe('GET /api/referrals/:id/allocation-suggestion', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  });

  it('suggests by the rules and says why in words', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged({ complexity: 'high' }));
    const res = await get(team.lead, `/api/referrals/${r.id}/allocation-suggestion`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.worker).toMatchObject({
      id: team.aisha.id,
      roleLabel: 'Health and wellbeing coach',
      overCapacity: false,
    });
    expect(body.role).toBe('health_coach');
    expect(body.reasons[0]).toMatch(/High complexity/);
    expect(body.reasons.join(' ')).toMatch(/has 0 open cases of 30/);
    expect(body.team.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([team.tom.id, team.hannah.id, team.aisha.id, team.ben.id]),
    );
  });

  it('prefers the worker who speaks the language when an interpreter is needed', async () => {
    const r = await createTestReferral(
      ctx.db,
      team.tenancy,
      triaged({ person: { language: 'Polish', interpreterNeeded: true } } as never),
    );
    const body = (await get(team.lead, `/api/referrals/${r.id}/allocation-suggestion`)).json();
    expect(body.worker.id).toBe(team.hannah.id);
    expect(body.reasons.join(' ')).toMatch(/speaks Polish/);
  });

  it('continuity: the worker who had this person before is suggested', async () => {
    const earlier = await createTestReferral(
      ctx.db,
      team.tenancy,
      triaged({ status: 'declined', allocatedWorkerId: team.hannah.id }),
    );
    const r = await createTestReferral(ctx.db, team.tenancy, { ...triaged(), personId: earlier.personId });
    const body = (await get(team.lead, `/api/referrals/${r.id}/allocation-suggestion`)).json();
    expect(body.worker.id).toBe(team.hannah.id);
    expect(body.reasons.join(' ')).toMatch(/worked with this person before/);
  });

  it('a referral not yet triaged has no suggestion (409); a link worker may not ask (403)', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy);
    const res = await get(team.lead, `/api/referrals/${r.id}/allocation-suggestion`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/Only a triaged referral can be allocated/);
    const worker = await signIn(ctx, team.tom);
    expect((await get(worker, `/api/referrals/${r.id}/allocation-suggestion`)).statusCode).toBe(403);
  });
});

describe('POST /api/referrals/:id/allocate', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  });

  it('accepting the suggestion allocates, records suggested and chosen worker, and tells the worker', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const suggestion = (await get(team.lead, `/api/referrals/${r.id}/allocation-suggestion`)).json();
    expect(suggestion.worker.id).toBe(team.tom.id);
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.tom.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'allocated', allocatedWorker: { id: team.tom.id } });
    const event = (await eventsOf(r.id)).at(-1);
    expect(event).toMatchObject({ type: 'allocated', fromStatus: 'triaged', toStatus: 'allocated' });
    expect(event?.details).toMatchObject({
      suggestedWorkerId: team.tom.id,
      chosenWorkerId: team.tom.id,
      overrideReason: null,
    });
    const note = (await notificationsOf(team.tom.id)).find((n) => n.link === `/referrals/${r.id}`);
    // Named, so a list of them is not every item alike.
    const [person] = await ctx.db.select().from(people).where(eq(people.id, r.personId));
    expect(note?.title).toBe(
      `New referral allocated to you: ${person?.givenName} ${person?.familyName} (${referralReference(r.id)})`,
    );
  });

  it('an override without a reason is a 400 naming overrideReason, and nothing changes', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.ben.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'overrideReason', message: expect.stringContaining("other than Waymark's suggestion") },
    ]);
    expect(await referralRow(r.id)).toMatchObject({ status: 'triaged', version: r.version, allocatedWorkerId: null });
    expect((await notificationsOf(team.ben.id)).length).toBe(0);
  });

  it('an override with a reason is allocated and the reason kept on the event', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, {
      version: r.version,
      workerId: team.ben.id,
      overrideReason: 'Ben already runs the coffee morning they want to join',
    });
    expect(res.statusCode).toBe(200);
    expect((await eventsOf(r.id)).at(-1)?.details).toMatchObject({
      chosenWorkerId: team.ben.id,
      overrideReason: 'Ben already runs the coffee morning they want to join',
    });
  });

  it('someone outside the team, or on leave, cannot be chosen (400 naming workerId)', async () => {
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'link_worker');
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, {
      version: r.version,
      workerId: stranger.id,
      overrideReason: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('workerId');

    const t2 = await createTeam();
    await recordLeave(t2, t2.tom.id);
    const r2 = await createTestReferral(ctx.db, t2.tenancy, triaged());
    const suggestion = (await get(t2.lead, `/api/referrals/${r2.id}/allocation-suggestion`)).json();
    expect(suggestion.worker.id).toBe(t2.hannah.id);
    expect(suggestion.reasons.join(' ')).toMatch(/Tom Okafor \d+ is on leave until/);
    const onLeave = await post(t2.lead, `/api/referrals/${r2.id}/allocate`, {
      version: r2.version,
      workerId: t2.tom.id,
      overrideReason: 'They know the family',
    });
    expect(onLeave.statusCode).toBe(400);
    expect(onLeave.json().errors).toEqual([{ field: 'workerId', message: expect.stringMatching(/on leave until/) }]);
    expect((await referralRow(r2.id))?.status).toBe('triaged');
  });

  it('two leads allocating the same referral at once: exactly one wins, the other gets 409 saying what happened', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const results = await Promise.all([
      post(team.lead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.tom.id }),
      post(team.secondLead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.tom.id }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((x) => x.statusCode === 409)?.json().detail).toMatch(
      /Someone else changed this referral while you were looking at it: it is now allocated/,
    );
    expect((await eventsOf(r.id)).filter((e) => e.type === 'allocated')).toHaveLength(1);
    const notes = (await notificationsOf(team.tom.id)).filter((n) => n.link === `/referrals/${r.id}`);
    expect(notes).toHaveLength(1);
  });

  it('allocating a referral that is not triaged is an invalid move (409)', async () => {
    const r = await createTestReferral(ctx.db, team.tenancy);
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.tom.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('A referral that is received cannot be moved to allocated.');
  });

  it("another PCN's referral is not found (404); a link worker cannot allocate (403)", async () => {
    const elsewhere = await createTeam();
    const r = await createTestReferral(ctx.db, elsewhere.tenancy, triaged());
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, { version: r.version, workerId: team.tom.id });
    expect(res.statusCode).toBe(404);
    const worker = await signIn(ctx, elsewhere.tom);
    const denied = await post(worker, `/api/referrals/${r.id}/allocate`, {
      version: r.version,
      workerId: elsewhere.tom.id,
    });
    expect(denied.statusCode).toBe(403);
    expect((await referralRow(r.id))?.status).toBe('triaged');
  });

  it.each([
    ['workerId', { workerId: 'not-an-id' }],
    ['version', { version: 'one' }],
    ['overrideReason', { overrideReason: 'x'.repeat(1001) }],
  ])('bad input → 400 naming %s, nothing changed', async (field, change) => {
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const res = await post(team.lead, `/api/referrals/${r.id}/allocate`, {
      version: r.version,
      workerId: team.tom.id,
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await referralRow(r.id))?.status).toBe('triaged');
  });
});

describe('POST /api/triage/allocate-all', () => {
  it('previews without changing anything, then allocates the whole queue balanced, one event each', async () => {
    const team = await createTeam();
    const hour = 3_600_000;
    const now = Date.now();
    const rs = [];
    for (let i = 0; i < 6; i++) {
      rs.push(await createTestReferral(ctx.db, team.tenancy, triaged({ receivedAt: new Date(now - (10 - i) * hour) })));
    }
    const urgent = await createTestReferral(ctx.db, team.tenancy, triaged({ priority: 'urgent', complexity: 'high' }));
    const preview = await post(team.lead, '/api/triage/allocate-all', { dryRun: true });
    expect(preview.statusCode).toBe(200);
    const plan = preview.json();
    expect(plan.dryRun).toBe(true);
    expect(plan.items[0].referralId).toBe(urgent.id);
    expect(plan.items[0].worker.id).toBe(team.aisha.id);
    // Tom (30 free) and Hannah (20 free) share the six: Tom takes them until they are level.
    expect(plan.items.slice(1).map((i: { worker: { id: string } }) => i.worker.id)).toEqual(Array(6).fill(team.tom.id));
    for (const r of [...rs, urgent]) expect((await referralRow(r.id))?.status).toBe('triaged');

    // Same input, same plan.
    const again = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    expect(again.planId).toBe(plan.planId);
    expect(again.items).toEqual(plan.items);

    const done = await post(team.lead, '/api/triage/allocate-all', { planId: plan.planId });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, allocated: 7, left: 0 });
    for (const r of rs) {
      expect(await referralRow(r.id)).toMatchObject({ status: 'allocated', allocatedWorkerId: team.tom.id });
      expect((await eventsOf(r.id)).filter((e) => e.type === 'allocated')).toHaveLength(1);
    }
    expect((await notificationsOf(team.tom.id)).map((n) => n.title)).toContain('6 new referrals allocated to you');
  });

  it('balances across workers counting what it just assigned, and never goes over capacity while someone has room', async () => {
    const tenancy = await createTestTenancy(ctx.db);
    const lead = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'team_lead', { caseloadCapacity: 0 }));
    const a = await createTestUser(ctx.db, tenancy, 'link_worker', { name: 'Amy', caseloadCapacity: 3 });
    const b = await createTestUser(ctx.db, tenancy, 'link_worker', { name: 'Bob', caseloadCapacity: 2 });
    for (let i = 0; i < 6; i++) await createTestReferral(ctx.db, tenancy, triaged());
    const res = await post(lead, '/api/triage/allocate-all', {});
    expect(res.statusCode).toBe(200);
    const workers = res
      .json()
      .items.map((i: { worker: { name: string; overCapacity: boolean } }) => [i.worker.name, i.worker.overCapacity]);
    expect(workers).toEqual([
      ['Amy', false],
      ['Amy', false], // 2 free each: tie, by name
      ['Bob', false],
      ['Amy', false],
      ['Bob', false],
      ['Amy', true], // nobody has room: the least loaded (a tie at 0 free: by name), flagged
    ]);
    const allocatedTo = async (id: string) =>
      (
        await ctx.db
          .select()
          .from(referrals)
          .where(and(eq(referrals.allocatedWorkerId, id), eq(referrals.status, 'allocated')))
      ).length;
    expect([await allocatedTo(a.id), await allocatedTo(b.id)]).toEqual([4, 2]);
  });

  it('refuses a stale plan (409) and changes nothing', async () => {
    const team = await createTeam();
    const r = await createTestReferral(ctx.db, team.tenancy, triaged());
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    await createTestReferral(ctx.db, team.tenancy, triaged({ priority: 'urgent' }));
    const res = await post(team.lead, '/api/triage/allocate-all', { planId: plan.planId });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/changed since you looked at the plan/);
    expect((await referralRow(r.id))?.status).toBe('triaged');
  });

  it('two leads allocating all at once: one allocates, the other gets 409; nothing is allocated twice', async () => {
    const team = await createTeam();
    const rs = [];
    for (let i = 0; i < 3; i++) rs.push(await createTestReferral(ctx.db, team.tenancy, triaged()));
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    const results = await Promise.all([
      post(team.lead, '/api/triage/allocate-all', { planId: plan.planId }),
      post(team.secondLead, '/api/triage/allocate-all', { planId: plan.planId }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    for (const r of rs) expect((await eventsOf(r.id)).filter((e) => e.type === 'allocated')).toHaveLength(1);
  });

  it('the lead changes the worker of a row and leaves a row out: exactly that plan is confirmed', async () => {
    const team = await createTeam();
    const now = Date.now();
    const rs = [];
    for (let i = 0; i < 3; i++) {
      rs.push(
        await createTestReferral(ctx.db, team.tenancy, triaged({ receivedAt: new Date(now - (9 - i) * 3_600_000) })),
      );
    }
    const [first, second, third] = rs as [TestReferralRef, TestReferralRef, TestReferralRef];
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    expect(plan.items.map((i: { worker: { id: string } }) => i.worker.id)).toEqual(Array(3).fill(team.tom.id));
    expect(plan.team.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([team.hannah.id, team.ben.id]));
    const rows = [
      { referralId: first.id, workerId: team.hannah.id },
      { referralId: second.id, workerId: null },
      { referralId: third.id, workerId: team.tom.id },
    ];

    // The edited plan previewed: the choices, what Waymark suggested, nothing changed yet.
    const edited = await post(team.lead, '/api/triage/allocate-all', { dryRun: true, planId: plan.planId, rows });
    expect(edited.statusCode).toBe(200);
    const items = edited.json().items;
    expect(items[0]).toMatchObject({
      worker: { id: team.hannah.id },
      suggestedWorker: { id: team.tom.id },
      changed: true,
      warnings: [],
    });
    expect(items[1]).toMatchObject({ worker: null, suggestedWorker: { id: team.tom.id }, changed: true });
    expect(items[2]).toMatchObject({ worker: { id: team.tom.id }, changed: false });
    expect(edited.json()).toMatchObject({ allocated: 0, left: 1 });
    for (const r of rs) expect((await referralRow(r.id))?.status).toBe('triaged');

    const done = await post(team.lead, '/api/triage/allocate-all', { planId: plan.planId, rows });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, allocated: 2, left: 1 });
    expect(await referralRow(first.id)).toMatchObject({ status: 'allocated', allocatedWorkerId: team.hannah.id });
    expect(await referralRow(second.id)).toMatchObject({ status: 'triaged', allocatedWorkerId: null });
    expect(await referralRow(third.id)).toMatchObject({ status: 'allocated', allocatedWorkerId: team.tom.id });
    expect((await eventsOf(first.id)).find((e) => e.type === 'allocated')?.details).toMatchObject({
      allocateAll: true,
      suggestedWorkerId: team.tom.id,
      chosenWorkerId: team.hannah.id,
      changedInPlan: true,
    });
    expect((await eventsOf(second.id)).map((e) => e.type)).not.toContain('allocated');
    const toHannah = (await notificationsOf(team.hannah.id)).map((n) => n.title);
    expect(toHannah).toEqual([expect.stringMatching(/^New referral allocated to you: /)]);
  });

  it('a choice against the rules or over capacity is explained as a warning, and can still be confirmed', async () => {
    const team = await createTeam();
    const full = await createTestUser(ctx.db, team.tenancy, 'link_worker', { name: 'Zed Full', caseloadCapacity: 1 });
    await createTestReferral(ctx.db, team.tenancy, triaged({ status: 'allocated', allocatedWorkerId: full.id }));
    const complex = await createTestReferral(ctx.db, team.tenancy, triaged({ priority: 'urgent', complexity: 'high' }));
    const simple = await createTestReferral(ctx.db, team.tenancy, triaged());
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    expect(plan.items[0]).toMatchObject({ referralId: complex.id, worker: { id: team.aisha.id } });
    const rows = [
      { referralId: complex.id, workerId: team.ben.id },
      { referralId: simple.id, workerId: full.id },
    ];
    const edited = (
      await post(team.lead, '/api/triage/allocate-all', { dryRun: true, planId: plan.planId, rows })
    ).json();
    expect(edited.items[0].warnings).toEqual([
      expect.stringMatching(
        /is a care coordinator, but the rules give this referral to a health and wellbeing coach\. High complexity/,
      ),
    ]);
    expect(edited.items[1].warnings).toEqual([
      'Zed Full would have 2 open cases, over their capacity of 1 (caseload capacity × FTE).',
    ]);
    expect(edited.items[1].worker).toMatchObject({ id: full.id, overCapacity: true });

    const done = await post(team.lead, '/api/triage/allocate-all', { planId: plan.planId, rows });
    expect(done.statusCode).toBe(200);
    expect(await referralRow(complex.id)).toMatchObject({ status: 'allocated', allocatedWorkerId: team.ben.id });
    const event = (await eventsOf(simple.id)).find((e) => e.type === 'allocated');
    expect(event?.details).toMatchObject({ chosenWorkerId: full.id, overCapacity: true });
    expect((event?.details as { warnings?: string[] } | undefined)?.warnings).toHaveLength(1);
  });

  it('bad rows are a 400 naming each field, and nothing changes', async () => {
    const team = await createTeam();
    const a = await createTestReferral(ctx.db, team.tenancy, triaged());
    const b = await createTestReferral(ctx.db, team.tenancy, triaged());
    const c = await createTestReferral(ctx.db, team.tenancy, triaged());
    const notInPlan = await createTestReferral(ctx.db, team.tenancy);
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'link_worker');
    await recordLeave(team, team.hannah.id);
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    const fields = async (body: object) => {
      const res = await post(team.lead, '/api/triage/allocate-all', body);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    };
    expect(
      await fields({
        planId: plan.planId,
        rows: [
          { referralId: notInPlan.id, workerId: team.tom.id },
          { referralId: a.id, workerId: stranger.id },
          { referralId: b.id, workerId: team.hannah.id },
        ],
      }),
    ).toEqual([
      'rows.0.referralId: is not a referral of this plan',
      'rows.1.workerId: is not a member of your team who holds a caseload',
      `rows.2.workerId: is on leave until ${londonToday()}: choose someone who is at work`,
      expect.stringMatching(
        `^rows: must list every referral of the plan once \\(missing ${referralReference(c.id)}\\)$`,
      ),
    ]);
    expect(
      await fields({
        planId: plan.planId,
        rows: [
          { referralId: a.id, workerId: team.tom.id },
          { referralId: a.id, workerId: null },
        ],
      }),
    ).toEqual(['rows.1.referralId: is listed twice']);
    expect(await fields({ rows: [{ referralId: a.id, workerId: 'tom' }] })).toEqual([
      'rows.0.workerId: must be the id of a member of your team, or null to leave it in the queue',
      'planId: is required with rows: the plan id from the preview',
    ]);
    for (const r of [a, b, c]) expect((await referralRow(r.id))?.status).toBe('triaged');
  });

  it('a row that changed since the preview: 409, and nothing is allocated', async () => {
    const team = await createTeam();
    const a = await createTestReferral(ctx.db, team.tenancy, triaged());
    const b = await createTestReferral(ctx.db, team.tenancy, triaged());
    const plan = (await post(team.lead, '/api/triage/allocate-all', { dryRun: true })).json();
    const byHand = await post(team.lead, `/api/referrals/${b.id}/allocate`, {
      version: b.version,
      workerId: plan.items.find((i: { referralId: string }) => i.referralId === b.id).worker.id,
    });
    expect(byHand.statusCode).toBe(200);
    const res = await post(team.lead, '/api/triage/allocate-all', {
      planId: plan.planId,
      rows: [
        { referralId: a.id, workerId: team.hannah.id },
        { referralId: b.id, workerId: team.hannah.id },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(await referralRow(a.id)).toMatchObject({ status: 'triaged', allocatedWorkerId: null });
  });

  it('a link worker cannot allocate all (403)', async () => {
    const team = await createTeam();
    const worker = await signIn(ctx, team.tom);
    expect((await post(worker, '/api/triage/allocate-all', { dryRun: true })).statusCode).toBe(403);
  });
});
