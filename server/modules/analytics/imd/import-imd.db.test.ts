import { Readable } from 'node:stream';
import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { imdDeciles } from '../analytics.tables.js';
import { ImdFileError, importImd } from './import-imd.js';

// Issue 13, point 2: deprivation from the postcode needs the IMD decile of each LSOA.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  return () => database.close();
});

const csv = (...lines: string[]) => Readable.from([`${lines.join('\n')}\n`]);
const all = () => database.db.select().from(imdDeciles).orderBy(asc(imdDeciles.lsoa));
const DECILE = 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)';

describe('importing IMD deciles', () => {
  it('reads the published file’s columns, reports bad rows by line, and a re-import replaces deciles', async () => {
    const report = await importImd(
      database.db,
      csv(
        `"LSOA code (2011)","LSOA name (2011)","Index of Multiple Deprivation (IMD) Rank","${DECILE}"`,
        'E01000001,City of London 001A,29199,10',
        'E01000002,City of London 001B,30379,1',
        'E01000003,City of London 001C,14915,11',
        'NOT-AN-LSOA,Somewhere,1,5',
        'E01000005,City of London 001E,8678,x',
      ),
    );
    expect(report).toEqual({
      imported: 2,
      errors: [
        { line: 4, message: 'E01000003: decile "11" must be a whole number from 1 to 10' },
        { line: 5, message: 'LSOA "NOT-AN-LSOA" is not an LSOA code like E01012345' },
        { line: 6, message: 'E01000005: decile "x" must be a whole number from 1 to 10' },
      ],
      errors_not_listed: 0,
    });
    expect(await all()).toEqual([
      { lsoa: 'E01000001', decile: 10 },
      { lsoa: 'E01000002', decile: 1 },
    ]);
    await importImd(database.db, csv('lsoa,decile', 'e01000001,3'));
    expect((await all())[0]).toEqual({ lsoa: 'E01000001', decile: 3 });
  });

  it('takes the 2021 column name too', async () => {
    const report = await importImd(database.db, csv(`LSOA code (2021),${DECILE}`, 'E01099999,4'));
    expect(report.imported).toBe(1);
  });

  it('refuses a file without a decile column, saying which, and imports nothing', async () => {
    const before = await all();
    await expect(importImd(database.db, csv('lsoa,rank', 'E01000009,5'))).rejects.toThrow(
      new ImdFileError(`Not an IMD file: the header has no "${DECILE}" (or decile) column.`),
    );
    expect(await all()).toEqual(before);
  });
});
