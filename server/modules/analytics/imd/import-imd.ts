import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';

// The English Index of Multiple Deprivation: the decile of each small area (LSOA), from the
// published file (File 1 of the English indices) or a plain `lsoa,decile` CSV. A person's
// deprivation is the decile of their postcode's LSOA (postcodes.lsoa, from the ONSPD).

export const IMD_BATCH_SIZE = 1000;
export const MAX_LISTED_ERRORS = 100;

export interface ImdImportReport {
  imported: number;
  errors: { line: number; message: string }[];
  errors_not_listed: number;
}

export class ImdFileError extends Error {}

const LSOA_COLUMNS = ['lsoa code (2021)', 'lsoa code (2011)', 'lsoa'];
const DECILE_COLUMNS = ['index of multiple deprivation (imd) decile (where 1 is most deprived 10% of lsoas)', 'decile'];
const LSOA_CODE = /^[EW]0[0-9]{7}$/;

export async function importImdFile(db: DbOrTx, file: string): Promise<ImdImportReport> {
  return importImd(db, createReadStream(file));
}

/** Imports (or refreshes: an LSOA's decile is replaced) IMD deciles; bad rows are reported by line. */
export async function importImd(db: DbOrTx, input: Readable): Promise<ImdImportReport> {
  const report: ImdImportReport = { imported: 0, errors: [], errors_not_listed: 0 };
  const fail = (line: number, message: string) => {
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ line, message });
    else report.errors_not_listed++;
  };
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }),
  );
  let batch = new Map<string, number>();
  let columns: { lsoa: string; decile: string } | null = null;
  const flush = async () => {
    if (batch.size === 0) return;
    const lsoas = [...batch.keys()];
    const deciles = [...batch.values()];
    await db.execute(sql`
      INSERT INTO imd_deciles (lsoa, decile)
      SELECT * FROM unnest(${`{${lsoas.join(',')}}`}::text[], ${`{${deciles.join(',')}}`}::smallint[])
      ON CONFLICT (lsoa) DO UPDATE SET decile = excluded.decile`);
    report.imported += batch.size;
    batch = new Map();
  };
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string | undefined>;
    info: { lines: number };
  }>) {
    if (!columns) {
      const header = Object.keys(record);
      const lsoa = LSOA_COLUMNS.find((c) => header.includes(c));
      const decile = DECILE_COLUMNS.find((c) => header.includes(c));
      if (!lsoa || !decile) {
        throw new ImdFileError(
          `Not an IMD file: the header has no ${[
            lsoa ? null : '"LSOA code (2021)" (or "LSOA code (2011)", or lsoa)',
            decile
              ? null
              : '"Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" (or decile)',
          ]
            .filter(Boolean)
            .join(' or ')} column.`,
        );
      }
      columns = { lsoa, decile };
    }
    const lsoa = (record[columns.lsoa] ?? '').toUpperCase();
    const raw = record[columns.decile] ?? '';
    const decile = Number(raw);
    if (!LSOA_CODE.test(lsoa)) {
      fail(info.lines, `LSOA ${JSON.stringify(lsoa)} is not an LSOA code like E01012345`);
      continue;
    }
    if (!/^[0-9]+$/.test(raw) || decile < 1 || decile > 10) {
      fail(info.lines, `${lsoa}: decile ${JSON.stringify(raw)} must be a whole number from 1 to 10`);
      continue;
    }
    batch.set(lsoa, decile);
    if (batch.size >= IMD_BATCH_SIZE) await flush();
  }
  if (!columns) throw new ImdFileError('The file has no rows.');
  await flush();
  return report;
}
