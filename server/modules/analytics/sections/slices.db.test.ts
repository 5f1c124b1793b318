import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIcb } from '../../../scripts/icb/generate.js';
import { refreshFigures } from '../../../scripts/icb/refresh-figures.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import type { ResolvedFilters } from '../figures.js';
import { rebuildPcn } from '../refresh/rebuild.js';
import { replaceSlicesOf } from '../refresh/slices.js';
import { SECTION_BUILDERS } from './index.js';

// The slices (sums over every practice and/or role, analytics.tables.ts) must give exactly the
// figures the detail rows give. A small synthetic ICB (the generator, with its mixes of roles,
// practices, no-practice referrals and outcome pairs), its rollups rebuilt by the job's code,
// then every section read both ways under every shape of filter: none, a PCN, a practice, a
// role, and a practice with a role; the whole ICB also from the ICB slices.

let database: TestDatabase;
let icbId: string;
let pcnIds: string[];
let pcnId: string;
let practiceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await generateIcb(database.db, database.pool, {
    seed: 13,
    scale: 0.002,
    now: new Date('2026-06-15T00:00:00Z'),
    password: 'synthetic icb password',
    log: () => {},
  });
  await refreshFigures(database.db);
  const { rows } = await database.pool.query<{ id: string; icb_id: string; practice: string }>(
    `SELECT c.id, c.icb_id, (SELECT p.id FROM practices p WHERE p.pcn_id = c.id ORDER BY p.name LIMIT 1) AS practice
       FROM pcns c ORDER BY c.code`,
  );
  icbId = rows[0]?.icb_id as string;
  pcnIds = rows.map((r) => r.id);
  pcnId = rows[2]?.id as string;
  practiceId = rows[2]?.practice as string;
}, 120_000);
afterAll(() => database?.close());

describe('rollup slices', () => {
  it('give every section the same figures as the detail rows, under every shape of filter', async () => {
    const base = { icbId, fromMonth: '2025-07-01', toMonth: '2026-05-01', ownTeam: false };
    const shapes: [string, ResolvedFilters][] = [
      ['whole ICB', { ...base, pcnIds, practiceId: null, role: null }],
      ["whole ICB, from the ICB's slices", { ...base, pcnIds, practiceId: null, role: null, wholeIcb: true }],
      ["one role, from the ICB's slices", { ...base, pcnIds, practiceId: null, role: 'link_worker', wholeIcb: true }],
      ['one PCN', { ...base, pcnIds: [pcnId], practiceId: null, role: null }],
      ['one practice', { ...base, pcnIds: [pcnId], practiceId, role: null }],
      ['one role', { ...base, pcnIds, practiceId: null, role: 'link_worker' }],
      ['a practice and a role', { ...base, pcnIds: [pcnId], practiceId, role: 'health_coach' }],
      ['own team', { ...base, pcnIds: [pcnId], practiceId: null, role: 'care_coordinator', ownTeam: true }],
    ];
    let compared = 0;
    let nonZero = 0;
    for (const [shape, filters] of shapes) {
      for (const [section, build] of Object.entries(SECTION_BUILDERS)) {
        const fromSlices = await build(database.db, filters);
        const fromDetail = await build(database.db, { ...filters, readDetail: true });
        expect(fromSlices, `${section}, ${shape}`).toEqual(fromDetail);
        compared++;
        // Not a comparison of empty tables: most sections have figures under most filters.
        if (JSON.stringify(fromSlices).match(/"value":[1-9]/)) nonZero++;
      }
    }
    expect(compared).toBe(shapes.length * Object.keys(SECTION_BUILDERS).length);
    expect(nonZero).toBeGreaterThan(compared * 0.75);
  });

  it("give a commissioner's ICB-wide national figures per practice for the period, a PCN's per month", async () => {
    const base = {
      icbId,
      fromMonth: '2025-07-01',
      toMonth: '2026-05-01',
      role: null,
      practiceId: null,
      ownTeam: false,
    };
    const wide = await SECTION_BUILDERS.national(database.db, { ...base, pcnIds });
    expect(wide.map((t) => t.id)).toEqual(['national-by-month', 'national-by-practice']);
    const byPractice = wide[1];
    const byMonth = wide[0];
    const { rows } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM practices');
    // Every practice (and the "not from a practice" row when there are such referrals).
    expect(byPractice?.rows.length).toBeGreaterThanOrEqual(Number(rows[0]?.n));
    // Its totals are the months' totals: the same figures, summed another way.
    expect(byPractice?.total).toEqual(byMonth?.total);
    const received = (byPractice?.rows ?? []).reduce(
      (s, r) => s + ((r.values.received as { value: number }).value ?? 0),
      0,
    );
    expect(received).toBe((byMonth?.total?.values.received as { value: number } | undefined)?.value);
    expect(received).toBeGreaterThan(0);
    // The months are summed by PostgreSQL apart from the practices: they add up to the same.
    const sumOf = (rows: { values: Record<string, unknown> }[], key: string) =>
      rows.reduce((s, r) => s + ((r.values[key] as { value: number | null }).value ?? 0), 0);
    for (const column of byMonth?.columns ?? []) {
      expect(sumOf(byMonth?.rows ?? [], column.key)).toBe(sumOf(byPractice?.rows ?? [], column.key));
    }
    const one = await SECTION_BUILDERS.national(database.db, { ...base, pcnIds: [pcnId] });
    expect(one.map((t) => t.id)).toEqual(['national-by-month', 'national-by-practice-month']);
    // One PCN's practice-months add up to its practices' rows of the ICB-wide table (not the
    // "not from a practice" row, which the ICB-wide table has for every PCN together).
    const practiceMonths = one[1]?.rows ?? [];
    const itsPractices = (byPractice?.rows ?? []).filter(
      (r) => r.key !== 'not-from-practice' && practiceMonths.some((m) => m.key.startsWith(`${r.key}:`)),
    );
    expect(itsPractices.length).toBeGreaterThan(0);
    for (const practice of itsPractices) {
      const months = practiceMonths.filter((m) => m.key.startsWith(`${practice.key}:`));
      expect(sumOf(months, 'received')).toBe(sumOf([practice], 'received'));
    }
  });

  it('are rebuilt with the detail: a PCN rebuilt has as many slice rows as its detail implies', async () => {
    const { rows } = await database.pool.query<{ detail: string; slices: string; all_roles: string }>(
      `SELECT (SELECT sum(n) FROM analytics_counts WHERE pcn_id = $1) AS detail,
              (SELECT sum(n) FROM analytics_count_slices WHERE pcn_id = $1 AND all_practices AND role = 'all_roles') AS slices,
              (SELECT sum(n) FROM analytics_count_slices WHERE pcn_id = $1 AND NOT all_practices AND role = 'all_roles') AS all_roles`,
      [pcnId],
    );
    expect(Number(rows[0]?.detail)).toBeGreaterThan(0);
    expect(rows[0]?.slices).toBe(rows[0]?.detail);
    expect(rows[0]?.all_roles).toBe(rows[0]?.detail);
  });

  it("keep the ICB's slices the sums of its PCNs' slices, through a PCN's rows changing and rebuilds at once", async () => {
    // Every ICB slice row against the same sums worked out again from the PCN slices: rows that
    // differ, either way, are counted (zero when they agree).
    const differences = async () => {
      const { rows } = await database.pool.query<{ counts: number; waits: number; outcomes: number; kept: number }>(`
        WITH counts AS (
          SELECT p.icb_id, s.all_practices, s.month, s.role, count(*)::int AS pcns, s.measure, s.dimension, s.value, sum(s.n)::int AS n
            FROM analytics_count_slices s JOIN pcns p ON p.id = s.pcn_id
           WHERE s.all_practices OR s.practice_id IS NULL GROUP BY 1, 2, 3, 4, 6, 7, 8),
        kept_counts AS (SELECT icb_id, all_practices, month, role, pcns, measure, dimension, value, n FROM analytics_icb_count_slices),
        waits AS (
          SELECT p.icb_id, s.all_practices, s.month, s.role, count(*)::int AS pcns, s.priority, s.working_days, s.met, sum(s.n)::int AS n
            FROM analytics_wait_slices s JOIN pcns p ON p.id = s.pcn_id
           WHERE s.all_practices OR s.practice_id IS NULL GROUP BY 1, 2, 3, 4, 6, 7, 8),
        kept_waits AS (SELECT icb_id, all_practices, month, role, pcns, priority, working_days, met, n FROM analytics_icb_wait_slices),
        outcomes AS (
          SELECT p.icb_id, s.all_practices, s.month, s.role, count(*)::int AS pcns, s.measure, s.item, s.dimension, s.value,
                 sum(s.pairs)::int AS pairs, sum(s.baseline_sum) AS baseline_sum, sum(s.latest_sum) AS latest_sum,
                 sum(s.improved)::int AS improved, sum(s.same)::int AS same, sum(s.worse)::int AS worse
            FROM analytics_outcome_slices s JOIN pcns p ON p.id = s.pcn_id
           WHERE s.all_practices OR s.practice_id IS NULL GROUP BY 1, 2, 3, 4, 6, 7, 8, 9),
        kept_outcomes AS (
          SELECT icb_id, all_practices, month, role, pcns, measure, item, dimension, value, pairs, baseline_sum, latest_sum,
                 improved, same, worse FROM analytics_icb_outcome_slices)
        SELECT (SELECT count(*) FROM ((TABLE counts EXCEPT TABLE kept_counts) UNION ALL (TABLE kept_counts EXCEPT TABLE counts)) d)::int AS counts,
               (SELECT count(*) FROM ((TABLE waits EXCEPT TABLE kept_waits) UNION ALL (TABLE kept_waits EXCEPT TABLE waits)) d)::int AS waits,
               (SELECT count(*) FROM ((TABLE outcomes EXCEPT TABLE kept_outcomes) UNION ALL (TABLE kept_outcomes EXCEPT TABLE outcomes)) d)::int AS outcomes,
               (SELECT count(*) FROM analytics_icb_count_slices)::int + (SELECT count(*) FROM analytics_icb_outcome_slices)::int
                 + (SELECT count(*) FROM analytics_icb_wait_slices)::int AS kept`);
      return rows[0];
    };
    const before = await differences();
    expect(before).toMatchObject({ counts: 0, waits: 0, outcomes: 0 });
    expect(before?.kept).toBeGreaterThan(0);

    // One PCN's flow rows, outcomes and urgent waits go (rows of the ICB's slices that were that PCN's alone go too).
    await database.pool.query(`DELETE FROM analytics_counts WHERE pcn_id = $1 AND measure = 'flow'`, [pcnId]);
    await database.pool.query('DELETE FROM analytics_outcomes WHERE pcn_id = $1', [pcnId]);
    await database.pool.query(`DELETE FROM analytics_waits WHERE pcn_id = $1 AND priority = 'urgent'`, [pcnId]);
    await replaceSlicesOf(database.db, pcnId);
    const changed = await differences();
    expect(changed).toMatchObject({ counts: 0, waits: 0, outcomes: 0 });
    expect(changed?.kept).toBeLessThan(before?.kept as number);

    // Three PCNs of the ICB rebuilt at once: each waits for, or retries after, the others.
    const reports = await Promise.all(
      [pcnId, ...pcnIds.filter((id) => id !== pcnId).slice(0, 2)].map((id) => rebuildPcn(database.db, id)),
    );
    expect(reports.map((r) => r.rebuilt)).toEqual([true, true, true]);
    expect(await differences()).toEqual(before);
  });
});
