import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { normalisePostcode } from '../../../../common/postcode.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { type PostcodePoint, upsertPostcodes } from './postcodes.repository.js';

// Postcode centroids from an ONS Postcode Directory (ONSPD) CSV. The full ONSPD has ~2.7 million
// rows, so the file is streamed and written in batches, never held in memory.

export const POSTCODE_BATCH_SIZE = 1000;
/** A broken file could produce millions of errors; the report lists the first ones and counts the rest. */
export const MAX_LISTED_ERRORS = 100;

export interface PostcodeImportReport {
  imported: number;
  /** Terminated postcodes and postcodes without coordinates: expected in every ONSPD release. */
  skipped: number;
  errors: { line: number; message: string }[];
  /** Errors beyond the ones listed. */
  errors_not_listed: number;
}

export class PostcodeFileError extends Error {}

/** An LSOA code: E01 (England) or W01 (Wales) and 6 digits; ONSPD's Scottish data zones are S01. */
export const LSOA_CODE = /^[EWS]0[0-9]{7}$/;

/** ONSPD's placeholder for a postcode without a grid reference (lat 99.999999, long 0). */
const NO_COORDINATES_LATITUDE = 99.999999;

/** Imports (or refreshes) postcodes from an ONSPD-format CSV file. Re-importing a file changes nothing. */
export async function importPostcodesFile(db: DbOrTx, file: string): Promise<PostcodeImportReport> {
  return importPostcodes(db, createReadStream(file));
}

export async function importPostcodes(db: DbOrTx, input: Readable): Promise<PostcodeImportReport> {
  const report: PostcodeImportReport = { imported: 0, skipped: 0, errors: [], errors_not_listed: 0 };
  const fail = (line: number, message: string) => {
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ line, message });
    else report.errors_not_listed++;
  };

  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      // A short or long row is reported as that row's error instead of aborting the file.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }),
  );

  let batch: PostcodePoint[] = [];
  let checkedHeader = false;
  // csv-parse counts uneven rows cumulatively; a rise means this row is one.
  let unevenRows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await upsertPostcodes(db, batch);
    report.imported += batch.length;
    batch = [];
  };

  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string | undefined>;
    info: { lines: number; invalid_field_length: number };
  }>) {
    if (!checkedHeader) {
      const columns = Object.keys(record);
      const missing = [
        columns.includes('pcds') || columns.includes('pcd') ? null : 'pcds (or pcd)',
        columns.includes('lat') ? null : 'lat',
        columns.includes('long') ? null : 'long',
      ].filter(Boolean);
      if (missing.length) {
        throw new PostcodeFileError(`Not an ONSPD-format file: the header has no ${missing.join(', ')} column.`);
      }
      checkedHeader = true;
    }
    const line = info.lines;
    if (info.invalid_field_length > unevenRows) {
      unevenRows = info.invalid_field_length;
      fail(line, 'has a different number of columns from the header');
      continue;
    }
    const raw = record.pcds || record.pcd || '';
    if (record.doterm) {
      report.skipped++; // terminated: no longer in use
      continue;
    }
    const postcode = normalisePostcode(raw);
    if (!postcode) {
      fail(line, `postcode ${JSON.stringify(raw)} is not a UK postcode`);
      continue;
    }
    const latitude = Number(record.lat);
    const longitude = Number(record.long);
    if (!record.lat || !record.long || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      fail(line, `${postcode}: lat and long must be numbers`);
      continue;
    }
    if (Math.abs(latitude - NO_COORDINATES_LATITUDE) < 1e-6) {
      report.skipped++; // ONSPD has no grid reference for it
      continue;
    }
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      fail(line, `${postcode}: lat must be between -90 and 90 and long between -180 and 180`);
      continue;
    }
    // ONSPD names the column after the census the areas come from: lsoa21 (2021), or lsoa11.
    // Postcodes outside any LSOA carry pseudo codes (E99999999, L99999999): no LSOA, not an error.
    const area = (record.lsoa21 ?? record.lsoa11 ?? '').toUpperCase();
    const lsoa = LSOA_CODE.test(area) ? area : null;
    batch.push({ postcode, latitude, longitude, lsoa });
    if (batch.length >= POSTCODE_BATCH_SIZE) await flush();
  }
  if (!checkedHeader) throw new PostcodeFileError('The file has no postcode rows.');
  await flush();
  return report;
}
