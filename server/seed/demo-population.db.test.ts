import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practicePopulation } from '../modules/analytics/analytics.tables.js';
import { practices } from '../modules/organisations/organisations.tables.js';
import { people } from '../modules/people/people.tables.js';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { hasDemoIcb, seedDemoData } from './demo.js';

// Issue 13: the demo has list sizes, registered populations and equality answers to report on.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // What the start-up banner asks before it lists the demo's sign-ins.
  expect(await hasDemoIcb(database.db)).toBe(false);
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
  expect(await hasDemoIcb(database.db)).toBe(true);
});
afterAll(async () => {
  await database.close();
});

describe('demo populations and equality answers', () => {
  it('every demo practice has a list size, and its population by age band and by sex each sum to it', async () => {
    const rows = await database.db.select().from(practices);
    const population = await database.db.select().from(practicePopulation);
    for (const p of rows) {
      expect(p.listSize).toBeGreaterThan(0);
      for (const dimension of ['age_band', 'sex']) {
        const total = population
          .filter((r) => r.practiceId === p.id && r.dimension === dimension)
          .reduce((sum, r) => sum + r.people, 0);
        expect(total).toBe(p.listSize);
      }
    }
  });

  it('demo people answer in a spread: some never asked, some preferring not to say', async () => {
    const rows = await database.db.select().from(people);
    expect(rows.some((p) => p.sex === null && p.ethnicity === null)).toBe(true);
    expect(rows.some((p) => p.sex === 'not_stated')).toBe(true);
    expect(rows.some((p) => p.ethnicity === 'Z')).toBe(true);
    expect(rows.some((p) => p.genderIdentity === 'self_described' && p.genderIdentityDescription)).toBe(true);
    expect(new Set(rows.map((p) => p.ethnicity)).size).toBeGreaterThan(4);
  });

  it('every demo person’s postcode has an LSOA with an IMD decile (deprivation from the postcode)', async () => {
    const { rows } = await database.db.execute<{ postcode: string; decile: number | null }>(sql`
      SELECT pe.postcode, d.decile FROM people pe
      LEFT JOIN postcodes pc ON pc.postcode = pe.postcode
      LEFT JOIN imd_deciles d ON d.lsoa = pc.lsoa
      WHERE pe.postcode IS NOT NULL`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.decile === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.decile)).size).toBeGreaterThan(3);
  });
});
