import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestTenancy, type TestTenancy } from '../../test/toolkit.js';
import { testNhsNumber, uniqueFamilyName } from '../referrals/referral-fixtures.js';
import * as peopleService from './people.service.js';
import { people } from './people.tables.js';

let database: TestDatabase;
let db: Db;
let tenancy: TestTenancy;
let otherIcb: TestTenancy;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  tenancy = await createTestTenancy(db);
  otherIcb = await createTestTenancy(db);
});
afterAll(async () => {
  await database.close();
});

const person = (over: Partial<peopleService.PersonInsert> = {}) => ({
  icbId: tenancy.icbId,
  givenName: 'Rhiannon',
  familyName: uniqueFamilyName(),
  dateOfBirth: '1972-03-04',
  preferredContact: 'phone',
  phone: '07700900001',
  ...over,
});

describe('upsertPersonByNhsNumber', () => {
  it('creates the person once; the same NHS number again finds them and keeps who they are', async () => {
    const nhsNumber = testNhsNumber();
    const first = await peopleService.upsertPersonByNhsNumber(db, { ...person(), nhsNumber });
    expect(first.created).toBe(true);
    const again = await peopleService.upsertPersonByNhsNumber(db, {
      ...person({ givenName: 'Someone Else', phone: '07700900002', postcode: null }),
      nhsNumber,
    });
    expect(again.created).toBe(false);
    expect(again.person.id).toBe(first.person.id);
    expect(again.person).toMatchObject({ givenName: 'Rhiannon', phone: '07700900002', version: 2 });
  });

  it('ten at once for one new NHS number make one person', async () => {
    const nhsNumber = testNhsNumber();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction((tx) => peopleService.upsertPersonByNhsNumber(tx, { ...person(), nhsNumber })),
      ),
    );
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.$count(people, eq(people.nhsNumber, nhsNumber))).toBe(1);
  });
});

describe('findLikelyMatches', () => {
  it('matches family name (any case) and date of birth with the same initial or postcode, in the ICB only', async () => {
    const familyName = uniqueFamilyName();
    const base = { familyName, dateOfBirth: '1950-06-07' };
    const byInitial = await peopleService.insertPerson(db, person({ ...base, givenName: 'Kit', postcode: 'M1 1AE' }));
    const byPostcode = await peopleService.insertPerson(
      db,
      person({ ...base, givenName: 'Wren', postcode: 'LS1 4AP' }),
    );
    await peopleService.insertPerson(db, person({ ...base, givenName: 'Zara', postcode: 'SW1A 1AA' }));
    await peopleService.insertPerson(db, person({ ...base, givenName: 'Kit', dateOfBirth: '1950-06-08' }));
    await peopleService.insertPerson(db, person({ ...base, icbId: otherIcb.icbId, givenName: 'Kit' }));

    const found = await peopleService.findLikelyMatches(db, {
      icbId: tenancy.icbId,
      givenName: 'katherine',
      familyName: familyName.toLowerCase(),
      dateOfBirth: '1950-06-07',
      postcode: 'LS1 4AP',
    });
    // The same postcode first, as the likeliest.
    expect(found.map((m) => m.id)).toEqual([byPostcode.id, byInitial.id]);
    expect(found[0]).toEqual({
      id: byPostcode.id,
      givenName: 'Wren',
      familyName,
      dateOfBirth: '1950-06-07',
      postcode: 'LS1 4AP',
    });
  });

  it('the likely-match lock keeps two intakes of one new person from both finding "no match"', async () => {
    const query = {
      icbId: tenancy.icbId,
      givenName: 'Osian',
      familyName: uniqueFamilyName(),
      dateOfBirth: '1999-09-09',
    };
    const intake = () =>
      db
        .transaction(async (tx) => {
          await peopleService.lockLikelyMatchKey(tx, query);
          if ((await peopleService.findLikelyMatches(tx, query)).length > 0) return 'offered a match';
          // Widen the race window: without the lock both would be here at once.
          await new Promise((r) => setTimeout(r, 50));
          await peopleService.insertPerson(tx, person(query));
          return 'added';
        })
        .catch((e: unknown) => String(e));
    expect((await Promise.all([intake(), intake()])).sort()).toEqual(['added', 'offered a match']);
  });
});

describe('findPersonInIcb', () => {
  it('finds a person of the ICB, and not one of another ICB', async () => {
    const ours = await peopleService.insertPerson(db, person());
    const theirs = await peopleService.insertPerson(db, person({ icbId: otherIcb.icbId }));
    expect((await peopleService.findPersonInIcb(db, tenancy.icbId, ours.id))?.id).toBe(ours.id);
    expect(await peopleService.findPersonInIcb(db, tenancy.icbId, theirs.id)).toBeNull();
  });
});
