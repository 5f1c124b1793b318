import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { referralReference } from '../../../common/referrals.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type Session, signIn, type TestUser } from '../../test/toolkit.js';
import { notifications, outbox } from '../notifications/notifications.tables.js';
import { practices } from '../organisations/organisations.tables.js';
import { referralEvents, referrals } from '../referrals/referrals.tables.js';
import { createAllocatedReferral, createTestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';

const {
  ctx,
  tenancy,
  lead,
  tom,
  tom: tomSession,
  hannah,
  hannah: hannahSession,
  ben,
  ben: benSession,
  referrer,
} = setUpTestApp({
  team: {
    lead: { role: 'team_lead', caseloadCapacity: 0 },
    tom: { role: 'link_worker', name: 'Tom Okafor' },
    hannah: { role: 'link_worker', name: 'Hannah Reid' },
    ben: { role: 'care_coordinator', name: 'Ben Clarke' },
    referrer: 'referrer',
  },
});
let practiceEmail: string;

beforeAll(async () => {
  practiceEmail = `practice.${tenancy.practiceId.slice(0, 8)}@nhs.test`;
  await ctx.db.update(practices).set({ email: practiceEmail }).where(eq(practices.id, tenancy.practiceId));
});

const DAY = 86_400_000;
const allocatedTo = (worker: TestUser, extra: Parameters<typeof triaged>[0] = {}) =>
  createAllocatedReferral(ctx.db, tenancy, worker, extra);
const caseload = async (s: Session) => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/caseload', headers: { cookie: s.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const { post } = requestsAs(ctx);
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const eventsOf = (id: string) => ctx.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));
const emailsToPractice = () => ctx.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${practiceEmail}`);

describe('GET /api/caseload', () => {
  it("lists the worker's own open cases, soonest first contact first, with due and overdue; nobody else's", async () => {
    const overdue = await allocatedTo(tom, { firstContactDueAt: new Date(Date.now() - 2 * DAY) });
    const later = await allocatedTo(tom, { firstContactDueAt: new Date(Date.now() + 5 * DAY) });
    const contacted = await allocatedTo(tom, { status: 'first_contact', firstContactAt: new Date() });
    const closed = await allocatedTo(tom, { status: 'declined' });
    const hannahs = await allocatedTo(hannah);

    const body = await caseload(tomSession);
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([overdue.id, later.id, contacted.id]));
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(hannahs.id);
    const byId = (id: string) => body.items.find((i: { id: string }) => i.id === id);
    expect(byId(overdue.id).firstContactDue).toBe('overdue');
    expect(byId(later.id).firstContactDue).toBe('upcoming');
    expect(byId(contacted.id).firstContactDue).toBe('made');
    expect(body.counts.overdue).toBeGreaterThanOrEqual(1);
    expect((await caseload(hannahSession)).items.map((i: { id: string }) => i.id)).toContain(hannahs.id);
  });

  it('a referrer has no caseload (403)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/caseload', headers: { cookie: referrer.cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/referrals/:id/first-contact', () => {
  it('the person accepts: first contact made, coded 871731000000106', async () => {
    const r = await allocatedTo(tom);
    const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'accepted',
      mode: 'phone',
      durationMinutes: 20,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'first_contact', version: r.version + 1 });
    expect(res.json().firstContactAt).not.toBeNull();
    expect((await eventsOf(r.id)).at(-1)).toMatchObject({
      type: 'first_contact',
      fromStatus: 'allocated',
      toStatus: 'first_contact',
      snomedCode: '871731000000106',
    });
  });

  it('the person declines: declined, coded 871711000000103, and the practice is told', async () => {
    const r = await allocatedTo(tom);
    const before = (await emailsToPractice()).length;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'declined',
      at,
      mode: 'face_to_face',
      durationMinutes: 15,
      note: 'Does not want support just now.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', closureReason: 'person_declined' });
    expect((await referralRow(r.id))?.firstContactAt?.toISOString()).toBe(at);
    expect((await eventsOf(r.id)).at(-1)).toMatchObject({ type: 'declined', snomedCode: '871711000000103' });
    const emails = await emailsToPractice();
    expect(emails.length).toBe(before + 1);
    expect(emails.at(-1)?.payload.text).not.toContain('Does not want support');
  });

  it('not contactable: closed as not contactable', async () => {
    const r = await allocatedTo(tom);
    const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'not_contactable',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('not_contactable');
  });

  it('only the allocated or covering worker: another worker gets 404 and nothing changes', async () => {
    const r = await allocatedTo(tom);
    const res = await post(hannahSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'accepted',
      mode: 'phone',
      durationMinutes: 10,
    });
    expect(res.statusCode).toBe(404);
    expect((await referralRow(r.id))?.status).toBe('allocated');
    // The lead may allocate but is not the worker: also 404.
    expect(
      (
        await post(lead, `/api/referrals/${r.id}/first-contact`, {
          version: r.version,
          outcome: 'accepted',
          mode: 'phone',
          durationMinutes: 10,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('recording it twice is an invalid move (409); a future time or unknown outcome is a 400', async () => {
    const r = await allocatedTo(tom);
    const url = `/api/referrals/${r.id}/first-contact`;
    expect(
      (await post(tomSession, url, { version: r.version, outcome: 'accepted', mode: 'phone', durationMinutes: 10 }))
        .statusCode,
    ).toBe(200);
    const twice = await post(tomSession, url, { version: r.version + 1, outcome: 'not_contactable' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('A referral that is first contact made cannot be moved to not contactable.');

    const r2 = await allocatedTo(tom);
    const future = await post(tomSession, `/api/referrals/${r2.id}/first-contact`, {
      version: r2.version,
      outcome: 'accepted',
      at: new Date(Date.now() + DAY).toISOString(),
      mode: 'phone',
      durationMinutes: 10,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ field: 'at', message: 'must not be in the future' }]);
    const unknown = await post(tomSession, `/api/referrals/${r2.id}/first-contact`, {
      version: r2.version,
      outcome: 'maybe',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('outcome');
    expect((await referralRow(r2.id))?.status).toBe('allocated');
  });

  it('the first contact is a contact: the case, the caseload and the GP message all count it', async () => {
    const r = await allocatedTo(tom);
    const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'accepted',
      at,
      mode: 'phone',
      durationMinutes: 25,
    });
    expect(res.statusCode).toBe(200);
    const kase = await ctx.app.inject({
      method: 'GET',
      url: `/api/referrals/${r.id}/case`,
      headers: { cookie: tomSession.cookie },
    });
    expect(kase.json().contacts).toEqual({ total: 1, attended: 1 });
    const item = (await caseload(tomSession)).items.find((i: { id: string }) => i.id === r.id);
    expect(item?.lastContactAt).toBe(at);
  });

  it('accepted or declined without how and how long is a 400 naming both; nothing changes', async () => {
    const r = await allocatedTo(tom);
    for (const outcome of ['accepted', 'declined']) {
      const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, { version: r.version, outcome });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { field: 'mode', message: 'is required: say how you reached them' },
        { field: 'durationMinutes', message: 'is required: say how long the contact was' },
      ]);
    }
    expect((await referralRow(r.id))?.status).toBe('allocated');
  });

  it('a first contact before the allocation names the day it was allocated', async () => {
    const r = await allocatedTo(tom);
    const allocatedAt = (await referralRow(r.id))?.allocatedAt as Date;
    const res = await post(tomSession, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'accepted',
      at: new Date(allocatedAt.getTime() - 2 * DAY).toISOString(),
      mode: 'phone',
      durationMinutes: 10,
    });
    expect(res.statusCode).toBe(400);
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(allocatedAt);
    expect(res.json().errors).toEqual([
      { field: 'at', message: `must be on or after the day the referral was allocated (${day})` },
    ]);
  });

  it('a referrer cannot record contact (403)', async () => {
    const r = await allocatedTo(tom);
    const res = await post(referrer, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'accepted',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('cover: hand all of a worker’s open cases to a colleague, and back', () => {
  it('hands over in one action, the cover worker sees them marked as cover and can record contact; then back', async () => {
    const t = await createTestTenancy(ctx.db);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead', { caseloadCapacity: 0 }));
    const away = await createTestUser(ctx.db, t, 'link_worker', { name: 'Away Worker' });
    const cover = await createTestUser(ctx.db, t, 'care_coordinator', { name: 'Cover Worker' });
    const coverSession = await signIn(ctx, cover);
    const awaySession = await signIn(ctx, away);
    const mk = (extra = {}) =>
      createTestReferral(
        ctx.db,
        t,
        triaged({ status: 'allocated', allocatedWorkerId: away.id, allocatedAt: new Date(Date.now() - DAY), ...extra }),
      );
    const a = await mk();
    const b = await mk({ status: 'first_contact' });
    const closed = await mk({ status: 'declined' });

    const res = await post(l, `/api/team/members/${away.id}/cover`, { coverWorkerId: cover.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ moved: 2 });
    expect((await referralRow(a.id))?.coverWorkerId).toBe(cover.id);
    expect((await referralRow(closed.id))?.coverWorkerId).toBeNull();
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({ type: 'cover_started', toStatus: 'allocated' });
    const note = (await ctx.db.select().from(notifications).where(eq(notifications.userId, cover.id))).at(-1);
    expect(note?.title).toBe('2 cases handed to you to cover for Away Worker');

    const covering = await caseload(coverSession);
    expect(covering.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(covering.items[0].cover).toEqual({ kind: 'covering', worker: { id: away.id, name: 'Away Worker' } });
    expect(covering.counts.covering).toBe(2);
    const own = await caseload(awaySession);
    expect(own.items.find((i: { id: string }) => i.id === a.id).cover).toMatchObject({ kind: 'covered' });

    const workload = (
      await ctx.app.inject({ method: 'GET', url: '/api/team/workload', headers: { cookie: l.cookie } })
    ).json();
    const awayRow = workload.members.find((m: { id: string }) => m.id === away.id);
    expect(awayRow).toMatchObject({ ownCases: 2, workingCases: 0, coveredBy: [{ id: cover.id, count: 2 }] });
    expect(workload.members.find((m: { id: string }) => m.id === cover.id)).toMatchObject({ workingCases: 2 });

    // The covering worker may record the first contact.
    const version = (await referralRow(a.id))?.version as number;
    const contact = await post(coverSession, `/api/referrals/${a.id}/first-contact`, {
      version,
      outcome: 'accepted',
      mode: 'phone',
      durationMinutes: 10,
    });
    expect(contact.statusCode).toBe(200);

    const back = await post(l, `/api/team/members/${away.id}/cover/end`);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ returned: 2 });
    expect((await referralRow(a.id))?.coverWorkerId).toBeNull();
    expect((await eventsOf(b.id)).at(-1)).toMatchObject({ type: 'cover_ended' });
    expect((await caseload(coverSession)).items).toHaveLength(0);
  });

  it('the cover worker must be another member of the team who is at work (400 naming coverWorkerId)', async () => {
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'care_coordinator');
    for (const coverWorkerId of [tom.id, stranger.id]) {
      const res = await post(lead, `/api/team/members/${tom.id}/cover`, { coverWorkerId });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('coverWorkerId');
    }
    const leave = await post(lead, '/api/team/leave', {
      userId: ben.id,
      startsOn: londonToday(),
      endsOn: londonToday(),
      reason: 'sickness',
    });
    expect(leave.statusCode).toBe(201);
    const res = await post(lead, `/api/team/members/${tom.id}/cover`, { coverWorkerId: ben.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/on leave until/);
  });

  it('splits the cases between colleagues: a colleague per case, the rest to the stand-in, one notice each', async () => {
    const t = await createTestTenancy(ctx.db);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead', { caseloadCapacity: 0 }));
    const away = await createTestUser(ctx.db, t, 'health_coach', { name: 'Away Coach' });
    const cc = await createTestUser(ctx.db, t, 'care_coordinator', { name: 'Cara Coordinator' });
    const lw = await createTestUser(ctx.db, t, 'link_worker', { name: 'Lee Linkworker' });
    const coach = await createTestUser(ctx.db, t, 'health_coach', { name: 'Hope Coach' });
    const mk = (extra = {}) =>
      createTestReferral(ctx.db, t, triaged({ status: 'active', allocatedWorkerId: away.id, ...extra }));
    const complex = await mk({ complexity: 'high' });
    const pam1 = await mk({ predictedPam: 1 });
    const simple = await mk({ complexity: 'low' });
    const other = await mk({ complexity: 'medium' });

    const plan = await ctx.app.inject({
      method: 'GET',
      url: `/api/team/members/${away.id}/handover`,
      headers: { cookie: l.cookie },
    });
    expect(plan.statusCode).toBe(200);
    const body = plan.json();
    expect(body.defaultCoverWorkerId).toBe(cc.id);
    // The lead holds a caseload role too, so may cover.
    expect(body.colleagues.map((c: { id: string }) => c.id).sort()).toEqual(
      [cc.id, lw.id, coach.id, l.me.user.id].sort(),
    );
    const reasonOf = (id: string) => body.cases.find((c: { referralId: string }) => c.referralId === id).coachReason;
    expect(reasonOf(complex.id)).toMatch(/^High complexity/);
    expect(reasonOf(pam1.id)).toMatch(/^Predicted PAM level 1/);
    expect(reasonOf(simple.id)).toBeNull();

    const res = await post(l, `/api/team/members/${away.id}/cover`, {
      coverWorkerId: cc.id,
      cases: [
        { referralId: complex.id, coverWorkerId: coach.id },
        { referralId: pam1.id, coverWorkerId: lw.id },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ moved: 4, coverWorker: { id: cc.id }, warnings: [] });
    expect(
      res
        .json()
        .handedTo.map((h: { name: string; count: number }) => `${h.name}: ${h.count}`)
        .sort(),
    ).toEqual(['Cara Coordinator: 2', 'Hope Coach: 1', 'Lee Linkworker: 1']);
    expect((await referralRow(complex.id))?.coverWorkerId).toBe(coach.id);
    expect((await referralRow(pam1.id))?.coverWorkerId).toBe(lw.id);
    expect((await referralRow(simple.id))?.coverWorkerId).toBe(cc.id);
    expect((await referralRow(other.id))?.coverWorkerId).toBe(cc.id);
    const titles = async (id: string) =>
      (await ctx.db.select().from(notifications).where(eq(notifications.userId, id))).map((n) => n.title);
    expect(await titles(cc.id)).toEqual(['2 cases handed to you to cover for Away Coach']);
    expect(await titles(lw.id)).toEqual(['1 case handed to you to cover for Away Coach']);
  });

  it('a high-complexity or PAM level 1 case goes to a care coordinator only when the lead confirms it', async () => {
    const t = await createTestTenancy(ctx.db);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead', { caseloadCapacity: 0 }));
    const away = await createTestUser(ctx.db, t, 'health_coach', { name: 'Away Coach' });
    const cc = await createTestUser(ctx.db, t, 'care_coordinator', { name: 'Cara Coordinator' });
    const complex = await createTestReferral(
      ctx.db,
      t,
      triaged({ status: 'active', allocatedWorkerId: away.id, complexity: 'high' }),
    );
    const simple = await createTestReferral(ctx.db, t, triaged({ status: 'active', allocatedWorkerId: away.id }));

    const workload = (
      await ctx.app.inject({ method: 'GET', url: '/api/team/workload', headers: { cookie: l.cookie } })
    ).json();
    expect(workload.members.find((m: { id: string }) => m.id === away.id).coachCases).toBe(1);

    // The one-colleague handover (the old request) is held back too, naming the field to confirm.
    for (const body of [
      { coverWorkerId: cc.id },
      { cases: [{ referralId: complex.id, coverWorkerId: cc.id }] },
      { coverWorkerId: cc.id, confirmCareCoordinator: false },
    ]) {
      const res = await post(l, `/api/team/members/${away.id}/cover`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        {
          field: 'confirmCareCoordinator',
          message: `must be true to hand 1 case the rules give a health and wellbeing coach (high complexity or predicted PAM level 1) to a care coordinator: ${referralReference(complex.id)}`,
        },
      ]);
    }
    for (const r of [complex, simple]) expect((await referralRow(r.id))?.coverWorkerId).toBeNull();
    expect(await eventsOf(complex.id)).toHaveLength(2);

    const res = await post(l, `/api/team/members/${away.id}/cover`, {
      coverWorkerId: cc.id,
      confirmCareCoordinator: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      moved: 2,
      warnings: [{ referralId: complex.id, message: expect.stringMatching(/Cara Coordinator is a care coordinator/) }],
    });
    expect((await eventsOf(complex.id)).at(-1)).toMatchObject({
      type: 'cover_started',
      details: { coverWorkerId: cc.id, confirmedByLead: true, warning: expect.stringMatching(/^High complexity/) },
    });
    expect((await eventsOf(simple.id)).at(-1)?.details).not.toHaveProperty('warning');
  });

  it('bad handovers are a 400 naming the field, and nothing changes; a case closed meanwhile is a 409', async () => {
    const t = await createTestTenancy(ctx.db);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead', { caseloadCapacity: 0 }));
    const away = await createTestUser(ctx.db, t, 'link_worker', { name: 'Away Worker' });
    const other = await createTestUser(ctx.db, t, 'link_worker', { name: 'Other Worker' });
    const cc = await createTestUser(ctx.db, t, 'care_coordinator');
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'care_coordinator');
    const own = await createTestReferral(ctx.db, t, triaged({ status: 'active', allocatedWorkerId: away.id }));
    const theirs = await createTestReferral(ctx.db, t, triaged({ status: 'active', allocatedWorkerId: other.id }));
    const closed = await createTestReferral(ctx.db, t, triaged({ status: 'discharged', allocatedWorkerId: away.id }));
    const errors = async (body: object) => {
      const res = await post(l, `/api/team/members/${away.id}/cover`, body);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    };
    expect(await errors({})).toEqual([
      'coverWorkerId: is required: say who covers the cases (or give a colleague for each case in cases)',
    ]);
    expect(
      await errors({
        cases: [
          { referralId: theirs.id, coverWorkerId: cc.id },
          { referralId: own.id, coverWorkerId: stranger.id },
          { referralId: own.id, coverWorkerId: away.id },
        ],
      }),
    ).toEqual(['cases.2.referralId: is listed twice']);
    expect(
      await errors({
        cases: [
          { referralId: theirs.id, coverWorkerId: cc.id },
          { referralId: own.id, coverWorkerId: stranger.id },
        ],
      }),
    ).toEqual([
      'cases.0.referralId: is not one of Away Worker’s cases',
      'cases.1.coverWorkerId: is not a member of your team',
    ]);
    expect(await errors({ cases: [{ referralId: own.id, coverWorkerId: away.id }] })).toEqual([
      'cases.0.coverWorkerId: must be someone other than the person who is away',
    ]);
    expect(await errors({ cases: 'all of them' })).toEqual(['cases: must be a list of cases, each with who covers it']);
    for (const r of [own, theirs]) expect((await referralRow(r.id))?.coverWorkerId).toBeNull();

    const gone = await post(l, `/api/team/members/${away.id}/cover`, {
      cases: [
        { referralId: own.id, coverWorkerId: cc.id },
        { referralId: closed.id, coverWorkerId: cc.id },
      ],
    });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().detail).toMatch(/no longer open/);
    expect((await referralRow(own.id))?.coverWorkerId).toBeNull();
  });

  it("another PCN's worker is not found (404); a link worker cannot hand cases over (403)", async () => {
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'link_worker');
    expect((await post(lead, `/api/team/members/${stranger.id}/cover`, { coverWorkerId: hannah.id })).statusCode).toBe(
      404,
    );
    expect((await post(lead, `/api/team/members/${stranger.id}/cover/end`)).statusCode).toBe(404);
    expect(
      (await post(hannahSession, `/api/team/members/${tom.id}/cover`, { coverWorkerId: hannah.id })).statusCode,
    ).toBe(403);
    expect((await post(benSession, `/api/team/members/${tom.id}/cover/end`)).statusCode).toBe(403);
    const handover = (s: Session, id: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/team/members/${id}/handover`, headers: { cookie: s.cookie } });
    expect((await handover(lead, stranger.id)).statusCode).toBe(404);
    expect((await handover(hannahSession, tom.id)).statusCode).toBe(403);
  });
});
