import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { onwardEvents, onwardReferrals } from './onward-referrals.tables.js';
import { createPartnerService, createTestOnward, type TestOnward, type TestService } from './test-onward.js';

// The partner's inbox: its tabs and counts, the first opening, the end of access, and who may
// reach it at all (another organisation's partner: not found; other roles: forbidden).

const { ctx, tenancy, other, tom, partner, otherPartner, lead, referrer, commissioner } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    tom: 'link_worker',
    partner: 'vcs_partner',
    otherPartner: { role: 'vcs_partner', at: 'other' },
    lead: 'team_lead',
    referrer: 'referrer',
    commissioner: 'commissioner',
  },
});
const { get, post } = requestsAs(ctx);
const DAY = 86_400_000;
let service: TestService;
let sent: TestOnward;
let opened: TestOnward;
let accepted: TestOnward;
let ended: TestOnward;
let elsewhere: TestOnward;

beforeAll(async () => {
  service = await createPartnerService(ctx.db, tenancy);
  const onward = (extra = {}) => createTestOnward(ctx.db, tenancy, tom, service, extra);
  sent = await onward();
  opened = await onward({ viewedAt: new Date() });
  accepted = await onward({ status: 'accepted', viewedAt: new Date(), acceptedAt: new Date() });
  // Declined long ago: the organisation's access ended yesterday.
  ended = await onward({
    status: 'declined',
    viewedAt: new Date(Date.now() - 40 * DAY),
    declinedAt: new Date(Date.now() - 31 * DAY),
    declineReason: 'not_eligible',
    accessEndsAt: new Date(Date.now() - DAY),
  });
  // Sent to another organisation's service (its own partner in another tenancy).
  const theirs = await createPartnerService(ctx.db, other, 'Another Group');
  elsewhere = await createTestOnward(ctx.db, other, tom, theirs);
});

const inbox = (tab: string, as = partner) => get(as, `/api/partner/referrals?tab=${tab}`);
const readAudits = (id: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'onward.read')));

describe('the inbox', () => {
  it('lists each tab with the counts of all four, only the organisation’s own referrals', async () => {
    const res = await inbox('new');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ new: 1, waiting: 1, active: 1, closed: 1 });
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([sent.id]);
    expect(body.items[0]).toMatchObject({ personName: 'Alex Testperson', service: { name: service.name }, tab: 'new' });
    expect((await inbox('waiting')).json().items.map((i: { id: string }) => i.id)).toEqual([opened.id]);
    expect((await inbox('active')).json().items.map((i: { id: string }) => i.id)).toEqual([accepted.id]);
    // The other organisation's partner sees only its own.
    expect((await inbox('new', otherPartner)).json().items.map((i: { id: string }) => i.id)).toEqual([elsewhere.id]);
  });

  it('names the tab when it is not one of the four (400 on tab)', async () => {
    const res = await inbox('all');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('tab');
  });

  it('after access has ended, lists the referral without a name', async () => {
    const [item] = (await inbox('closed')).json().items;
    expect(item).toMatchObject({ id: ended.id, personName: null, anonymised: true });
  });
});

describe('opening a referral', () => {
  it('moves it from new to waiting on first opening (a viewed event), and audits the read each time', async () => {
    const o = await createTestOnward(ctx.db, tenancy, tom, service);
    const first = await get(partner, `/api/partner/referrals/${o.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ tab: 'waiting', viewedAt: expect.any(String), version: o.version });
    await get(partner, `/api/partner/referrals/${o.id}`);
    const events = await ctx.db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, o.id));
    expect(events.map((e) => [e.type, e.via])).toEqual([
      ['sent', 'team'],
      ['viewed', 'inbox'],
    ]);
    const audits = await readAudits(o.id);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorUserId: partner.id, details: { via: 'inbox' } });
  });

  it('shows no details once access has ended, and audits no read of personal data', async () => {
    const res = await get(partner, `/api/partner/referrals/${ended.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ anonymised: true, sharedDetails: null, note: null, status: 'declined' });
    expect(await readAudits(ended.id)).toHaveLength(0);
  });
});

describe('who may reach it', () => {
  const routes = (id: string) =>
    [
      ['GET', `/api/partner/referrals/${id}`, undefined],
      ['POST', `/api/partner/referrals/${id}/accept`, { version: 1 }],
      ['POST', `/api/partner/referrals/${id}/decline`, { version: 1, reason: 'service_full' }],
      ['POST', `/api/partner/referrals/${id}/attendance`, { version: 1, kind: 'attended', on: '2026-01-05' }],
      ['POST', `/api/partner/referrals/${id}/close`, { version: 1, outcome: 'completed', note: 'Done.' }],
    ] as const;
  const call = (as: typeof partner, [method, url, body]: ReturnType<typeof routes>[number]) =>
    method === 'GET' ? get(as, url) : post(as, url, body);

  it("answers another organisation's partner 404 on every route, as for no such id, and changes nothing", async () => {
    for (const route of routes(sent.id)) {
      const res = await call(otherPartner, route);
      expect(res.statusCode, route[1]).toBe(404);
    }
    const [row] = await ctx.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, sent.id));
    expect(row).toMatchObject({ status: 'sent', viewedAt: null, version: sent.version });
    const unknown = await get(partner, '/api/partner/referrals/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await get(otherPartner, `/api/partner/referrals/${sent.id}`)).json().detail).toBe(unknown.json().detail);
  });

  it('refuses the team, a referrer and a commissioner (403) on the inbox and every route', async () => {
    for (const who of [tom, lead, referrer, commissioner]) {
      expect((await inbox('new', who)).statusCode).toBe(403);
      for (const route of routes(sent.id)) expect((await call(who, route)).statusCode, route[1]).toBe(403);
    }
  });
});
