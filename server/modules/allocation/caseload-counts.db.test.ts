import { beforeAll, describe, expect, it } from 'vitest';
import type { Caseload, CaseloadShow } from '../../../common/front-door-types.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';

// The usual caseload (no search, a "show" its rows decide) is counted and paged by PostgreSQL; a
// search, or "overdue", reads every open case into the app and decides there
// (use-cases/caseload.ts). Both must agree, above all where "first contact overdue" turns on
// London midnight. Every person here is a "Boundary", so the search `q=boundary` keeps every case
// and sends the same question down the app's path.

const {
  ctx,
  tenancy,
  kit,
  kit: kitS,
  sam,
} = setUpTestApp({
  team: {
    kit: { role: 'link_worker', name: 'Kit Adeyemi' },
    sam: { role: 'health_coach', name: 'Sam Okafor', signIn: false },
  },
});
const { get } = requestsAs(ctx);
const caseload = async (query: string) => {
  const res = await get(kitS, `/api/caseload?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Caseload;
};

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The instant London's today began: UTC midnight, or an hour before it in summer time. */
function londonMidnight(): number {
  const today = londonToday();
  const utc = Date.parse(`${today}T00:00:00Z`);
  const midnight = [utc - 3_600_000, utc].find(
    (t) => londonToday(new Date(t)) === today && londonToday(new Date(t - MINUTE)) !== today,
  );
  if (midnight === undefined) throw new Error('no London midnight found');
  return midnight;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const midnight = londonMidnight();
  const person = (name: string) => ({ person: { givenName: name, familyName: 'Boundary' } });
  const waiting = (name: string, due: Date | null) =>
    createTestReferral(ctx.db, tenancy, {
      ...triaged({ status: 'allocated', allocatedWorkerId: kit.id, allocatedAt: new Date(), firstContactDueAt: due }),
      ...person(name),
    });
  ids.lastMinuteOfYesterday = (await waiting('Yesterday', new Date(midnight - MINUTE))).id;
  ids.firstMinuteOfToday = (await waiting('Today', new Date(midnight + MINUTE))).id;
  ids.daysAgo = (await waiting('Ago', new Date(midnight - 3 * DAY))).id;
  ids.daysAhead = (await waiting('Ahead', new Date(midnight + 3 * DAY))).id;
  ids.noTarget = (await waiting('Untimed', null)).id;
  const underWay = (name: string, extra: Parameters<typeof triaged>[0]) =>
    createTestReferral(ctx.db, tenancy, {
      ...triaged({ allocatedAt: new Date(), firstContactAt: new Date(), ...extra }),
      ...person(name),
    });
  // First contact made, long after it was due: not overdue.
  ids.madeLate = (
    await underWay('Late', {
      status: 'first_contact',
      allocatedWorkerId: kit.id,
      firstContactDueAt: new Date(midnight - 9 * DAY),
    })
  ).id;
  // Kit covers Sam's case, and Sam covers one of Kit's.
  ids.covering = (
    await underWay('Covering', { status: 'active', allocatedWorkerId: sam.id, coverWorkerId: kit.id })
  ).id;
  ids.covered = (await underWay('Covered', { status: 'active', allocatedWorkerId: kit.id, coverWorkerId: sam.id })).id;
  // Someone else's case, not covered by Kit: in no count.
  await underWay('Elsewhere', { status: 'active', allocatedWorkerId: sam.id });
});

describe('GET /api/caseload: the counts and pages PostgreSQL chooses are those the app would', () => {
  it('counts first contact overdue from London midnight: due yesterday at 23:59 is overdue, today at 00:01 is not', async () => {
    const usual = await caseload('');
    expect(usual.counts).toEqual({ total: 8, awaitingFirstContact: 5, overdue: 2, covering: 1 });
    const byId = new Map(usual.items.map((i) => [i.id, i.firstContactDue]));
    expect(byId.get(ids.lastMinuteOfYesterday as string)).toBe('overdue');
    expect(byId.get(ids.firstMinuteOfToday as string)).toBe('due_today');
    expect(byId.get(ids.madeLate as string)).toBe('made');
    // The app's path counts the same.
    expect((await caseload('q=boundary')).counts).toEqual(usual.counts);
    expect((await caseload('show=overdue')).counts).toEqual(usual.counts);
  });

  it.each<CaseloadShow>(['all', 'waiting', 'under_way', 'covering'])(
    'show=%s: the same cases, in the same order',
    async (show) => {
      const usual = await caseload(`show=${show}`);
      const inApp = await caseload(`show=${show}&q=boundary`);
      expect(usual.items.length).toBeGreaterThan(0);
      expect(usual.items).toEqual(inApp.items);
      expect(usual.total).toBe(inApp.total);
    },
  );

  it('orders waiting cases first, soonest due first, those with no target last among them', async () => {
    const waiting = (await caseload('show=waiting')).items.map((i) => i.id);
    expect(waiting).toEqual([
      ids.daysAgo,
      ids.lastMinuteOfYesterday,
      ids.firstMinuteOfToday,
      ids.daysAhead,
      ids.noTarget,
    ]);
  });
});
