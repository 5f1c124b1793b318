import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  PlannerBaseline,
  PlannerInputs,
  PlannerResult,
  RateList,
  Scenario,
} from '../../../common/workforce-planner.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { clearAnalyticsCache } from '../analytics/analytics.service.js';
import { defaultPeriod, monthsOf } from '../analytics/scope.js';
import { markRefreshed, putCounts } from '../analytics/test-rollups.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { workforceRates, workforceScenarios } from './workforce-planner.tables.js';

// The workforce planner over HTTP (issue 16, point 6): demand from the dashboards' rollups and the
// PCN's triaged referrals, today's team by role (never by name outside the lead's own team page),
// named scenarios in the planner's scope, and the ICB administrator's rates.

const { ctx, tenancy, other, lead, otherLead, commissioner, admin, otherAdmin, referrer } = setUpTestApp({
  tenancies: { other: 'same-icb', elsewhere: 'new-icb' },
  team: {
    lead: { role: 'team_lead', fte: '1', caseloadCapacity: 15 },
    tom: { role: 'link_worker', name: 'Tom Planner-Okafor', fte: '1', caseloadCapacity: 40, signIn: false },
    hannah: { role: 'link_worker', name: 'Hannah Planner-Reid', fte: '0.5', caseloadCapacity: 30, signIn: false },
    aisha: { role: 'health_coach', name: 'Aisha Planner-Khan', fte: '0.8', caseloadCapacity: 25, signIn: false },
    otherLead: { role: 'team_lead', at: 'other' },
    otherCoach: {
      role: 'health_coach',
      name: 'Daniel Planner-Evans',
      fte: '1',
      caseloadCapacity: 20,
      at: 'other',
      signIn: false,
    },
    commissioner: 'commissioner',
    admin: 'admin',
    otherAdmin: { role: 'admin', at: 'elsewhere' },
    referrer: 'referrer',
  },
});

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const post = (s: Session, url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as Record<string, unknown> });
const put = (s: Session, url: string, payload: unknown) =>
  ctx.app.inject({ method: 'PUT', url, headers: s.headers, payload: payload as Record<string, unknown> });

const DAY = 86_400_000;

beforeAll(async () => {
  // 60 referrals a month over the default period (the last 12 complete months) at home, 30 at the
  // other PCN of the ICB: 720 and 360 in the period.
  const { from, to } = defaultPeriod();
  const rows = monthsOf(from, to).flatMap((month) => [
    {
      pcnId: tenancy.pcnId,
      practiceId: tenancy.practiceId,
      month,
      measure: 'referrals',
      dimension: 'source',
      value: 'practice',
      n: 60,
    },
    {
      pcnId: other.pcnId,
      practiceId: other.practiceId,
      month,
      measure: 'referrals',
      dimension: 'source',
      value: 'practice',
      n: 30,
    },
  ]);
  await putCounts(ctx.db, rows);
  await markRefreshed(ctx.db, [tenancy.pcnId, other.pcnId]);
  // The case mix at triage, received 40 days ago: 6 link worker low, 2 link worker medium, 3 coach
  // high; 11 allocated of 13 decided (2 declined).
  const at = new Date(Date.now() - 40 * DAY);
  const make = (n: number, extra: Parameters<typeof triaged>[0]) =>
    Promise.all(
      Array.from({ length: n }, () => createTestReferral(ctx.db, tenancy, triaged({ receivedAt: at, ...extra }))),
    );
  const allocated = { status: 'allocated' as const, allocatedAt: new Date(at.getTime() + DAY) };
  await make(6, { complexity: 'low', recommendedRole: 'link_worker', ...allocated });
  await make(2, { complexity: 'medium', recommendedRole: 'link_worker', ...allocated });
  await make(2, { complexity: 'high', recommendedRole: 'health_coach', ...allocated });
  await make(2, { complexity: 'low', recommendedRole: 'link_worker', status: 'declined', closedAt: at });
  // No recommendation at triage: the allocation rules' role counts (high complexity → coach).
  await make(1, { complexity: 'high', recommendedRole: null, ...allocated });
  clearAnalyticsCache();
});

async function baselineOf(s: Session, query = ''): Promise<PlannerBaseline> {
  const res = await get(s, `/api/workforce-planner/baseline${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the lead plans for their PCN', () => {
  it('starts from the data: referrals a month, the case mix, the share that became cases, today’s team', async () => {
    const b = await baselineOf(lead);
    expect(b.area).toMatchObject({ kind: 'pcn', id: tenancy.pcnId });
    expect(b.pcns.map((p) => p.id)).toEqual([tenancy.pcnId]);
    expect(b.demand).toMatchObject({ referrals: 720, referralsPerMonth: 60, triaged: 13 });
    expect(b.defaults.acceptedPercent).toBe(85); // 11 of 13
    expect(b.defaults.mix).toEqual({
      link_worker: { low: 8, medium: 2, high: 0 },
      health_coach: { low: 0, medium: 0, high: 3 },
      care_coordinator: { low: 0, medium: 0, high: 0 },
    });
    // Link workers: 1 + 0.5 WTE; caseload per WTE weighted by FTE: (40 × 1 + 30 × 0.5) / 1.5 = 36.67 → 37.
    expect(b.team.find((t) => t.role === 'link_worker')).toMatchObject({ people: 2, wte: 1.5, caseloadPerWte: 37 });
    expect(b.team.find((t) => t.role === 'health_coach')).toMatchObject({ people: 1, wte: 0.8, caseloadPerWte: 25 });
    // The shipped figures: pay points entered (to be confirmed), 2025/26 ARRS maximums empty.
    expect(b.defaults.year).toBe('2025/26');
    expect(b.defaults.payPoint).toEqual({
      link_worker: 'pay:5:3',
      health_coach: 'pay:5:3',
      care_coordinator: 'pay:4:2',
    });
    const arrs = b.rates.rates.find((r) => r.code === 'arrs:link_worker' && r.year === '2025/26');
    expect(arrs).toMatchObject({ amount: null, verified: false });
    expect(arrs?.source).toMatch(/^Unverified/);
  });

  it('works out 20 % more referrals, saves it by name, and reads WTE and cost per role back', async () => {
    const b = await baselineOf(lead);
    const inputs: PlannerInputs = { ...b.defaults, changePercent: 20 };
    const calc = await post(lead, '/api/workforce-planner/calculate', { inputs });
    expect(calc.statusCode, calc.body).toBe(200);
    const result: PlannerResult = calc.json();
    expect(result.referralsPerMonth).toBe(72);
    expect(result.roles.map((r) => r.role)).toEqual(['link_worker', 'health_coach', 'care_coordinator']);
    const lw = result.roles[0];
    // 72 × 85 % = 61.2 new cases; link workers 10 of 13 → 47.08 a month.
    expect(lw?.newCasesPerMonth).toBe(47.08);
    expect(lw?.wteToday).toBe(1.5);
    expect(lw?.salary).toBe(37_796);
    // No on-cost rates shipped: the cost is unknown and the warnings say so, never a silent 0.
    expect(lw?.costPerWte).toBeNull();
    expect(result.warnings.join(' ')).toMatch(/Employer pension contribution rate for 2025\/26 is not entered/);

    const saved = await post(lead, '/api/workforce-planner/scenarios', { name: '20 % more referrals', inputs });
    expect(saved.statusCode, saved.body).toBe(201);
    const scenario: Scenario = saved.json();
    expect(scenario).toMatchObject({
      name: '20 % more referrals',
      pcnId: tenancy.pcnId,
      inputs: { changePercent: 20 },
    });
    expect(scenario.result.roles[0]?.wteNeeded).toBe(lw?.wteNeeded);
    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'workforce.scenario-saved'), eq(auditEvents.entityId, scenario.id)));
    expect(audit?.actorUserId).toBe(lead.id);

    const list = (await get(lead, '/api/workforce-planner/scenarios')).json();
    expect(list.scenarios.map((s: { name: string }) => s.name)).toContain('20 % more referrals');

    // The same name again for the same PCN: refused, naming the field; nothing more is kept.
    const again = await post(lead, '/api/workforce-planner/scenarios', { name: '20 % more referrals', inputs });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: 'name' })]);

    // Another PCN's lead and the commissioner do not find it (404, as a record that does not exist).
    expect((await get(otherLead, `/api/workforce-planner/scenarios/${scenario.id}`)).statusCode).toBe(404);
    expect((await get(commissioner, `/api/workforce-planner/scenarios/${scenario.id}`)).statusCode).toBe(404);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/workforce-planner/scenarios/${scenario.id}`,
      headers: otherLead.headers,
    });
    expect(del.statusCode).toBe(404);
    expect((await get(lead, `/api/workforce-planner/scenarios/${scenario.id}`)).statusCode).toBe(200);
  });

  it('refuses bad input with the field and the reason, and keeps nothing', async () => {
    const b = await baselineOf(lead);
    const count = async () =>
      (await ctx.db.select().from(workforceScenarios).where(eq(workforceScenarios.pcnId, tenancy.pcnId))).length;
    const before = await count();
    const cases: [string, unknown, string][] = [
      ['inputs.changePercent', { ...b.defaults, changePercent: 'twenty' }, 'must be a number'],
      ['inputs.changePercent', { ...b.defaults, changePercent: -150 }, 'must be -100 % or more'],
      [
        'inputs.caseloadPerWte.health_coach',
        { ...b.defaults, caseloadPerWte: { ...b.defaults.caseloadPerWte, health_coach: 0 } },
        'must be 1 or more',
      ],
      [
        'inputs.mix',
        {
          ...b.defaults,
          mix: {
            link_worker: { low: 0, medium: 0, high: 0 },
            health_coach: { low: 0, medium: 0, high: 0 },
            care_coordinator: { low: 0, medium: 0, high: 0 },
          },
        },
        'must give at least one role some cases',
      ],
      [
        'inputs.payPoint.link_worker',
        { ...b.defaults, payPoint: { ...b.defaults.payPoint, link_worker: 'pay:9:9' } },
        'is not a pay point of 2025/26',
      ],
      ['inputs.year', { ...b.defaults, year: '2030/31' }, 'has no figures'],
    ];
    for (const [field, inputs, message] of cases) {
      const res = await post(lead, '/api/workforce-planner/scenarios', { name: `Bad ${field}`, inputs });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field, message: expect.stringContaining(message) }),
      ]);
    }
    const noName = await post(lead, '/api/workforce-planner/scenarios', { name: ' ', inputs: b.defaults });
    expect(noName.json().errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(await count()).toBe(before);
  });

  it('cannot plan for another PCN, and a referrer cannot plan at all', async () => {
    expect((await get(lead, `/api/workforce-planner/baseline?pcnId=${other.pcnId}`)).statusCode).toBe(404);
    expect((await get(referrer, '/api/workforce-planner/baseline')).statusCode).toBe(403);
    expect((await get(lead, '/api/workforce-planner/rates')).statusCode).toBe(403);
  });
});

describe('the commissioner plans for the ICB', () => {
  it('sees the ICB in aggregate, under the small-number rule, and never a worker by name', async () => {
    const res = await get(commissioner, '/api/workforce-planner/baseline');
    expect(res.statusCode).toBe(200);
    const b: PlannerBaseline = res.json();
    expect(b.area.kind).toBe('icb');
    expect(b.pcns.map((p) => p.id).sort()).toEqual([tenancy.pcnId, other.pcnId].sort());
    expect(b.demand.referrals).toBe(1080);
    expect(b.demand.referralsPerMonth).toBe(90);
    // 1.5 link worker WTE at home; 0.8 + 1 coach WTE across the two PCNs.
    expect(b.team.find((t) => t.role === 'health_coach')).toMatchObject({ people: 2, wte: 1.8 });
    // Small numbers: 3 coach cases is "fewer than 8", so left out, never shown exactly.
    expect(b.demand.mix.find((m) => m.role === 'health_coach')).toBeUndefined();
    expect(b.demand.mix.find((m) => m.role === 'link_worker' && m.complexity === 'low')?.cases).toBe(10);
    expect(res.body).not.toMatch(/Planner-/);

    const one = await baselineOf(commissioner, `?pcnId=${other.pcnId}`);
    expect(one.area).toMatchObject({ kind: 'pcn', id: other.pcnId });
    expect(one.demand.referralsPerMonth).toBe(30);

    const saved = await post(commissioner, '/api/workforce-planner/scenarios', {
      name: 'ICB: 20 % more',
      inputs: { ...b.defaults, changePercent: 20 },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ pcnId: null, area: 'The whole ICB' });
    // A lead does not see the commissioners' scenarios.
    expect((await get(lead, `/api/workforce-planner/scenarios/${saved.json().id}`)).statusCode).toBe(404);
  });
});

describe('the administrator keeps the pay, on-cost and ARRS figures', () => {
  it('changes a figure for their ICB: audited, used by the planner, not seen by another ICB', async () => {
    const change = {
      code: 'arrs:link_worker',
      year: '2025/26',
      amount: 45_000,
      verified: false,
      source: 'Test figure, not a real maximum',
    };
    const res = await put(admin, '/api/workforce-planner/rates', change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ amount: 45_000, changedHere: true, source: 'Test figure, not a real maximum' });

    const [audit] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'workforce.rate-changed'), eq(auditEvents.actorUserId, admin.id)));
    expect(audit?.details).toMatchObject({ code: 'arrs:link_worker', from: { amount: null }, to: { amount: 45_000 } });

    const b = await baselineOf(lead);
    expect(b.rates.rates.find((r) => r.code === 'arrs:link_worker' && r.year === '2025/26')?.amount).toBe(45_000);
    const calc = (await post(lead, '/api/workforce-planner/calculate', { inputs: b.defaults })).json() as PlannerResult;
    expect(calc.roles[0]?.arrsMaxPerWte).toBe(45_000);

    const theirs: RateList = (await get(otherAdmin, '/api/workforce-planner/rates')).json();
    expect(theirs.rates.find((r) => r.code === 'arrs:link_worker' && r.year === '2025/26')?.amount).toBeNull();
    // The shipped row is untouched.
    const shipped = await ctx.db.select().from(workforceRates).where(eq(workforceRates.code, 'arrs:link_worker'));
    expect(shipped.filter((r) => r.icbId === null && r.year === '2025/26').map((r) => r.amount)).toEqual([null]);
  });

  it('refuses a bad figure with the field and the reason, and changes nothing', async () => {
    const before = await ctx.db.select().from(workforceRates);
    const bad: [string, Record<string, unknown>][] = [
      ['amount', { code: 'oncost:pension_rate', year: '2025/26', amount: 150, verified: false, source: 'NHS BSA' }],
      ['verified', { code: 'oncost:ni_rate', year: '2025/26', amount: null, verified: true, source: 'HMRC' }],
      ['year', { code: 'oncost:ni_rate', year: '2025/27', amount: 15, verified: false, source: 'HMRC' }],
      ['code', { code: 'arrs:team_lead', year: '2025/26', amount: 1, verified: false, source: 'HMRC' }],
      ['source', { code: 'oncost:ni_rate', year: '2025/26', amount: 15, verified: false, source: '' }],
      ['amount', { code: 'pay:5:1', year: '2025/26', amount: -1, verified: false, source: 'NHS Employers' }],
    ];
    for (const [field, body] of bad) {
      const res = await put(admin, '/api/workforce-planner/rates', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    expect(await ctx.db.select().from(workforceRates)).toEqual(before);
    const denied = await put(commissioner, '/api/workforce-planner/rates', {
      code: 'oncost:ni_rate',
      year: '2025/26',
      amount: 15,
      verified: false,
      source: 'HMRC',
    });
    expect(denied.statusCode).toBe(403);
  });
});
