import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { outbox } from '../notifications/notifications.tables.js';
import { practices } from '../organisations/organisations.tables.js';
import { referralEvents, referrals } from '../referrals/referrals.tables.js';
import { principalOf } from '../users/users.service.js';
import { users } from '../users/users.tables.js';
import { createTestReferral, triaged } from './test-referrals.js';
import { triageReferral } from './triage.service.js';

const { ctx, tenancy, other, lead, secondLead, linkWorker, referrer, otherLead } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    lead: 'team_lead',
    secondLead: 'team_lead',
    linkWorker: 'link_worker',
    referrer: 'referrer',
    otherLead: { role: 'team_lead', at: 'other' },
  },
});
let practiceEmail: string;

beforeAll(async () => {
  practiceEmail = `practice.${tenancy.practiceId.slice(0, 8)}@nhs.test`;
  await ctx.db.update(practices).set({ email: practiceEmail }).where(eq(practices.id, tenancy.practiceId));
});

const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const eventsOf = (id: string) => ctx.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));
const emailsToPractice = () => ctx.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${practiceEmail}`);

const queue = (session: Session, query = '') =>
  ctx.app.inject({ method: 'GET', url: `/api/triage/queue${query}`, headers: { cookie: session.cookie } });
const post = (session: Session, url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });

const decision = (version: number, extra: Record<string, unknown> = {}) => ({
  version,
  priority: 'soon',
  complexity: 'medium',
  predictedPam: 3,
  recommendedRole: 'link_worker',
  signpostingOnly: false,
  notes: 'Keen to join a walking group.',
  ...extra,
});

describe('GET /api/triage/queue', () => {
  it("lists every open, unallocated referral of the lead's PCN, most urgent first, then longest waiting", async () => {
    const t = tenancy;
    const hour = 3_600_000;
    const now = Date.now();
    const routineOld = await createTestReferral(ctx.db, t, { receivedAt: new Date(now - 50 * hour) });
    const routineNew = await createTestReferral(ctx.db, t, { receivedAt: new Date(now - 1 * hour) });
    const soonAsked = await createTestReferral(ctx.db, t, {
      urgencyRequested: 'soon',
      receivedAt: new Date(now - 2 * hour),
    });
    // Triaged as urgent though asked as routine: the lead's priority wins.
    const urgentTriaged = await createTestReferral(
      ctx.db,
      t,
      triaged({ priority: 'urgent', urgencyRequested: 'routine', receivedAt: new Date(now - 3 * hour) }),
    );
    const allocated = await createTestReferral(ctx.db, t, triaged({ status: 'allocated' }));
    const declined = await createTestReferral(ctx.db, t, { status: 'declined' });
    const elsewhere = await createTestReferral(ctx.db, other, { urgencyRequested: 'urgent' });

    const res = await queue(lead);
    expect(res.statusCode).toBe(200);
    const ids: string[] = res.json().items.map((i: { id: string }) => i.id);
    const mine = ids.filter((id) => [routineOld, routineNew, soonAsked, urgentTriaged].some((r) => r.id === id));
    expect(mine).toEqual([urgentTriaged.id, soonAsked.id, routineOld.id, routineNew.id]);
    expect(ids).not.toContain(allocated.id);
    expect(ids).not.toContain(declined.id);
    expect(ids).not.toContain(elsewhere.id);
    const item = res.json().items.find((i: { id: string }) => i.id === urgentTriaged.id);
    expect(item).toMatchObject({ status: 'triaged', queuePriority: 'urgent', urgencyRequested: 'routine' });
    expect(item.person.givenName).toMatch(/^Given/);
    expect(item.reasons).toEqual([{ code: 'loneliness', label: 'Loneliness' }]);
  });

  it('filters by status, priority, reason, practice and safeguarding; counts stay those of the whole queue', async () => {
    const t = await createTestTenancy(ctx.db, tenancy.icbId);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead'));
    const a = await createTestReferral(ctx.db, t, { reasons: ['debt', 'housing'], safeguardingConcern: true });
    const b = await createTestReferral(ctx.db, t, triaged({ priority: 'soon' }));
    const c = await createTestReferral(ctx.db, t, { urgencyRequested: 'urgent', source: 'self', practiceId: null });

    const all = (await queue(l)).json();
    expect(all.counts).toEqual({
      total: 3,
      byStatus: { received: 2, triaged: 1 },
      byPriority: { urgent: 1, soon: 1, routine: 1 },
      safeguarding: 1,
    });
    const ids = async (q: string) => (await queue(l, q)).json().items.map((i: { id: string }) => i.id);
    expect(await ids('?status=triaged')).toEqual([b.id]);
    expect(await ids('?priority=urgent')).toEqual([c.id]);
    expect(await ids('?reason=debt')).toEqual([a.id]);
    expect(await ids(`?practiceId=${t.practiceId}`)).toEqual([b.id, a.id]);
    expect(await ids('?safeguarding=yes')).toEqual([a.id]);
    const filtered = (await queue(l, '?safeguarding=no')).json();
    expect(filtered.matching).toBe(2);
    expect(filtered.counts.total).toBe(3);
    expect(all.filterOptions.practices).toEqual([{ id: t.practiceId, name: expect.any(String) }]);
    expect(all.filterOptions.reasons).toContainEqual({ code: 'debt', label: 'Debt' });
  });

  it('a bad filter is a 400 naming it', async () => {
    const res = await queue(lead, '?priority=asap');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'priority' })]);
  });

  it('only the team lead may see it: a link worker or a referrer gets 403', async () => {
    expect((await queue(linkWorker)).statusCode).toBe(403);
    expect((await queue(referrer)).statusCode).toBe(403);
  });
});

describe('POST /api/referrals/:id/triage', () => {
  it('triages: priority, complexity, PAM, role; first contact due by the default target; the practice is emailed', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const before = (await emailsToPractice()).length;
    const res = await post(lead, `/api/referrals/${r.id}/triage`, decision(r.version));
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      status: 'triaged',
      version: r.version + 1,
      priority: 'soon',
      complexity: 'medium',
      predictedPam: 3,
      recommendedRole: 'link_worker',
      triageNotes: 'Keen to join a walking group.',
    });
    const row = await referralRow(r.id);
    const days = ((row?.firstContactDueAt?.getTime() ?? 0) - (row?.triagedAt?.getTime() ?? 0)) / 86_400_000;
    expect(days).toBeCloseTo(7, 5); // soon: 7 days when the PCN has not set its own
    const events = await eventsOf(r.id);
    expect(events.at(-1)).toMatchObject({ type: 'triaged', fromStatus: 'received', toStatus: 'triaged' });
    expect(events.at(-1)?.details).toMatchObject({ priority: 'soon', firstContactTargetDays: 7 });

    const emails = await emailsToPractice();
    expect(emails.length).toBe(before + 1);
    const email = emails.at(-1)?.payload;
    expect(email?.subject).toContain('accepted');
    // Initials and date of birth only: never the name, the NHS number or the referral's details.
    const person = view.person;
    expect(email?.text).toContain(`initials ${person.givenName[0]}. ${person.familyName[0]}.`);
    expect(email?.text).not.toContain(person.givenName);
    expect(email?.text).not.toContain(person.familyName);
    expect(email?.text).not.toContain('bereavement');
    expect(email?.text).not.toContain('walking group');
  });

  it("uses the PCN's own first-contact targets when set", async () => {
    const t = await createTestTenancy(ctx.db, tenancy.icbId);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead'));
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/pcn/triage-settings',
      headers: l.headers,
      payload: { urgentDays: 1, soonDays: 3, routineDays: 21 },
    });
    expect(put.statusCode).toBe(200);
    const r = await createTestReferral(ctx.db, t);
    const res = await post(l, `/api/referrals/${r.id}/triage`, decision(r.version, { priority: 'urgent' }));
    expect(res.statusCode).toBe(200);
    const row = await referralRow(r.id);
    const days = ((row?.firstContactDueAt?.getTime() ?? 0) - (row?.triagedAt?.getTime() ?? 0)) / 86_400_000;
    expect(days).toBeCloseTo(1, 5);
  });

  it('leaves the recommended role to the rules when none is given', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const { recommendedRole: _omit, ...rest } = decision(r.version);
    const res = await post(lead, `/api/referrals/${r.id}/triage`, rest);
    expect(res.statusCode).toBe(200);
    expect(res.json().recommendedRole).toBeNull();
  });

  it("another PCN's referral is not found (404) and is not changed", async () => {
    const r = await createTestReferral(ctx.db, other);
    const res = await post(lead, `/api/referrals/${r.id}/triage`, decision(r.version));
    expect(res.statusCode).toBe(404);
    expect((await referralRow(r.id))?.status).toBe('received');
    expect(await eventsOf(r.id)).toHaveLength(1);
    // … and the other PCN's lead can triage it.
    expect((await post(otherLead, `/api/referrals/${r.id}/triage`, decision(r.version))).statusCode).toBe(200);
  });

  it('a link worker cannot triage (403) and nothing changes', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const res = await post(linkWorker, `/api/referrals/${r.id}/triage`, decision(r.version));
    expect(res.statusCode).toBe(403);
    expect((await referralRow(r.id))?.version).toBe(r.version);
  });

  it.each([
    ['predictedPam', { predictedPam: 5 }],
    ['predictedPam', { predictedPam: 2.5 }],
    ['priority', { priority: 'asap' }],
    ['complexity', { complexity: undefined }],
    ['recommendedRole', { recommendedRole: 'team_lead' }],
    ['notes', { notes: 'x'.repeat(4001) }],
    ['version', { version: 0 }],
  ])('bad input → 400 naming %s, and nothing is stored', async (field, change) => {
    const r = await createTestReferral(ctx.db, tenancy);
    const before = (await emailsToPractice()).length;
    const res = await post(lead, `/api/referrals/${r.id}/triage`, decision(r.version, change));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    const row = await referralRow(r.id);
    expect(row).toMatchObject({ status: 'received', version: r.version, priority: null });
    expect(await eventsOf(r.id)).toHaveLength(1);
    expect((await emailsToPractice()).length).toBe(before);
  });

  it('a stale version is refused with 409 saying what happened', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    expect((await post(lead, `/api/referrals/${r.id}/triage`, decision(r.version))).statusCode).toBe(200);
    const res = await post(secondLead, `/api/referrals/${r.id}/triage`, decision(r.version, { priority: 'urgent' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/Someone else changed this referral.*it is now triaged/);
    expect((await referralRow(r.id))?.priority).toBe('soon');
  });

  it('two leads triaging the same referral at once: exactly one succeeds, the other gets 409', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const before = (await emailsToPractice()).length;
    const results = await Promise.all([
      post(lead, `/api/referrals/${r.id}/triage`, decision(r.version, { priority: 'urgent' })),
      post(secondLead, `/api/referrals/${r.id}/triage`, decision(r.version, { priority: 'routine' })),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((x) => x.statusCode === 409);
    expect(loser?.json().detail).toMatch(/Someone else changed this referral/);
    expect((await eventsOf(r.id)).filter((e) => e.type === 'triaged')).toHaveLength(1);
    expect((await emailsToPractice()).length).toBe(before + 1);
  });

  it('an invalid transition is refused with 409 and a clear message', async () => {
    const r = await createTestReferral(ctx.db, tenancy, { status: 'declined', closureReason: 'duplicate' });
    const res = await post(lead, `/api/referrals/${r.id}/triage`, decision(r.version));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('A referral that is declined cannot be moved to triaged.');
  });

  it('the practice email is written in the same transaction: rolled back, there is none', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const [leadRow] = await ctx.db.select().from(users).where(eq(users.id, lead.me.user.id));
    const reqCtx = { actor: principalOf(leadRow as typeof users.$inferSelect), ip: null, requestId: null };
    const before = (await emailsToPractice()).length;
    await expect(
      ctx.db.transaction(async (tx) => {
        // The use-case runs inside an outer transaction that then fails.
        await triageReferral(tx as unknown as Db, reqCtx, r.id, {
          version: r.version,
          priority: 'routine',
          complexity: 'low',
          predictedPam: 3,
          signpostingOnly: false,
        });
        const inside = await tx.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${practiceEmail}`);
        expect(inside.length).toBe(before + 1);
        throw new Error('something later in the transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect((await emailsToPractice()).length).toBe(before);
    expect((await referralRow(r.id))?.status).toBe('received');
  });
});

describe('decline and redirect', () => {
  it('decline because the person declined: SNOMED 871711000000103 on the event; the practice is emailed', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const before = (await emailsToPractice()).length;
    const res = await post(lead, `/api/referrals/${r.id}/decline`, {
      version: r.version,
      reason: 'person_declined',
      note: 'Spoke to them by phone.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', closureReason: 'person_declined' });
    const event = (await eventsOf(r.id)).at(-1);
    expect(event).toMatchObject({ type: 'declined', toStatus: 'declined', snomedCode: '871711000000103' });
    const emails = await emailsToPractice();
    expect(emails.length).toBe(before + 1);
    expect(emails.at(-1)?.payload.text).toContain('871711000000103');
    expect(emails.at(-1)?.payload.text).not.toContain('Spoke to them');
  });

  it('redirect with another reason: no SNOMED code; a triaged referral can be redirected', async () => {
    const r = await createTestReferral(ctx.db, tenancy, triaged());
    const res = await post(lead, `/api/referrals/${r.id}/redirect`, { version: r.version, reason: 'crisis' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'redirected', closureReason: 'crisis' });
    expect((await eventsOf(r.id)).at(-1)).toMatchObject({ type: 'redirected', snomedCode: null });
    expect((await emailsToPractice()).at(-1)?.payload.subject).toContain('redirected');
  });

  it('a reason not on the list is a 400 naming reason; nothing changes', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const res = await post(lead, `/api/referrals/${r.id}/decline`, { version: r.version, reason: 'busy' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await referralRow(r.id))?.status).toBe('received');
  });

  it('declining twice: the second is an invalid move (409)', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    expect(
      (await post(lead, `/api/referrals/${r.id}/decline`, { version: r.version, reason: 'duplicate' })).statusCode,
    ).toBe(200);
    const res = await post(lead, `/api/referrals/${r.id}/redirect`, { version: r.version + 1, reason: 'crisis' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('A referral that is declined cannot be moved to redirected.');
  });

  it('a link worker cannot decline or redirect (403)', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    for (const action of ['decline', 'redirect']) {
      const res = await post(linkWorker, `/api/referrals/${r.id}/${action}`, { version: r.version, reason: 'crisis' });
      expect(res.statusCode).toBe(403);
    }
    expect((await referralRow(r.id))?.status).toBe('received');
  });

  it('no email when the practice has no mailbox, or for a self-referral', async () => {
    const t = await createTestTenancy(ctx.db, tenancy.icbId);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead'));
    const r = await createTestReferral(ctx.db, t);
    const self = await createTestReferral(ctx.db, t, { source: 'self', practiceId: null });
    const count = async () => (await ctx.db.select().from(outbox)).length;
    const before = await count();
    expect((await post(l, `/api/referrals/${r.id}/triage`, decision(r.version))).statusCode).toBe(200);
    expect((await post(l, `/api/referrals/${self.id}/decline`, { version: 1, reason: 'duplicate' })).statusCode).toBe(
      200,
    );
    expect(await count()).toBe(before);
  });
});

describe('GET/PUT /api/pcn/triage-settings', () => {
  it('defaults to 2 / 7 / 14 days, then keeps what the lead saves', async () => {
    const t = await createTestTenancy(ctx.db, tenancy.icbId);
    const l = await signIn(ctx, await createTestUser(ctx.db, t, 'team_lead'));
    const get = () => ctx.app.inject({ method: 'GET', url: '/api/pcn/triage-settings', headers: { cookie: l.cookie } });
    expect((await get()).json()).toEqual({ urgentDays: 2, soonDays: 7, routineDays: 14, isDefault: true });
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/pcn/triage-settings',
      headers: l.headers,
      payload: { urgentDays: 3, soonDays: 3, routineDays: 90 },
    });
    expect(put.statusCode).toBe(200);
    expect((await get()).json()).toEqual({ urgentDays: 3, soonDays: 3, routineDays: 90, isDefault: false });
  });

  it.each([
    ['soonDays', { urgentDays: 5, soonDays: 3, routineDays: 14 }],
    ['routineDays', { urgentDays: 2, soonDays: 7, routineDays: 6 }],
    ['routineDays', { urgentDays: 2, soonDays: 7, routineDays: 91 }],
    ['urgentDays', { urgentDays: -1, soonDays: 7, routineDays: 14 }],
    ['soonDays', { urgentDays: 2, soonDays: 1.5, routineDays: 14 }],
  ])('rejects targets out of order or range (400 naming %s) and keeps the old ones', async (field, payload) => {
    const before = await ctx.app.inject({
      method: 'GET',
      url: '/api/pcn/triage-settings',
      headers: { cookie: lead.cookie },
    });
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/pcn/triage-settings',
      headers: lead.headers,
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    const after = await ctx.app.inject({
      method: 'GET',
      url: '/api/pcn/triage-settings',
      headers: { cookie: lead.cookie },
    });
    expect(after.json()).toEqual(before.json());
  });

  it('a link worker can neither read nor change them (403)', async () => {
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/pcn/triage-settings', headers: { cookie: linkWorker.cookie } }))
        .statusCode,
    ).toBe(403);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/pcn/triage-settings',
      headers: linkWorker.headers,
      payload: { urgentDays: 1, soonDays: 2, routineDays: 3 },
    });
    expect(res.statusCode).toBe(403);
  });
});
