import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { projectUrl } from '../../platform/paths.js';

// The synthetic ONS Postcode Directory sample shipped for the demo (see ../data/README.md).

export const ONSPD_SAMPLE_PATH = projectUrl('server/seed/data/onspd-sample.csv');

export interface OnspdRow {
  pcd: string;
  pcd2: string;
  pcds: string;
  dointr: string;
  doterm: string;
  lat: string;
  long: string;
  /** A synthetic LSOA code (E0199…): deprivation is looked up by it in ../data/imd-sample.csv. */
  lsoa21: string;
}

export interface PostcodeCentroid {
  postcode: string;
  latitude: number;
  longitude: number;
  lsoa: string | null;
}

export const IMD_SAMPLE_PATH = projectUrl('server/seed/data/imd-sample.csv');

/** The synthetic IMD deciles of the sample's LSOAs. */
export function readImdSample(): { lsoa: string; decile: number }[] {
  const rows: { lsoa: string; decile: string }[] = parse(readFileSync(IMD_SAMPLE_PATH, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((r) => ({ lsoa: r.lsoa, decile: Number(r.decile) }));
}

export function readOnspdSample(): OnspdRow[] {
  return parse(readFileSync(ONSPD_SAMPLE_PATH, 'utf8'), { columns: true, skip_empty_lines: true, trim: false });
}

/** The live (not terminated) postcodes of the sample, keyed by their normalised form. */
export function livePostcodes(rows: OnspdRow[] = readOnspdSample()): Map<string, PostcodeCentroid> {
  const live = new Map<string, PostcodeCentroid>();
  for (const r of rows) {
    if (r.doterm.trim() !== '') continue;
    live.set(r.pcds, { postcode: r.pcds, latitude: Number(r.lat), longitude: Number(r.long), lsoa: r.lsoa21 || null });
  }
  return live;
}
