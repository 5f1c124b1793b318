import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { ALL_ROLES } from '../analytics.tables.js';
import { inMonths, type RebuildMonths } from './changes.js';
import { mergeRollup, type RollupShape } from './merge.js';

// The slices of a PCN's rollups (analytics.tables.ts): its detail rows summed over every role,
// over every practice, and over both, with one GROUPING SETS statement per table. Derived from
// the detail alone, so the two can never disagree; migration 0018 ran the same statements once
// over every PCN.

interface SliceSpec {
  slices: string;
  detail: string;
  /** The table's own keys besides pcn, practice, month and role. */
  keys: string[];
  /** Summed columns. */
  sums: string[];
  /** Its sums over every PCN of an ICB (below). */
  icbSlices?: string;
}

const SPECS: SliceSpec[] = [
  {
    slices: 'analytics_count_slices',
    detail: 'analytics_counts',
    keys: ['measure', 'dimension', 'value'],
    sums: ['n'],
    icbSlices: 'analytics_icb_count_slices',
  },
  {
    slices: 'analytics_wait_slices',
    detail: 'analytics_waits',
    keys: ['priority', 'working_days', 'met'],
    sums: ['n'],
    icbSlices: 'analytics_icb_wait_slices',
  },
  {
    slices: 'analytics_outcome_slices',
    detail: 'analytics_outcomes',
    keys: ['measure', 'item', 'dimension', 'value'],
    sums: ['pairs', 'baseline_sum', 'latest_sum', 'improved', 'same', 'worse'],
    icbSlices: 'analytics_icb_outcome_slices',
  },
];

/** Every table the slices are written to, a PCN's and the ICB's. */
export const SLICE_TABLES: string[] = [
  ...SPECS.flatMap((spec) => [spec.slices, ...(spec.icbSlices ? [spec.icbSlices] : [])]),
  'analytics_contact_slices',
];

/** A PCN slice table's shape: its rows are unique by every key (GROUP BY below), no index says so. */
const shapeOf = (spec: SliceSpec): RollupShape => ({
  table: spec.slices,
  keys: ['pcn_id', 'all_practices', 'practice_id', 'month', 'role', ...spec.keys],
  figures: spec.sums,
});

function slicesOf(spec: SliceSpec, pcnId: string, months: RebuildMonths): SQL {
  const keys = spec.keys.join(', ');
  const sums = spec.sums.map((c) => `sum(${c})`).join(', ');
  // GROUPING SETS: (practice_id) keeps each practice over all roles, (role) each role over all
  // practices, () neither. grouping(x) = 1 where x was summed over.
  return sql`
    SELECT pcn_id, grouping(practice_id) = 1, practice_id, month,
           CASE WHEN grouping(role) = 1 THEN ${ALL_ROLES} ELSE role END, ${sql.raw(keys)}, ${sql.raw(sums)}
      FROM ${sql.identifier(spec.detail)}
     WHERE pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}
     GROUP BY pcn_id, month, ${sql.raw(keys)}, GROUPING SETS ((practice_id), (role), ())`;
}

/** Contacts per worker, month and outcome (capacity reads no practice or mode). */
const CONTACT_SLICES: RollupShape = {
  table: 'analytics_contact_slices',
  keys: ['pcn_id', 'worker_id', 'role', 'month', 'outcome'],
  figures: ['n', 'minutes'],
};
const contactSlicesOf = (pcnId: string, months: RebuildMonths) => sql`
  SELECT pcn_id, worker_id, role, month, outcome, sum(n), sum(minutes)
    FROM analytics_contacts WHERE pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}
   GROUP BY pcn_id, worker_id, role, month, outcome`;

// The ICB slices (analytics.tables.ts) of the counts, waits and outcomes: the sums over every PCN of
// an ICB of the PCN slice rows a whole-ICB query reads (every practice's, and those from no
// practice). They are kept by difference: the statement that writes a PCN's changed slice rows
// adds what they moved to its ICB's rows (merge.ts), and the ICB rows no PCN adds to any more are
// deleted after. Two rebuilds of PCNs of one ICB at once change the same ICB rows, so the later
// one waits and then fails to serialise (REPEATABLE READ), and rebuild.ts runs it again from a
// fresh snapshot. A PCN never changes ICB (the organisations API cannot move one), so its rows
// always belong to its ICB's.

const dropEmptyIcbRows = (icbSlices: string, pcnId: string, months: RebuildMonths) => sql`
  DELETE FROM ${sql.identifier(icbSlices)}
   WHERE icb_id = (SELECT icb_id FROM pcns WHERE id = ${pcnId}::uuid) AND pcns = 0 AND ${inMonths(sql`month`, months)}`;

/**
 * Makes the PCN's slices of those months (every month: null) those of its detail rows as they
 * are now, and its share of its ICB's slices with them, writing only the rows that changed.
 */
export async function replaceSlicesOf(db: DbOrTx, pcnId: string, months: RebuildMonths = null): Promise<void> {
  const ofPcn = sql`pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}`;
  for (const spec of SPECS) {
    // The ICB row's key: the PCN row's, less the PCN and the practice (always null there).
    const icb = spec.icbSlices
      ? { table: spec.icbSlices, keys: ['all_practices', 'role', 'month', ...spec.keys] }
      : undefined;
    const written = await mergeRollup(db, shapeOf(spec), ofPcn, slicesOf(spec, pcnId, months), icb);
    if (icb && written > 0) await db.execute(dropEmptyIcbRows(icb.table, pcnId, months));
  }
  await mergeRollup(db, CONTACT_SLICES, ofPcn, contactSlicesOf(pcnId, months));
}
