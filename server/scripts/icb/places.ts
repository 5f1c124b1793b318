import type pg from 'pg';
import type { SyntheticPostcode } from '../../../bench/lib/synthetic-directory.js';
import type { IcbRandom } from './random.js';
import type { TableWriter } from './table-writer.js';
import { IMD_DECILES } from './tables.js';

// Deprivation for the synthetic postcodes: each postcode district is cut into LSOAs of about a
// dozen postcodes, each LSOA gets an IMD decile near its district's (so some PCNs serve poorer
// areas than others). Codes are E01-shaped but from E019…, a range no real LSOA uses.

export interface Places {
  /** Postcodes by district index (0-based), for placing people near their practice. */
  byDistrict: string[][];
}

const POSTCODES_PER_LSOA = 12;

export async function insertPlaces(
  pool: pg.Pool,
  writer: TableWriter,
  random: IcbRandom,
  postcodes: readonly SyntheticPostcode[],
): Promise<Places> {
  const districts = new Map<number, string[]>();
  for (const p of postcodes) {
    const d = Number(p.postcode.split(' ')[0]?.slice(2)) - 1;
    const list = districts.get(d) ?? [];
    list.push(p.postcode);
    districts.set(d, list);
  }
  const byDistrict: string[][] = [];
  const codes: string[] = [];
  const lsoas: string[] = [];
  for (const d of [...districts.keys()].sort((a, b) => a - b)) {
    const list = (districts.get(d) ?? []).sort();
    byDistrict[d] = list;
    const base = random.int(1, 10);
    for (let start = 0, n = 0; start < list.length; start += POSTCODES_PER_LSOA, n++) {
      const lsoa = `E019${String(d).padStart(2, '0')}${String(n).padStart(3, '0')}`;
      const decile = Math.min(10, Math.max(1, base + random.int(-2, 2)));
      writer.add(IMD_DECILES, [lsoa, decile]);
      for (const code of list.slice(start, start + POSTCODES_PER_LSOA)) {
        codes.push(code);
        lsoas.push(lsoa);
      }
    }
  }
  for (let i = 0; i < byDistrict.length; i++) byDistrict[i] ??= [];
  await writer.flush([IMD_DECILES]);
  const started = performance.now();
  await pool.query(
    `UPDATE postcodes p SET lsoa = u.lsoa FROM unnest($1::text[], $2::text[]) AS u(postcode, lsoa)
     WHERE p.postcode = u.postcode`,
    [codes, lsoas],
  );
  writer.record('postcodes (lsoa)', codes.length, performance.now() - started);
  return { byDistrict };
}
