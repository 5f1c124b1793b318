import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIcb } from '../../../scripts/icb/generate.js';
import { refreshFigures } from '../../../scripts/icb/refresh-figures.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import type { ResolvedFilters } from '../figures.js';
import { SECTION_BUILDERS } from './index.js';

// The slices (sums over every practice and/or role, analytics.tables.ts) must give exactly the
// figures the detail rows give. A small synthetic ICB (the generator, with its mixes of roles,
// practices, no-practice referrals and outcome pairs), its rollups rebuilt by the job's code,
// then every section read both ways under every shape of filter: none, a PCN, a practice, a
// role, and a practice with a role.

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
    const one = await SECTION_BUILDERS.national(database.db, { ...base, pcnIds: [pcnId] });
    expect(one.map((t) => t.id)).toEqual(['national-by-month', 'national-by-practice-month']);
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
});
