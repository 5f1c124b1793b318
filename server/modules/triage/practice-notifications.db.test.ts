// Issue 10, point 16: the referring practice hears in Waymark what happened to its referrals (not
// only by email to its shared mailbox), and every notification names the person and reference.
import { describe, expect, it } from 'vitest';
import type { NotificationList } from '../../../common/notification-types.js';
import { referralReference } from '../../../common/referrals.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestReferral, type TestReferral } from './test-referrals.js';

const { ctx, tenancy, lead, worker, firstReferrer, secondReferrer, elsewhere } = setUpTestApp({
  tenancies: { otherIcb: 'new-icb' },
  team: {
    lead: 'team_lead',
    worker: 'link_worker',
    firstReferrer: 'referrer',
    secondReferrer: 'referrer',
    elsewhere: { role: 'referrer', at: 'otherIcb' },
  },
});
const referrers = [firstReferrer, secondReferrer];

const post = async (s: Session, url: string, payload: object) => {
  const res = await ctx.app.inject({ method: 'POST', url, headers: s.headers, payload });
  expect([url, res.statusCode]).toEqual([url, 200]);
  return res.json();
};
const titlesFor = async (s: Session, referral: TestReferral) => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/notifications?limit=50', headers: s.headers });
  return (res.json() as NotificationList).items
    .filter((n) => n.link === `/practice/referrals/${referral.id}`)
    .map((n) => n.title)
    .reverse();
};
const label = (r: TestReferral, name: string) => `${name} (${referralReference(r.id)})`;

describe('the referring practice is told in Waymark', () => {
  it('accepted, first contact made and discharged: each referrer of the practice, naming the person', async () => {
    const r = await createTestReferral(ctx.db, tenancy, { person: { givenName: 'Iolo', familyName: 'Prydderch' } });
    const triaged = await post(lead, `/api/referrals/${r.id}/triage`, {
      version: r.version,
      priority: 'routine',
      complexity: 'low',
      predictedPam: 3,
    });
    const allocated = await post(lead, `/api/referrals/${r.id}/allocate`, {
      version: triaged.version,
      workerId: worker.me.user.id,
      overrideReason: 'Test',
    });
    const contacted = await post(worker, `/api/referrals/${r.id}/first-contact`, {
      version: allocated.version,
      outcome: 'accepted',
      mode: 'phone',
      durationMinutes: 20,
    });
    await post(worker, `/api/referrals/${r.id}/discharge`, {
      version: contacted.version,
      reason: 'goals_met',
      summary: 'Goes to the walking group.',
    });
    const name = label(r, 'Iolo Prydderch');
    const expected = [
      `${name}: accepted by the social prescribing team`,
      `${name}: first contact made`,
      `${name}: discharged: the message back to the GP is ready`,
    ];
    for (const referrer of referrers) expect(await titlesFor(referrer, r)).toEqual(expected);
    expect(await titlesFor(elsewhere, r)).toEqual([]);
  });

  it('declined at triage, and the person declining at first contact, are told too', async () => {
    const declined = await createTestReferral(ctx.db, tenancy, { person: { givenName: 'Nia', familyName: 'Bowen' } });
    await post(lead, `/api/referrals/${declined.id}/decline`, { version: declined.version, reason: 'clinical_need' });
    expect(await titlesFor(referrers[0] as Session, declined)).toEqual([
      `${label(declined, 'Nia Bowen')}: declined by the social prescribing team`,
    ]);

    const r = await createTestReferral(ctx.db, tenancy, {
      status: 'allocated',
      allocatedWorkerId: worker.me.user.id,
      allocatedAt: new Date(Date.now() - 86_400_000),
      person: { givenName: 'Huw', familyName: 'Jenkins' },
    });
    await post(worker, `/api/referrals/${r.id}/first-contact`, {
      version: r.version,
      outcome: 'declined',
      mode: 'phone',
      durationMinutes: 5,
    });
    expect(await titlesFor(referrers[1] as Session, r)).toEqual([
      `${label(r, 'Huw Jenkins')}: the person declined social prescribing`,
    ]);
  });

  it('a referral with no referring practice (self-referral) tells no practice', async () => {
    const r = await createTestReferral(ctx.db, tenancy, { source: 'self', practiceId: null });
    await post(lead, `/api/referrals/${r.id}/decline`, { version: r.version, reason: 'clinical_need' });
    for (const referrer of referrers) expect(await titlesFor(referrer, r)).toEqual([]);
  });
});
