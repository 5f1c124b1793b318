import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import type { RealtimeEvent } from '../../platform/realtime.js';
import type { RealtimeHub } from '../../platform/realtime-hub.js';
import { londonDate } from '../../platform/working-days.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { waitUntil } from '../../test/toolkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { onwardAttendances, onwardEvents, onwardReferrals } from './onward-referrals.tables.js';
import { addTestAttendance, createPartnerService, createTestOnward, type TestService } from './test-onward.js';
import { acceptOnwardReferral } from './use-cases/answer.js';

// The organisation's answers through its inbox: each step and transition, stale versions, bad
// input, and what every step leaves behind (event, audit row, the worker's notification).

const { ctx, tenancy, tom, partner, colleague } = setUpTestApp({
  config: { PARTNER_ACCESS_DAYS: '30' },
  app: { realtime: true },
  team: { tom: 'link_worker', partner: 'vcs_partner', colleague: { role: 'vcs_partner', name: 'Pat Colleague' } },
});
const { get, post } = requestsAs(ctx);
let service: TestService;
const DAY = 86_400_000;

beforeAll(async () => {
  service = await createPartnerService(ctx.db, tenancy);
});

const newOnward = (extra = {}) => createTestOnward(ctx.db, tenancy, tom, service, extra);
const rowOf = async (id: string) =>
  (
    await ctx.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id))
  )[0] as typeof onwardReferrals.$inferSelect;
const eventsOf = async (id: string) =>
  (await ctx.db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, id))).map((e) => e.type);
const auditOf = (id: string, action: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, action)));
const answer = (id: string, verb: string, body: object, as = partner) =>
  post(as, `/api/partner/referrals/${id}/${verb}`, body);

describe('accept', () => {
  it('accepts a sent referral: status, event, audit row and the worker told with a link to the case', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'accept', { version: o.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', tab: 'active', version: o.version + 1 });
    const row = await rowOf(o.id);
    expect(row.status).toBe('accepted');
    expect(row.acceptedAt).not.toBeNull();
    expect(await eventsOf(o.id)).toEqual(['sent', 'accepted']);
    const [audit] = await auditOf(o.id, 'onward.accept');
    expect(audit).toMatchObject({ actorUserId: partner.id, outcome: 'success', icbId: tenancy.icbId });
    const told = await ctx.db.select().from(notifications).where(eq(notifications.userId, tom.id));
    expect(told.find((n) => n.link === `/referrals/${o.referralId}/case`)).toMatchObject({
      kind: 'onward.accepted',
      title: `${service.name} accepted the referral`,
    });
  });

  it("passes the organisation's note with the acceptance to the team's timeline", async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'accept', { version: o.version, note: '  First session Monday at 10.  ' });
    expect(res.statusCode).toBe(200);
    const [event] = await ctx.db
      .select()
      .from(onwardEvents)
      .where(and(eq(onwardEvents.onwardReferralId, o.id), eq(onwardEvents.type, 'accepted')));
    expect(event?.details).toEqual({ note: 'First session Monday at 10.' });
  });

  it('announces the change to the team (its PCN and the case) and to the organisation (its id only)', async () => {
    const o = await newOnward();
    const heard: RealtimeEvent[] = [];
    const stop = (ctx.hub as RealtimeHub).subscribe((e) => heard.push(e));
    try {
      expect((await answer(o.id, 'accept', { version: o.version })).statusCode).toBe(200);
      await waitUntil(() => heard.filter((e) => e.type === 'onward.changed').length >= 2, { what: 'two events' });
    } finally {
      stop();
    }
    const changed = heard.filter((e) => e.type === 'onward.changed');
    expect(changed).toContainEqual({ type: 'onward.changed', pcnId: tenancy.pcnId, referralId: o.referralId });
    // The organisation hears only its own id: never the case's.
    expect(changed).toContainEqual({ type: 'onward.changed', vcsOrganisationId: tenancy.vcsOrganisationId });
  });

  it('tells a stale answer what changed, who changed it and when (409), and changes nothing', async () => {
    const o = await newOnward();
    expect((await answer(o.id, 'accept', { version: o.version }, colleague)).statusCode).toBe(200);
    const res = await answer(o.id, 'decline', { version: o.version, reason: 'service_full' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(
      /^This referral was accepted by Pat Colleague at \d\d:\d\d on .+; reload to see it\.$/,
    );
    expect((await rowOf(o.id)).status).toBe('accepted');
    expect(await auditOf(o.id, 'onward.decline')).toHaveLength(0);
  });

  it('refuses to accept twice (409) even with the current version', async () => {
    const o = await newOnward();
    const first = await answer(o.id, 'accept', { version: o.version });
    const res = await answer(o.id, 'accept', { version: first.json().version });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('is accepted: it can no longer be accepted');
  });

  it('names the field of a bad version (400) and changes nothing', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'accept', { version: 'one' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('version');
    expect((await rowOf(o.id)).status).toBe('sent');
  });
});

describe('decline', () => {
  it('declines with a reason: access ends PARTNER_ACCESS_DAYS later', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'decline', { version: o.version, reason: 'service_full' });
    expect(res.statusCode).toBe(200);
    const row = await rowOf(o.id);
    expect(row).toMatchObject({ status: 'declined', declineReason: 'service_full' });
    expect((row.accessEndsAt as Date).getTime() - (row.declinedAt as Date).getTime()).toBe(30 * DAY);
    expect(res.json()).toMatchObject({ tab: 'closed', anonymised: false, declined: { reasonLabel: 'Service full' } });
    expect(await auditOf(o.id, 'onward.decline')).toHaveLength(1);
    expect(await eventsOf(o.id)).toContain('declined');
  });

  it('needs a note when the reason is "other" (400 on note), changing nothing', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'decline', { version: o.version, reason: 'other', note: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'note', message: expect.stringContaining('"other"') }]);
    expect((await rowOf(o.id)).status).toBe('sent');
    expect(await eventsOf(o.id)).toEqual(['sent']);
  });

  it('names a reason not on the list (400 on reason)', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'decline', { version: o.version, reason: 'bored' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('reason');
  });

  it('after accepting, declines only as could not contact / did not want it, and only before any attendance', async () => {
    const o = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    const wrong = await answer(o.id, 'decline', { version: o.version, reason: 'service_full' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('reason');
    const ok = await answer(o.id, 'decline', { version: o.version, reason: 'could_not_contact' });
    expect(ok.statusCode).toBe(200);

    const attended = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    await addTestAttendance(ctx.db, attended.id, londonDate(new Date()));
    const late = await answer(attended.id, 'decline', { version: attended.version, reason: 'person_declined' });
    expect(late.statusCode).toBe(409);
    expect((await rowOf(attended.id)).status).toBe('accepted');
  });
});

describe('attendance', () => {
  it('records attendance only while accepted', async () => {
    const o = await newOnward();
    const res = await answer(o.id, 'attendance', { version: o.version, kind: 'attended', on: londonDate(new Date()) });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('only while a referral is accepted');
  });

  it('records sessions attended and a missed one, each an event, an audit row and a notification', async () => {
    const o = await newOnward();
    let version = (await answer(o.id, 'accept', { version: o.version })).json().version;
    const today = londonDate(new Date());
    const first = await answer(o.id, 'attendance', { version, kind: 'attended', on: today, sessions: 2 });
    expect(first.statusCode).toBe(200);
    version = first.json().version;
    const missed = await answer(o.id, 'attendance', { version, kind: 'did_not_attend', on: today });
    expect(missed.statusCode).toBe(200);
    expect(missed.json()).toMatchObject({
      sessionsAttended: 2,
      attendance: [{ sessions: 2 }, { kind: 'did_not_attend' }],
    });
    expect(await auditOf(o.id, 'onward.attendance')).toHaveLength(2);
    expect((await eventsOf(o.id)).filter((t) => t === 'attendance')).toHaveLength(2);
    const told = await ctx.db.select().from(notifications).where(eq(notifications.kind, 'onward.attendance'));
    expect(told.map((n) => n.title)).toContain(`${service.name} recorded 2 sessions attended`);
  });

  it('refuses a date in the future or before the referral was sent (400 on on), recording nothing', async () => {
    const o = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    const future = await answer(o.id, 'attendance', {
      version: o.version,
      kind: 'attended',
      on: londonDate(new Date(Date.now() + 2 * DAY)),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ field: 'on', message: 'must not be in the future' }]);
    const before = await answer(o.id, 'attendance', {
      version: o.version,
      kind: 'attended',
      on: londonDate(new Date(Date.now() - 10 * DAY)),
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors[0]).toMatchObject({
      field: 'on',
      message: expect.stringContaining('before the referral'),
    });
    const bad = await answer(o.id, 'attendance', { version: o.version, kind: 'attended', on: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('on');
    expect(
      await ctx.db.select().from(onwardAttendances).where(eq(onwardAttendances.onwardReferralId, o.id)),
    ).toHaveLength(0);
    expect((await rowOf(o.id)).version).toBe(o.version);
  });
});

describe('close', () => {
  it('closes an accepted referral with an outcome and a note; access ends later', async () => {
    const o = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    const res = await answer(o.id, 'close', { version: o.version, outcome: 'completed', note: 'Finished the course.' });
    expect(res.statusCode).toBe(200);
    const row = await rowOf(o.id);
    expect(row).toMatchObject({ status: 'closed', outcome: 'completed', outcomeNote: 'Finished the course.' });
    expect((row.accessEndsAt as Date).getTime() - (row.closedAt as Date).getTime()).toBe(30 * DAY);
    expect(await auditOf(o.id, 'onward.close')).toHaveLength(1);
  });

  it('needs a note (400 on note) and an outcome on the list (400 on outcome)', async () => {
    const o = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    const noNote = await answer(o.id, 'close', { version: o.version, outcome: 'completed' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('note');
    const badOutcome = await answer(o.id, 'close', { version: o.version, outcome: 'won', note: 'x' });
    expect(badOutcome.json().errors[0].field).toBe('outcome');
    expect((await rowOf(o.id)).status).toBe('accepted');
  });

  it('refuses "never attended" once attendance is recorded, and closing a referral not accepted', async () => {
    const o = await newOnward({ status: 'accepted', acceptedAt: new Date() });
    await addTestAttendance(ctx.db, o.id, londonDate(new Date()));
    const res = await answer(o.id, 'close', { version: o.version, outcome: 'never_attended', note: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('outcome');
    const sent = await newOnward();
    expect(
      (await answer(sent.id, 'close', { version: sent.version, outcome: 'completed', note: 'x' })).statusCode,
    ).toBe(409);
  });
});

describe('the organisation reads what it answered', () => {
  it('shows the view with the referring team and the answers', async () => {
    const o = await newOnward();
    const res = await get(partner, `/api/partner/referrals/${o.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'sent',
      sharedDetails: { name: 'Alex Testperson' },
      note: 'Prefers mornings.',
      referredBy: { name: expect.any(String), email: tom.email, team: expect.stringContaining('Test PCN') },
    });
  });
});

describe('answers through a secure link (as the link helper calls them)', () => {
  const publicCtx = { actor: null, ip: '192.0.2.1', requestId: 'req-link' };
  const linkId = '11111111-1111-4111-8111-111111111111';

  it('accepts the link’s own referral: audited with no actor, naming the link, in the referral’s ICB', async () => {
    const o = await newOnward({ delivery: 'link', vcsOrganisationId: null });
    const answerer = { via: 'link' as const, linkId, onwardReferralId: o.id, ctx: publicCtx };
    const view = await acceptOnwardReferral(ctx.db, answerer, o.id, { version: o.version }, { partnerAccessDays: 30 });
    expect(view.status).toBe('accepted');
    const [audit] = await auditOf(o.id, 'onward.accept');
    expect(audit).toMatchObject({ actorUserId: null, icbId: tenancy.icbId, details: { via: 'link', linkId } });
    const events = await ctx.db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, o.id));
    expect(events.at(-1)).toMatchObject({ type: 'accepted', via: 'link', actorUserId: null, details: { linkId } });
  });

  it('finds no other referral through a link (404), not even one of the same organisation', async () => {
    const mine = await newOnward({ delivery: 'link', vcsOrganisationId: null });
    const another = await newOnward({ delivery: 'link', vcsOrganisationId: null });
    const answerer = { via: 'link' as const, linkId, onwardReferralId: mine.id, ctx: publicCtx };
    await expect(
      acceptOnwardReferral(ctx.db, answerer, another.id, { version: another.version }, { partnerAccessDays: 30 }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await rowOf(another.id)).status).toBe('sent');
  });
});
