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

const pcnScope = (t: TestTenancy) => ({ kind: 'pcn' as const, icbId: t.icbId, pcnId: t.pcnId });
const practiceScope = (t: TestTenancy) => ({
  kind: 'practice' as const,
  icbId: t.icbId,
  pcnId: t.pcnId,
  practiceId: t.practiceId,
});
/** A person their team knows (as intake leaves them). */
async function knownTo(t: TestTenancy, over: Partial<peopleService.PersonInsert> = {}) {
  const row = await peopleService.insertPerson(db, person({ icbId: t.icbId, ...over }));
  await peopleService.linkPerson(db, { personId: row.id, icbId: t.icbId, pcnId: t.pcnId, practiceId: t.practiceId });
  return row;
}

describe('findOrInsertByNhsNumber', () => {
  it('creates the person once; the same NHS number again finds them and changes nothing about them', async () => {
    const nhsNumber = testNhsNumber();
    const first = await peopleService.findOrInsertByNhsNumber(db, { ...person(), nhsNumber });
    expect(first.created).toBe(true);
    const again = await peopleService.findOrInsertByNhsNumber(db, {
      ...person({ givenName: 'Someone Else', phone: '07700900002', email: 'else@example.org', postcode: null }),
      nhsNumber,
    });
    expect(again.created).toBe(false);
    expect(again.person.id).toBe(first.person.id);
    expect(again.person).toEqual(first.person);
  });

  it('the same NHS number in another ICB is another record, and neither touches the other', async () => {
    const nhsNumber = testNhsNumber();
    const ours = await peopleService.findOrInsertByNhsNumber(db, { ...person(), nhsNumber });
    const theirs = await peopleService.findOrInsertByNhsNumber(db, {
      ...person({ icbId: otherIcb.icbId, phone: '07700900999' }),
      nhsNumber,
    });
    expect(theirs.created).toBe(true);
    expect(theirs.person.id).not.toBe(ours.person.id);
    const [reread] = await db.select().from(people).where(eq(people.id, ours.person.id));
    expect(reread).toEqual(ours.person);
  });

  it('ten at once for one new NHS number make one person', async () => {
    const nhsNumber = testNhsNumber();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction((tx) => peopleService.findOrInsertByNhsNumber(tx, { ...person(), nhsNumber })),
      ),
    );
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.$count(people, eq(people.nhsNumber, nhsNumber))).toBe(1);
  });
});

describe('findLikelyMatches', () => {
  it('matches family name (any case) and date of birth with the same initial or postcode, among people the team knows', async () => {
    const familyName = uniqueFamilyName();
    const base = { familyName, dateOfBirth: '1950-06-07' };
    const byInitial = await knownTo(tenancy, { ...base, givenName: 'Kit', postcode: 'M1 1AE' });
    const byPostcode = await knownTo(tenancy, { ...base, givenName: 'Wren', postcode: 'LS1 4AP' });
    await knownTo(tenancy, { ...base, givenName: 'Zara', postcode: 'SW1A 1AA' });
    await knownTo(tenancy, { ...base, givenName: 'Kit', dateOfBirth: '1950-06-08' });
    await knownTo(otherIcb, { ...base, givenName: 'Kit' });

    const found = await peopleService.findLikelyMatches(db, pcnScope(tenancy), {
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

  it('never offers a person only another PCN or another practice of the ICB knows', async () => {
    const neighbour = await createTestTenancy(db, tenancy.icbId);
    const q = { icbId: tenancy.icbId, givenName: 'Ada', familyName: uniqueFamilyName(), dateOfBirth: '1961-01-02' };
    const theirs = await knownTo(neighbour, q);
    expect(await peopleService.findLikelyMatches(db, pcnScope(tenancy), q)).toEqual([]);
    expect(await peopleService.findLikelyMatches(db, practiceScope(tenancy), q)).toEqual([]);
    expect((await peopleService.findLikelyMatches(db, pcnScope(neighbour), q)).map((m) => m.id)).toEqual([theirs.id]);
    expect((await peopleService.findLikelyMatches(db, practiceScope(neighbour), q)).map((m) => m.id)).toEqual([
      theirs.id,
    ]);
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
          if ((await peopleService.findLikelyMatches(tx, pcnScope(tenancy), query)).length > 0)
            return 'offered a match';
          // Widen the race window: without the lock both would be here at once.
          await new Promise((r) => setTimeout(r, 50));
          const row = await peopleService.insertPerson(tx, person(query));
          await peopleService.linkPerson(tx, {
            personId: row.id,
            icbId: tenancy.icbId,
            pcnId: tenancy.pcnId,
            practiceId: null,
          });
          return 'added';
        })
        .catch((e: unknown) => String(e));
    expect((await Promise.all([intake(), intake()])).sort()).toEqual(['added', 'offered a match']);
  });
});

describe('findPersonVisibleTo', () => {
  it('finds a person the team knows, and not one of another team, another ICB, or for ICB-wide and VCS roles', async () => {
    const ours = await knownTo(tenancy);
    const neighbour = await createTestTenancy(db, tenancy.icbId);
    const sameIcbOtherPcn = await knownTo(neighbour);
    const theirs = await knownTo(otherIcb);
    expect((await peopleService.findPersonVisibleTo(db, pcnScope(tenancy), ours.id))?.id).toBe(ours.id);
    expect((await peopleService.findPersonVisibleTo(db, practiceScope(tenancy), ours.id))?.id).toBe(ours.id);
    expect(await peopleService.findPersonVisibleTo(db, pcnScope(tenancy), sameIcbOtherPcn.id)).toBeNull();
    expect(await peopleService.findPersonVisibleTo(db, pcnScope(tenancy), theirs.id)).toBeNull();
    expect(await peopleService.findPersonVisibleTo(db, { kind: 'icb', icbId: tenancy.icbId }, ours.id)).toBeNull();
    expect(
      await peopleService.findPersonVisibleTo(
        db,
        { kind: 'vcs', icbId: tenancy.icbId, vcsOrganisationId: 'x' },
        ours.id,
      ),
    ).toBeNull();
  });
});

describe('peopleByIds', () => {
  it("returns the people the scope's team knows and leaves out the rest, whatever ids it is given", async () => {
    const neighbour = await createTestTenancy(db, tenancy.icbId);
    const ours = await knownTo(tenancy);
    const theirs = await knownTo(neighbour);
    const elsewhere = await knownTo(otherIcb);
    const ids = [ours.id, theirs.id, elsewhere.id];

    expect([...(await peopleService.peopleByIds(db, pcnScope(tenancy), ids)).keys()]).toEqual([ours.id]);
    expect([...(await peopleService.peopleByIds(db, practiceScope(neighbour), ids)).keys()]).toEqual([theirs.id]);
    expect([...(await peopleService.peopleByIds(db, pcnScope(otherIcb), ids)).keys()]).toEqual([elsewhere.id]);
    // ICB-wide roles see no person through a record.
    expect((await peopleService.peopleByIds(db, { kind: 'icb', icbId: tenancy.icbId }, ids)).size).toBe(0);
  });
});
