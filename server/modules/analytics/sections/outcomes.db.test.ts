import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenancy, type TestTenancy } from '../../../test/toolkit.js';
import { analyticsCounts, analyticsOutcomes } from '../analytics.tables.js';
import { replaceSlicesOf } from '../refresh/slices.js';
import { buildOutcomes } from './outcomes.js';
import { quarter, rowOf, sectionTestDatabase, tableOf } from './test-sections.js';

const database = await sectionTestDatabase();
const db = database.db;
let home: TestTenancy;

type Outcome = Partial<typeof analyticsOutcomes.$inferInsert> &
  Pick<typeof analyticsOutcomes.$inferInsert, 'measure' | 'item' | 'pairs' | 'improved' | 'same' | 'worse'>;

async function outcome(row: Outcome) {
  await db.insert(analyticsOutcomes).values({
    pcnId: home.pcnId,
    month: '2026-02-01',
    role: 'link_worker',
    dimension: 'all',
    value: 'all',
    baselineSum: '0',
    latestSum: '0',
    ...row,
  });
}

async function pamMove(value: string, n: number, role = 'link_worker') {
  await db
    .insert(analyticsCounts)
    .values({ pcnId: home.pcnId, month: '2026-01-01', role, measure: 'pam_move', dimension: 'level', value, n });
}

beforeAll(async () => {
  home = await createTestTenancy(db);
  const swemwbs = { measure: 'swemwbs', item: 'metric' };
  await outcome({ ...swemwbs, pairs: 4, baselineSum: '80.00', latestSum: '92.00', improved: 3, same: 0, worse: 1 });
  await outcome({
    ...swemwbs,
    month: '2026-03-01',
    role: 'health_coach',
    pairs: 2,
    baselineSum: '40.00',
    latestSum: '43.00',
    improved: 1,
    same: 1,
    worse: 0,
  });
  // A breakdown by an equality dimension repeats people already in 'all': never added again.
  await outcome({ ...swemwbs, dimension: 'sex', value: 'female', pairs: 3, improved: 3, same: 0, worse: 0 });
  // Outside the period.
  await outcome({ ...swemwbs, month: '2025-12-01', pairs: 9, improved: 9, same: 0, worse: 0 });
  // Anxiety: lower is better; the rollup already counts the falls as improvements.
  await outcome({
    measure: 'ons4',
    item: 'anxious',
    pairs: 2,
    baselineSum: '14',
    latestSum: '8',
    improved: 2,
    same: 0,
    worse: 0,
  });
  await pamMove('1→3', 2);
  await pamMove('2→2', 5);
  await pamMove('2→3', 4);
  await pamMove('3→2', 1, 'health_coach');
  // What the refresh job derives from the detail rows it writes (refresh/slices.ts).
  for (const pcnId of [home.pcnId]) await replaceSlicesOf(db, pcnId);
});

describe('outcomes', () => {
  it('pairs, means at baseline and latest, mean change and share improving per measure and item', async () => {
    const tables = await buildOutcomes(db, quarter(home.icbId, [home.pcnId]));
    const paired = tableOf(tables, 'outcomes-paired');
    expect(paired.rows.map((r) => r.key)).toEqual([
      'swemwbs:metric',
      'ons4:lifeSatisfaction',
      'ons4:worthwhile',
      'ons4:happy',
      'ons4:anxious',
      'ucla3:total',
      'pam:level',
    ]);
    // (80 + 40) / 6 = 20; (92 + 43) / 6 = 22.5; 4 of 6 improved.
    expect(rowOf(paired, 'swemwbs:metric')).toEqual({
      pairs: 6,
      baseline: 20,
      latest: 22.5,
      change: 2.5,
      improving: 66.7,
    });
    expect(rowOf(paired, 'ons4:anxious')).toEqual({ pairs: 2, baseline: 7, latest: 4, change: -3, improving: 100 });
    // No pairs: a 0 count and nothing to show for the statistics.
    expect(rowOf(paired, 'ucla3:total')).toEqual({
      pairs: 0,
      baseline: null,
      latest: null,
      change: null,
      improving: null,
    });
  });

  it('PAM level moves as a from × to table whose totals add up', async () => {
    const moves = tableOf(await buildOutcomes(db, quarter(home.icbId, [home.pcnId])), 'outcomes-pam-moves');
    expect(rowOf(moves, 'from1')).toEqual({ to1: 0, to2: 0, to3: 2, to4: 0, total: 2 });
    expect(rowOf(moves, 'from2')).toEqual({ to1: 0, to2: 5, to3: 4, to4: 0, total: 9 });
    expect(rowOf(moves, 'from3')).toEqual({ to1: 0, to2: 1, to3: 0, to4: 0, total: 1 });
    expect(rowOf(moves, 'from4')).toEqual({ to1: 0, to2: 0, to3: 0, to4: 0, total: 0 });
    expect(rowOf(moves, 'total')).toEqual({ to1: 0, to2: 6, to3: 6, to4: 0, total: 12 });
    expect(moves.rowSums).toEqual([{ total: 'total', parts: ['to1', 'to2', 'to3', 'to4'] }]);
  });

  it('the role filter keeps that role’s pairs and moves', async () => {
    const tables = await buildOutcomes(db, quarter(home.icbId, [home.pcnId], { role: 'health_coach' }));
    expect(rowOf(tableOf(tables, 'outcomes-paired'), 'swemwbs:metric')).toEqual({
      pairs: 2,
      baseline: 20,
      latest: 21.5,
      change: 1.5,
      improving: 50,
    });
    expect(rowOf(tableOf(tables, 'outcomes-pam-moves'), 'total')).toMatchObject({ total: 1 });
  });
});
