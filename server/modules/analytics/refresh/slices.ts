import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { ALL_ROLES } from '../analytics.tables.js';
import { inMonths, type RebuildMonths } from './changes.js';

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

function insertSlices(spec: SliceSpec, pcnId: string, months: RebuildMonths): SQL {
  const keys = spec.keys.join(', ');
  const columns = ['pcn_id', 'all_practices', 'practice_id', 'month', 'role', ...spec.keys, ...spec.sums].join(', ');
  const sums = spec.sums.map((c) => `sum(${c})`).join(', ');
  // GROUPING SETS: (practice_id) keeps each practice over all roles, (role) each role over all
  // practices, () neither. grouping(x) = 1 where x was summed over.
  return sql`INSERT INTO ${sql.identifier(spec.slices)} (${sql.raw(columns)})
    SELECT pcn_id, grouping(practice_id) = 1, practice_id, month,
           CASE WHEN grouping(role) = 1 THEN ${ALL_ROLES} ELSE role END, ${sql.raw(keys)}, ${sql.raw(sums)}
      FROM ${sql.identifier(spec.detail)}
     WHERE pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}
     GROUP BY pcn_id, month, ${sql.raw(keys)}, GROUPING SETS ((practice_id), (role), ())`;
}

/** Contacts per worker, month and outcome (capacity reads no practice or mode). */
const insertContactSlices = (pcnId: string, months: RebuildMonths) => sql`
  INSERT INTO analytics_contact_slices (pcn_id, worker_id, role, month, outcome, n, minutes)
  SELECT pcn_id, worker_id, role, month, outcome, sum(n), sum(minutes)
    FROM analytics_contacts WHERE pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}
   GROUP BY pcn_id, worker_id, role, month, outcome`;

// The ICB slices (analytics.tables.ts) of the counts, waits and outcomes: the sums over every PCN of
// an ICB of the PCN slice rows a whole-ICB query reads (every practice's, and those from no
// practice). They are kept by difference: a PCN's old rows are taken out before its slices are
// replaced and its new rows put in after, in the same transaction. Two rebuilds of PCNs of one
// ICB at once change the same ICB rows, so the later one waits and then fails to serialise
// (REPEATABLE READ), and rebuild.ts runs it again from a fresh snapshot. A PCN never changes
// ICB (the organisations API cannot move one), so its rows always belong to its ICB's.
type IcbSpec = SliceSpec & { icbSlices: string };

/** The PCN's slice rows of those months that an ICB slice sums, with the PCN's ICB (as `s` and `p`). */
const icbLevelRowsOf = (spec: IcbSpec, pcnId: string, months: RebuildMonths) => sql`${sql.identifier(spec.slices)} s
  JOIN pcns p ON p.id = s.pcn_id
  WHERE s.pcn_id = ${pcnId}::uuid AND (s.all_practices OR s.practice_id IS NULL) AND ${inMonths(sql`s.month`, months)}`;

/** The columns that identify an ICB slice row besides the ICB, as `<alias>.column`. */
const icbKeyColumns = (spec: IcbSpec) => ['all_practices', 'role', 'month', ...spec.keys];

function takeOutOfIcb(spec: IcbSpec, pcnId: string, months: RebuildMonths): SQL {
  const sums = spec.sums.map((c) => `${c} = i.${c} - s.${c}`).join(', ');
  const same = icbKeyColumns(spec)
    .map((c) => `i.${c} = s.${c}`)
    .join(' AND ');
  return sql`UPDATE ${sql.identifier(spec.icbSlices)} i SET pcns = i.pcns - 1, ${sql.raw(sums)}
    FROM ${icbLevelRowsOf(spec, pcnId, months)} AND i.icb_id = p.icb_id AND ${sql.raw(same)}`;
}

function putIntoIcb(spec: IcbSpec, pcnId: string, months: RebuildMonths): SQL {
  const keys = icbKeyColumns(spec);
  const columns = ['icb_id', 'practice_id', 'pcns', ...keys, ...spec.sums].join(', ');
  const values = ['p.icb_id', 'NULL', '1', ...keys.map((c) => `s.${c}`), ...spec.sums.map((c) => `s.${c}`)].join(', ');
  const sums = spec.sums.map((c) => `${c} = ${spec.icbSlices}.${c} + EXCLUDED.${c}`).join(', ');
  return sql`INSERT INTO ${sql.identifier(spec.icbSlices)} (${sql.raw(columns)})
    SELECT ${sql.raw(values)} FROM ${icbLevelRowsOf(spec, pcnId, months)}
    ON CONFLICT (icb_id, ${sql.raw(keys.join(', '))})
    DO UPDATE SET pcns = ${sql.raw(spec.icbSlices)}.pcns + 1, ${sql.raw(sums)}`;
}

const dropEmptyIcbRows = (spec: IcbSpec, pcnId: string, months: RebuildMonths) => sql`
  DELETE FROM ${sql.identifier(spec.icbSlices)}
   WHERE icb_id = (SELECT icb_id FROM pcns WHERE id = ${pcnId}::uuid) AND pcns = 0 AND ${inMonths(sql`month`, months)}`;

/**
 * Replaces the PCN's slices of those months (every month: null) with those of its detail rows as
 * they are now, and its share of its ICB's slices with them. Run it in one transaction (the
 * rebuild's), or the ICB's sums are briefly without this PCN.
 */
export async function replaceSlicesOf(db: DbOrTx, pcnId: string, months: RebuildMonths = null): Promise<void> {
  const ofPcn = sql`pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}`;
  for (const spec of SPECS) {
    const icb = spec.icbSlices ? (spec as IcbSpec) : null;
    if (icb) await db.execute(takeOutOfIcb(icb, pcnId, months));
    await db.execute(sql`DELETE FROM ${sql.identifier(spec.slices)} WHERE ${ofPcn}`);
    await db.execute(insertSlices(spec, pcnId, months));
    if (icb) {
      await db.execute(putIntoIcb(icb, pcnId, months));
      await db.execute(dropEmptyIcbRows(icb, pcnId, months));
    }
  }
  await db.execute(sql`DELETE FROM analytics_contact_slices WHERE ${ofPcn}`);
  await db.execute(insertContactSlices(pcnId, months));
}
