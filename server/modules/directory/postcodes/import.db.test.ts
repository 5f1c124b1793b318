import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { postcodes } from '../directory.tables.js';
import { importPostcodes, importPostcodesFile, PostcodeFileError } from './import.js';
import { lookupPostcode } from './postcodes.repository.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'onspd-fixture.csv');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  return () => database.close();
});

const allPostcodes = () => database.db.select().from(postcodes).orderBy(asc(postcodes.postcode));
const csv = (...lines: string[]) => Readable.from([`${lines.join('\n')}\n`]);

describe('importing an ONSPD-format postcode file', () => {
  it('imports live postcodes, skips terminated ones and ones without coordinates, and reports bad rows by line', async () => {
    const report = await importPostcodesFile(database.db, FIXTURE);
    expect(report).toEqual({
      imported: 3,
      skipped: 2,
      errors: [
        { line: 6, message: 'postcode "NOT A POSTCODE" is not a UK postcode' },
        { line: 7, message: 'QA3 1HJ: lat and long must be numbers' },
        { line: 8, message: 'has a different number of columns from the header' },
      ],
      errors_not_listed: 0,
    });
    expect(await allPostcodes()).toEqual([
      { postcode: 'QA1 1AB', latitude: 54.610001, longitude: -1.400002, lsoa: null },
      { postcode: 'QA1 1AD', latitude: 54.611, longitude: -1.401, lsoa: null },
      { postcode: 'QA4 1AB', latitude: 54.63, longitude: -1.42, lsoa: null },
    ]);
    expect(await lookupPostcode(database.db, 'QA2 3EF')).toBeNull(); // terminated
    expect(await lookupPostcode(database.db, 'QA2 3EG')).toBeNull(); // 99.999999: no coordinates
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const before = await allPostcodes();
    const again = await importPostcodesFile(database.db, FIXTURE);
    expect(again.imported).toBe(3);
    expect(await allPostcodes()).toEqual(before);
  });

  it('refreshes a moved centroid and reads the pcd column when there is no pcds', async () => {
    const report = await importPostcodes(database.db, csv('PCD,LAT,LONG', 'QA11AB,54.7,-1.5', 'QA9 9ZZ,54.8,-1.6'));
    expect(report).toMatchObject({ imported: 2, skipped: 0, errors: [] });
    expect(await lookupPostcode(database.db, 'QA1 1AB')).toEqual({
      postcode: 'QA1 1AB',
      latitude: 54.7,
      longitude: -1.5,
    });
    expect(await lookupPostcode(database.db, 'QA9 9ZZ')).not.toBeNull();
  });

  it('reads the LSOA from lsoa21 or lsoa11; a pseudo code is no LSOA; a file without the column keeps it', async () => {
    await importPostcodes(
      database.db,
      csv('pcds,lat,long,lsoa21', 'QC1 1AA,54,-1,E01012345', 'QC1 1AB,54,-1,E99999999'),
    );
    await importPostcodes(database.db, csv('pcds,lat,long,lsoa11', 'QC1 1AD,54,-1,w01000002'));
    const lsoaOf = async (postcode: string) => (await allPostcodes()).find((p) => p.postcode === postcode)?.lsoa;
    expect(await lsoaOf('QC1 1AA')).toBe('E01012345');
    expect(await lsoaOf('QC1 1AB')).toBeNull();
    expect(await lsoaOf('QC1 1AD')).toBe('W01000002');
    await importPostcodes(database.db, csv('pcds,lat,long', 'QC1 1AA,54.1,-1'));
    expect(await lsoaOf('QC1 1AA')).toBe('E01012345');
  });

  it('writes in batches of 1,000 and counts every row', async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, i) =>
        `QB${1 + (i % 9)} ${i % 10}${'ABDEFGHJLN'[Math.floor(i / 10) % 10]}${'PQRSTUWXYZ'[Math.floor(i / 100) % 10]},55.0,-1.0`,
    );
    const report = await importPostcodes(database.db, csv('pcds,lat,long', ...rows));
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(2500);
  });

  it('rejects a file that is not in ONSPD format, importing nothing', async () => {
    const before = await allPostcodes();
    await expect(importPostcodes(database.db, csv('postcode,latitude,longitude', 'QA8 8AA,54,-1'))).rejects.toThrow(
      PostcodeFileError,
    );
    await expect(importPostcodes(database.db, csv('pcds,lat,long'))).rejects.toThrow(PostcodeFileError);
    expect(await allPostcodes()).toEqual(before);
  });
});
