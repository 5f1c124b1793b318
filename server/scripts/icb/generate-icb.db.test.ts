import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../../../common/nhs-number.js';
import { SNOMED } from '../../../common/referrals.js';
import { scoreMeasure } from '../../modules/outcomes/scoring.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { DatabaseNotEmptyError, prepareDatabase } from './database.js';
import { type GenerateResult, generateIcb, ICB_SIZE } from './generate.js';
import { refreshFigures } from './refresh-figures.js';

// The generator at a tiny scale into the test database: the requested sizes, the app's rules
// (valid 999-range NHS numbers, timestamps in order, the SNOMED codes, scores as scoring.ts
// gives them), the same ICB from the same seed, and no overwriting without --replace.

const SCALE = 0.0004;
const NOW = new Date('2026-06-15T00:00:00Z');
const run = (database: TestDatabase, seed: number) =>
  generateIcb(database.db, database.pool, {
    seed,
    scale: SCALE,
    now: NOW,
    password: 'synthetic icb password',
    log: () => {},
  });

let a: TestDatabase;
let b: TestDatabase;
let result: GenerateResult;

beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
  result = await run(a, 7);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const count = async (database: TestDatabase, sql: string) =>
  Number((await database.pool.query<{ n: string }>(sql)).rows[0]?.n);

describe('generate:icb', () => {
  it('writes an ICB of the requested scale, and reports what it wrote', async () => {
    expect(await count(a, 'SELECT count(*) AS n FROM icbs')).toBe(1);
    expect(await count(a, 'SELECT count(*) AS n FROM pcns')).toBe(ICB_SIZE.pcns);
    expect(await count(a, 'SELECT count(*) AS n FROM practices')).toBe(ICB_SIZE.practices);
    expect(await count(a, 'SELECT count(*) AS n FROM pcn_triage_settings')).toBe(ICB_SIZE.pcns);
    expect(await count(a, 'SELECT count(*) AS n FROM people')).toBe(Math.round(ICB_SIZE.people * SCALE));
    expect(await count(a, 'SELECT count(*) AS n FROM referrals')).toBe(Math.round(ICB_SIZE.referrals * SCALE));
    const staff = await count(a, "SELECT count(*) AS n FROM users WHERE role <> 'referrer'");
    expect(staff).toBeGreaterThan(150);
    expect(await count(a, "SELECT count(*) AS n FROM users WHERE role = 'team_lead'")).toBe(ICB_SIZE.pcns);
    for (const table of ['referrals', 'referral_events', 'case_contacts', 'outcome_measures', 'care_plans', 'people']) {
      expect(await count(a, `SELECT count(*) AS n FROM ${table}`), table).toBe(result.counts[table]);
    }
    // Contacts: several per accepted case, as 2 million are to 250,000 referrals.
    expect(result.counts.case_contacts).toBeGreaterThan((result.counts.referrals as number) * 4);
    // Every practice's population adds up to its list size, by age band and by sex.
    const off = await count(
      a,
      `SELECT count(*) AS n FROM practices p WHERE p.list_size NOT BETWEEN 3000 AND 25000
         OR p.list_size <> (SELECT sum(people) FROM practice_population WHERE practice_id = p.id AND dimension = 'age_band')
         OR p.list_size <> (SELECT sum(people) FROM practice_population WHERE practice_id = p.id AND dimension = 'sex')`,
    );
    expect(off).toBe(0);
    expect(await count(a, 'SELECT count(*) AS n FROM postcodes p JOIN imd_deciles d USING (lsoa)')).toBe(
      await count(a, 'SELECT count(*) AS n FROM postcodes'),
    );
  });

  it('gives every person a valid NHS number from the 999 range, or none', async () => {
    const { rows } = await a.pool.query<{ nhs_number: string }>(
      'SELECT nhs_number FROM people WHERE nhs_number IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { nhs_number } of rows) {
      expect(nhs_number.startsWith('999'), nhs_number).toBe(true);
      expect(isValidNhsNumber(nhs_number), nhs_number).toBe(true);
    }
  });

  it('keeps every referral’s timestamps and events in order, with the app’s SNOMED codes', async () => {
    const disordered = await count(
      a,
      `SELECT count(*) AS n FROM referrals r WHERE
         r.received_at > coalesce(r.triaged_at, r.allocated_at, r.first_contact_at, r.closed_at, r.received_at)
         OR r.triaged_at > coalesce(r.allocated_at, r.first_contact_at, r.closed_at, r.triaged_at)
         OR r.allocated_at > coalesce(r.first_contact_at, r.closed_at, r.allocated_at)
         OR r.first_contact_at > coalesce(r.closed_at, r.first_contact_at)
         OR r.closed_at > $now OR (r.closed_at IS NULL) <> (r.status IN ('received','triaged','allocated','first_contact','active'))
         OR r.status <> (SELECT e.to_status FROM referral_events e WHERE e.referral_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1)
         OR EXISTS (SELECT 1 FROM case_contacts c WHERE c.referral_id = r.id AND (c.at < r.received_at OR c.at > coalesce(r.closed_at, $now)))`.replaceAll(
        '$now',
        `'${NOW.toISOString()}'::timestamptz`,
      ),
    );
    expect(disordered).toBe(0);
    const firstContacts = await a.pool.query<{ snomed_code: string | null }>(
      "SELECT snomed_code FROM referral_events WHERE type = 'first_contact'",
    );
    expect(firstContacts.rows.length).toBeGreaterThan(0);
    expect(new Set(firstContacts.rows.map((r) => r.snomed_code))).toEqual(
      new Set([SNOMED.referralToSocialPrescribing]),
    );
    expect(
      await count(
        a,
        `SELECT count(*) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral_id
        WHERE e.type = 'declined' AND r.closure_reason = 'person_declined' AND e.snomed_code IS DISTINCT FROM '${SNOMED.socialPrescribingDeclined}'`,
      ),
    ).toBe(0);
  });

  it('stores outcome scores exactly as the app scores the answers', async () => {
    const { rows } = await a.pool.query<{ measure: 'ons4'; answers: Record<string, number>; scores: unknown }>(
      'SELECT measure, answers, scores FROM outcome_measures',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const scored = scoreMeasure(row.measure, row.answers);
      expect(scored.ok && scored.scores).toEqual(row.scores);
    }
  });

  it('brings the figures up to date for every PCN', async () => {
    expect(await refreshFigures(a.db)).toBe(ICB_SIZE.pcns);
    expect(await count(a, 'SELECT count(*) AS n FROM analytics_refreshes')).toBe(ICB_SIZE.pcns);
    const referrals = await count(
      a,
      "SELECT sum(n) AS n FROM analytics_counts WHERE measure = 'referrals' AND dimension = 'source'",
    );
    expect(referrals).toBe(result.counts.referrals);
  });

  it('writes the same ICB from the same seed', async () => {
    await run(b, 7);
    const snapshot = async (database: TestDatabase) => ({
      people: (
        await database.pool.query(
          'SELECT id, nhs_number, date_of_birth, postcode, sex, ethnicity FROM people ORDER BY id',
        )
      ).rows,
      referrals: (
        await database.pool.query(
          'SELECT id, status, received_at, closed_at, reasons FROM referrals ORDER BY id LIMIT 50',
        )
      ).rows,
      contacts: await count(database, 'SELECT count(*) AS n FROM case_contacts'),
    });
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('refuses a database with referrals unless asked to replace them, then replaces them', async () => {
    await expect(prepareDatabase(b.pool, { replace: false })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await count(b, 'SELECT count(*) AS n FROM referrals')).toBe(result.counts.referrals);
    await prepareDatabase(b.pool, { replace: true });
    expect(await count(b, 'SELECT count(*) AS n FROM referrals')).toBe(0);
    expect(await count(b, 'SELECT count(*) AS n FROM icbs')).toBe(0);
    await run(b, 8);
    const nhs = async (database: TestDatabase) =>
      (await database.pool.query<{ nhs_number: string }>('SELECT nhs_number FROM people ORDER BY nhs_number')).rows;
    expect(await nhs(b)).not.toEqual(await nhs(a));
  });
});
