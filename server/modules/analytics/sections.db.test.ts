import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureTable } from '../../../common/analytics.js';
import { setUpTestApp } from '../../test/team.js';
import { practices } from '../organisations/organisations.tables.js';
import { centile } from './sections/waits.js';
import { putCounts, putWaits } from './test-rollups.js';

// The figures of api-a's sections (demand, flow, waits, national) against hand-made rollup rows,
// each worked out by hand in the comments. Read as the team lead (exact figures) over
// January to March 2025.

const { ctx, tenancy: home, lead } = setUpTestApp({ team: { lead: 'team_lead' } });
let practiceB: string;

const section = async (name: string, query = '') => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analytics/${name}?from=2025-01&to=2025-03${query}`,
    headers: lead.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().suppressed).toBe(false);
  return res.json().tables as FigureTable[];
};
/** A table as { rowKey: { column: value } }, its total as 'total'. */
const cells = (tables: FigureTable[], id: string) => {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return Object.fromEntries(
    [...table.rows, ...(table.total ? [table.total] : [])].map((r) => [r.key, r.values]),
  ) as Record<string, Record<string, unknown>>;
};

beforeAll(async () => {
  await ctx.db.update(practices).set({ listSize: 2000 }).where(eq(practices.id, home.practiceId));
  const [b] = await ctx.db
    .insert(practices)
    .values({ pcnId: home.pcnId, code: `B${String(Date.now()).slice(-5)}`, name: 'Zz Unlisted Practice' })
    .returning();
  practiceB = b?.id as string;
  const p = home.practiceId;
  const row = (
    month: string,
    practiceId: string | null,
    measure: string,
    dimension: string,
    value: string,
    n: number,
  ) => ({
    pcnId: home.pcnId,
    practiceId,
    month,
    measure,
    dimension,
    value,
    n,
  });
  await putCounts(ctx.db, [
    // Demand: practice A 10 in January and 6 in February, 4 self-referrals in January.
    row('2025-01', p, 'referrals', 'source', 'practice', 10),
    row('2025-02', p, 'referrals', 'source', 'practice', 6),
    row('2025-01', null, 'referrals', 'source', 'self', 4),
    row('2025-01', p, 'referrals', 'reason', 'loneliness', 12),
    row('2025-01', p, 'referrals', 'reason', 'debt', 5),
    // Flow: 20 received, then 18, 15, 12, 8, 4; closed: 2 declined, 1 redirected, 1 not contactable.
    row('2025-01', p, 'flow', 'stage', 'received', 20),
    row('2025-01', p, 'flow', 'stage', 'triaged', 18),
    row('2025-01', p, 'flow', 'stage', 'allocated', 15),
    row('2025-01', p, 'flow', 'stage', 'first_contact', 12),
    row('2025-01', p, 'flow', 'stage', 'plan_agreed', 8),
    row('2025-01', p, 'flow', 'stage', 'discharged', 4),
    row('2025-01', p, 'closures', 'reason', 'declined:person_declined', 2),
    row('2025-01', p, 'closures', 'reason', 'redirected:crisis', 1),
    row('2025-02', p, 'closures', 'reason', 'not_contactable:not_recorded', 1),
    // National: the SNOMED code of a referral to social prescribing, 9 at practice A in January.
    row('2025-01', p, 'snomed', 'code', '871731000000106', 9),
  ]);
  const wait = (month: string, priority: string, workingDays: number, met: boolean, n: number) => ({
    pcnId: home.pcnId,
    practiceId: p,
    month,
    priority,
    workingDays,
    met,
    n,
  });
  await putWaits(ctx.db, [
    // January, routine: 3 at 2 days, 4 at 5 days (within target), 3 at 12 days (not).
    wait('2025-01', 'routine', 2, true, 3),
    wait('2025-01', 'routine', 5, true, 4),
    wait('2025-01', 'routine', 12, false, 3),
    // February, urgent: 2 at 1 day.
    wait('2025-02', 'urgent', 1, true, 2),
  ]);
});

describe('demand', () => {
  it('counts referrals per month, per 1,000 patients, by source, reason and practice', async () => {
    const t = await section('demand');
    expect(cells(t, 'demand-referrals-by-month')).toEqual({
      '2025-01': { referrals: 14 },
      '2025-02': { referrals: 6 },
      '2025-03': { referrals: 0 },
      total: { referrals: 20 },
    });
    // Practice A's list of 2,000: 10 → 5 per 1,000, 6 → 3; self-referrals are not in the rate.
    expect(cells(t, 'demand-rate-by-month')).toEqual({
      '2025-01': { rate: 5 },
      '2025-02': { rate: 3 },
      '2025-03': { rate: null },
      total: { rate: 8 },
    });
    expect(cells(t, 'demand-by-source')).toEqual({
      practice: { referrals: 16 },
      professional: { referrals: 0 },
      self: { referrals: 4 },
      total: { referrals: 20 },
    });
    expect(cells(t, 'demand-by-reason')).toEqual({
      loneliness: { referrals: 12, share: 60 },
      debt: { referrals: 5, share: 25 },
    });
    expect(cells(t, 'demand-by-practice')).toEqual({
      [home.practiceId]: { referrals: 16, rate: 8 },
      [practiceB]: { referrals: 0, rate: null },
      'not-from-practice': { referrals: 4, rate: null },
      total: { referrals: 20, rate: 8 },
    });
  });

  it('narrows to one practice', async () => {
    const t = await section('demand', `&practiceId=${home.practiceId}`);
    expect(cells(t, 'demand-referrals-by-month').total).toEqual({ referrals: 16 });
    expect(Object.keys(cells(t, 'demand-by-practice'))).toEqual([home.practiceId, 'total']);
  });
});

describe('flow', () => {
  it('follows referrals from received to discharged, and says why others closed', async () => {
    const t = await section('flow');
    expect(cells(t, 'flow-stages')).toEqual({
      received: { referrals: 20, share: 100 },
      triaged: { referrals: 18, share: 90 },
      allocated: { referrals: 15, share: 75 },
      first_contact: { referrals: 12, share: 60 },
      plan_agreed: { referrals: 8, share: 40 },
      discharged: { referrals: 4, share: 20 },
    });
    expect(cells(t, 'flow-closures')).toEqual({
      declined: { referrals: 2, share: 10 },
      redirected: { referrals: 1, share: 5 },
      not_contactable: { referrals: 1, share: 5 },
      total: { referrals: 4, share: 20 },
    });
    const reasons = t.find((x) => x.id === 'flow-closure-reasons');
    expect(reasons?.rows.map((r) => [r.label, r.values.referrals])).toEqual([
      ['Declined: The person declined social prescribing', 2],
      ['Not contactable: no reason recorded', 1],
      ['Redirected: Crisis or acute risk: not social prescribing (redirected to urgent care)', 1],
    ]);
  });
});

describe('waits', () => {
  it('reads the median and 90th centile off the histogram by nearest rank', () => {
    const buckets = [
      { days: 12, met: false, n: 3 },
      { days: 2, met: true, n: 3 },
      { days: 5, met: true, n: 4 },
    ];
    expect(centile(buckets, 0.5)).toBe(5); // the 5th of 10
    expect(centile(buckets, 0.9)).toBe(12); // the 9th of 10
    expect(centile([], 0.5)).toBeNull();
    // Of three (1, 3, 3) the median is the 2nd: rank 1.5 rounds up, not down.
    expect(
      centile(
        [
          { days: 1, met: true, n: 1 },
          { days: 3, met: true, n: 2 },
        ],
        0.5,
      ),
    ).toBe(3);
    // Of two (1, 2) the median is the 1st: the rank reached exactly is enough.
    expect(
      centile(
        [
          { days: 2, met: true, n: 1 },
          { days: 1, met: true, n: 1 },
        ],
        0.5,
      ),
    ).toBe(1);
  });

  it('gives median, 90th centile and share within target per month, PCN and priority', async () => {
    const t = await section('waits');
    // All 12: 1 day ×2, 2 ×3, 5 ×4, 12 ×3: median the 6th (5 days), 90th centile the 11th (12); 9 of 12 met.
    const whole = { referrals: 12, median: 5, p90: 12, met: 75 };
    expect(cells(t, 'waits-by-month')).toEqual({
      '2025-01': { referrals: 10, median: 5, p90: 12, met: 70 },
      '2025-02': { referrals: 2, median: 1, p90: 1, met: 100 },
      '2025-03': { referrals: 0, median: null, p90: null, met: null },
      total: whole,
    });
    expect(cells(t, 'waits-by-pcn')).toEqual({ [home.pcnId]: whole, total: whole });
    expect(cells(t, 'waits-by-priority')).toEqual({
      routine: { referrals: 10, median: 5, p90: 12, met: 70 },
      soon: { referrals: 0, median: null, p90: null, met: null },
      urgent: { referrals: 2, median: 1, p90: 1, met: 100 },
      total: whole,
    });
  });
});

describe('national figures', () => {
  it('counts coded events and personalised care figures per practice per month', async () => {
    const t = await section('national');
    const byPractice = cells(t, 'national-by-practice-month');
    expect(byPractice[`${home.practiceId}:2025-01`]).toEqual({
      'snomed:871731000000106': 9,
      'snomed:871711000000103': 0,
      received: 20,
      first_contact: 12,
      plan_agreed: 8,
    });
    expect(byPractice[`${practiceB}:2025-02`]).toMatchObject({ 'snomed:871731000000106': 0, received: 0 });
    const table = t.find((x) => x.id === 'national-by-practice-month');
    expect(table?.columns.find((c) => c.key === 'snomed:871731000000106')?.label).toBe(
      'Referral to social prescribing service (procedure) (SNOMED CT 871731000000106)',
    );
    expect(cells(t, 'national-by-month')['2025-01']).toMatchObject({ 'snomed:871731000000106': 9, received: 20 });
  });
});
