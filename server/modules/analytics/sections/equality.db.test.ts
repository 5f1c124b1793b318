import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenancy, type TestTenancy } from '../../../test/toolkit.js';
import { practices } from '../../organisations/organisations.tables.js';
import { analyticsCounts, analyticsOutcomes, practicePopulation } from '../analytics.tables.js';
import { replaceSlicesOf } from '../refresh/slices.js';
import { buildEquality } from './equality.js';
import { quarter, rowOf, sectionTestDatabase, tableOf } from './test-sections.js';

const database = await sectionTestDatabase();
const db = database.db;
let home: TestTenancy;
let unpopulated: string; // a second practice of the PCN, without population figures

async function referrals(dimension: string, value: string, n: number, practiceId: string | null) {
  await db.insert(analyticsCounts).values({
    pcnId: home.pcnId,
    practiceId,
    month: '2026-02-01',
    role: 'any',
    measure: 'referrals',
    dimension,
    value,
    n,
  });
}

beforeAll(async () => {
  home = await createTestTenancy(db);
  const [b] = await db
    .insert(practices)
    .values({ pcnId: home.pcnId, code: `E${String(Date.now()).slice(-5)}`, name: 'Unpopulated Surgery' })
    .returning();
  unpopulated = b?.id as string;
  const a = home.practiceId;
  await referrals('age_band', '25-34', 6, a);
  await referrals('age_band', '25-34', 2, null); // self-referrals: no practice, so no denominator
  await referrals('age_band', '65-74', 4, a);
  await referrals('age_band', '65-74', 3, unpopulated);
  await referrals('sex', 'female', 7, a);
  await referrals('sex', 'male', 3, a);
  await referrals('sex', 'not_stated', 2, null);
  await referrals('ethnicity', 'H', 5, a); // a code: folded into its group
  await referrals('ethnic_group', 'white', 7, a);
  await referrals('imd_quintile', '1', 8, a);
  await referrals('imd_quintile', '5', 4, a);
  await db.insert(practicePopulation).values([
    { practiceId: a, dimension: 'age_band', value: '25-34', people: 1000 },
    { practiceId: a, dimension: 'age_band', value: '65-74', people: 500 },
    { practiceId: a, dimension: 'sex', value: 'female', people: 1500 },
    { practiceId: a, dimension: 'sex', value: 'male', people: 1400 },
  ]);
  await db.insert(analyticsOutcomes).values({
    pcnId: home.pcnId,
    practiceId: a,
    month: '2026-03-01',
    role: 'link_worker',
    measure: 'swemwbs',
    item: 'metric',
    dimension: 'age_band',
    value: '25-34',
    pairs: 4,
    baselineSum: '80',
    latestSum: '90',
    improved: 3,
    same: 0,
    worse: 1,
  });
  // What the refresh job derives from the detail rows it writes (refresh/slices.ts).
  for (const pcnId of [home.pcnId]) await replaceSlicesOf(db, pcnId);
});

describe('equality', () => {
  it('by age band: referrals, share, rate per 1,000 registered patients where the population is held, outcomes', async () => {
    const tables = await buildEquality(db, quarter(home.icbId, [home.pcnId]));
    const age = tableOf(tables, 'equality-age_band');
    expect(age.rows.map((r) => r.key)).toEqual(['25-34', '65-74']);
    // The rate counts only referrals from practices whose population is held: 6 per 1,000; 4 per 500.
    expect(rowOf(age, '25-34')).toEqual({
      referrals: 8,
      share: 53.3,
      population: 1000,
      rate: 6,
      pairs: 4,
      improving: 75,
    });
    expect(rowOf(age, '65-74')).toEqual({
      referrals: 7,
      share: 46.7,
      population: 500,
      rate: 8,
      pairs: 0,
      improving: null,
    });
    expect(rowOf(age, 'total')).toEqual({
      referrals: 15,
      share: 100,
      population: 1500,
      rate: 6.7,
      pairs: 4,
      improving: 75,
    });
  });

  it('by sex, with no rate where no population is held', async () => {
    const sex = tableOf(await buildEquality(db, quarter(home.icbId, [home.pcnId])), 'equality-sex');
    expect(rowOf(sex, 'female')).toMatchObject({ referrals: 7, population: 1500, rate: 4.7 });
    expect(rowOf(sex, 'male')).toMatchObject({ referrals: 3, population: 1400, rate: 2.1 });
    expect(rowOf(sex, 'not_stated')).toMatchObject({ referrals: 2, population: 0, rate: null });
  });

  it('by ethnic group and deprivation: shares of referrals, and a note that no denominator is held', async () => {
    const tables = await buildEquality(db, quarter(home.icbId, [home.pcnId]));
    for (const id of ['equality-ethnic_group', 'equality-imd_quintile']) {
      const table = tableOf(tables, id);
      expect(table.columns.map((c) => c.key)).toEqual(['referrals', 'share', 'pairs', 'improving']);
      expect(table.notes.join(' ')).toMatch(/No registered-population figures are held/);
    }
    const ethnic = tableOf(tables, 'equality-ethnic_group');
    expect(ethnic.rows.map((r) => [r.label, rowOf(ethnic, r.key).referrals, rowOf(ethnic, r.key).share])).toEqual([
      ['White', 7, 58.3],
      ['Asian or Asian British', 5, 41.7],
    ]);
    const imd = tableOf(tables, 'equality-imd_quintile');
    expect(imd.rows.map((r) => [r.label, rowOf(imd, r.key).referrals])).toEqual([
      ['1 (most deprived)', 8],
      ['5 (least deprived)', 4],
    ]);
  });

  it('a practice filter counts that practice’s referrals and registered patients only', async () => {
    const tables = await buildEquality(db, quarter(home.icbId, [home.pcnId], { practiceId: unpopulated }));
    const age = tableOf(tables, 'equality-age_band');
    expect(age.rows.map((r) => r.key)).toEqual(['65-74']);
    expect(rowOf(age, '65-74')).toMatchObject({ referrals: 3, population: 0, rate: null });
  });
});
