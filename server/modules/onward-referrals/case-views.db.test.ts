import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { serviceEvents } from '../directory/directory-partner.tables.js';
import { addTestPostcodes } from '../directory/listings/test-listings.js';
import { createAllocatedReferral, createTestReferral, triaged } from '../triage/test-referrals.js';
import { onwardAttendances, onwardEvents, onwardReferrals } from './onward-referrals.tables.js';
import { linkListing, onwardRowsOfCase, partnerListing, setReferralSettings } from './test-onward.js';

// What the team reads of a case's onward referrals elsewhere: the timeline, the message back to
// the GP at discharge, and the search for a service from the person's postcode.

const { ctx, tenancy, tom, partner } = setUpTestApp({
  team: { tom: { role: 'link_worker', name: 'Tom Okafor' }, partner: { role: 'vcs_partner', name: 'Pat Partner' } },
});
const { get, post } = requestsAs(ctx);
const url = (id: string) => `/api/referrals/${id}/onward-referrals`;

const referral = (serviceId: string) => ({
  serviceId,
  kind: 'referral',
  consent: true,
  share: ['name'],
});

beforeAll(async () => {
  await addTestPostcodes(ctx.db, [
    { postcode: 'NE1 1AA', latitude: 54.97, longitude: -1.61 },
    { postcode: 'NE1 4XX', latitude: 54.968, longitude: -1.6 },
  ]);
});

/** What a partner's answers leave behind (their own routes are tested by the partner module). */
async function answeredAsPartner(onwardId: string) {
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  await ctx.db
    .update(onwardReferrals)
    .set({ status: 'closed', acceptedAt: at(1), closedAt: at(3), outcome: 'completed' })
    .where(eq(onwardReferrals.id, onwardId));
  await ctx.db
    .insert(onwardAttendances)
    .values({ onwardReferralId: onwardId, kind: 'attended', on: '2026-11-03', sessions: 2 });
  await ctx.db.insert(onwardEvents).values([
    { onwardReferralId: onwardId, type: 'viewed', at: at(0.5), actorUserId: partner.id, via: 'inbox' },
    { onwardReferralId: onwardId, type: 'accepted', at: at(1), actorUserId: partner.id, via: 'inbox' },
    {
      onwardReferralId: onwardId,
      type: 'attendance',
      at: at(2),
      actorUserId: partner.id,
      via: 'inbox',
      details: { kind: 'attended', on: '2026-11-03', sessions: 2 },
    },
    // The outcome is read from the row when the event does not carry it.
    { onwardReferralId: onwardId, type: 'closed', at: at(3), actorUserId: partner.id, via: 'inbox' },
  ]);
}

describe('the case timeline', () => {
  it('shows each step of an onward referral, with who took it, the attendance and the outcome', async () => {
    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const listing = await partnerListing(ctx.db, tenancy, { name: 'Riverside Walkers' });
    const linked = await linkListing(ctx.db, tenancy, { name: 'Book Club' });
    expect((await post(tom, url(r.id), referral(listing.id))).statusCode).toBe(201);
    expect((await post(tom, url(r.id), { serviceId: linked.id, kind: 'signpost' })).statusCode).toBe(201);
    const [sent] = (await onwardRowsOfCase(ctx.db, r.id)).filter((o) => o.kind === 'referral');
    await answeredAsPartner(sent?.id as string);

    const res = await get(tom, `/api/referrals/${r.id}/case`);
    expect(res.statusCode).toBe(200);
    const steps = res
      .json()
      .timeline.filter((t: { kind: string }) => t.kind === 'onward')
      .map((t: { step: string; title: string; detail: string | null; actorName: string | null }) => [
        t.step,
        t.title,
        t.detail,
        t.actorName,
      ]);
    expect(steps).toEqual([
      ['closed', 'Riverside Walkers closed the referral', 'Outcome: Completed', 'Pat Partner'],
      ['attendance', 'Riverside Walkers: attended, 2 sessions', 'Session on 3 November 2026', 'Pat Partner'],
      ['accepted', 'Riverside Walkers accepted the referral', null, 'Pat Partner'],
      ['viewed', 'Riverside Walkers opened the referral', null, 'Pat Partner'],
      ['signposted', expect.stringMatching(/^Signposted to Book Club \(/), null, 'Tom Okafor'],
      [
        'sent',
        expect.stringMatching(/^Referred to Riverside Walkers \(/),
        'Sent to the organisation’s Waymark inbox',
        'Tom Okafor',
      ],
    ]);
  });

  it('shows a decline with its reason', async () => {
    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const listing = await partnerListing(ctx.db, tenancy, { name: 'Choir' });
    const sent = (await post(tom, url(r.id), referral(listing.id))).json();
    await ctx.db
      .update(onwardReferrals)
      .set({ status: 'declined', declinedAt: new Date(), declineReason: 'service_full' })
      .where(eq(onwardReferrals.id, sent.id));
    await ctx.db.insert(onwardEvents).values({
      onwardReferralId: sent.id,
      type: 'declined',
      actorUserId: partner.id,
      via: 'inbox',
      details: { note: 'Try again in spring.' },
    });
    const timeline = (await get(tom, `/api/referrals/${r.id}/case`)).json().timeline;
    expect(timeline[0]).toMatchObject({
      kind: 'onward',
      step: 'declined',
      title: 'Choir declined the referral',
      detail: 'Reason: Service full. Try again in spring.',
    });
  });
});

describe('the message back to the GP', () => {
  it('lists every onward referral and signpost with its kind, status and outcome', async () => {
    const r = await createAllocatedReferral(ctx.db, tenancy, tom, {
      status: 'active',
      firstContactAt: new Date(Date.now() - 3_600_000),
    });
    const walk = await partnerListing(ctx.db, tenancy, { name: 'Riverside Walkers' });
    const club = await linkListing(ctx.db, tenancy, { name: 'Book Club' });
    expect((await post(tom, url(r.id), referral(walk.id))).statusCode).toBe(201);
    expect((await post(tom, url(r.id), { serviceId: club.id, kind: 'signpost' })).statusCode).toBe(201);
    const [sent] = (await onwardRowsOfCase(ctx.db, r.id)).filter((o) => o.kind === 'referral');
    await answeredAsPartner(sent?.id as string);

    const version = (await get(tom, `/api/referrals/${r.id}/case`)).json().referral.version;
    const res = await post(tom, `/api/referrals/${r.id}/discharge`, {
      version,
      reason: 'goals_met',
      summary: 'Walking weekly now.',
    });
    expect(res.statusCode).toBe(200);
    const expected = [
      expect.objectContaining({
        service: 'Riverside Walkers',
        kind: 'referral',
        kindLabel: 'Referred',
        status: 'Closed',
        outcome: 'Completed',
        sessionsAttended: 2,
      }),
      expect.objectContaining({
        service: 'Book Club',
        kind: 'signpost',
        kindLabel: 'Signposted',
        status: 'Signposted',
        outcome: null,
      }),
    ];
    expect(res.json().onwardReferrals).toEqual(expected);
    // As stored: the practice reads the same lines later.
    const read = await get(tom, `/api/referrals/${r.id}/gp-message`);
    expect(read.json().onwardReferrals).toEqual(expected);
  });
});

describe('finding a service for the person', () => {
  it('searches from the person’s postcode and tells whether each takes referrals and how its organisation replies', async () => {
    const r = await createTestReferral(ctx.db, tenancy, {
      ...triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: new Date() }),
      person: { postcode: 'NE1 1AA' },
    });
    const near = await partnerListing(ctx.db, tenancy, { name: 'Zephyr Striders Walking Group' });
    const noRefs = await linkListing(ctx.db, tenancy, { name: 'Zephyr Signpost Walking Club' });
    await setReferralSettings(ctx.db, noRefs.id, { takesReferrals: false });

    const before = await get(tom, `${url(r.id)}/services?text=zephyr`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ postcode: 'NE1 1AA', total: 2 });
    const byName = (body: { results: { name: string }[] }, name: string) =>
      body.results.find((x) => x.name === name) as Record<string, unknown>;
    expect(byName(before.json(), near.name)).toMatchObject({
      takesReferrals: true,
      replyStats: null,
      capacity: 'open',
    });
    expect(byName(before.json(), near.name).distanceMiles).toEqual(expect.any(Number));
    expect(byName(before.json(), noRefs.name)).toMatchObject({ takesReferrals: false, nextEvent: null });
    expect(byName(before.json(), near.name).nextEvent).toBeNull();

    // The partner publishes a session: the worker's search shows it as the next one.
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    await ctx.db.insert(serviceEvents).values({
      icbId: tenancy.icbId,
      serviceId: near.id,
      title: 'Taster walk',
      startsAt,
      createdByUserId: tom.id,
    });
    const withEvent = await get(tom, `${url(r.id)}/services?text=zephyr`);
    expect(byName(withEvent.json(), near.name).nextEvent).toEqual({
      title: 'Taster walk',
      startsAt: startsAt.toISOString(),
    });

    // History: one referral answered (accepted) the same day.
    const sent = (await post(tom, url(r.id), referral(near.id))).json();
    await ctx.db
      .update(onwardReferrals)
      .set({ status: 'accepted', acceptedAt: new Date() })
      .where(eq(onwardReferrals.id, sent.id));
    const after = await get(tom, `${url(r.id)}/services?text=zephyr`);
    expect(byName(after.json(), near.name).replyStats).toMatchObject({
      referrals: 1,
      medianReplyWorkingDays: 0,
      acceptedPercent: 100,
    });
  });

  it('names a bad query parameter', async () => {
    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const res = await get(tom, `${url(r.id)}/services?within_miles=-3`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'within_miles', message: 'must be more than 0' }]);
  });
});
