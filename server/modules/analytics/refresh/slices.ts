import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { ALL_ROLES } from '../analytics.tables.js';

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
}

const SPECS: SliceSpec[] = [
  {
    slices: 'analytics_count_slices',
    detail: 'analytics_counts',
    keys: ['measure', 'dimension', 'value'],
    sums: ['n'],
  },
  {
    slices: 'analytics_wait_slices',
    detail: 'analytics_waits',
    keys: ['priority', 'working_days', 'met'],
    sums: ['n'],
  },
  {
    slices: 'analytics_outcome_slices',
    detail: 'analytics_outcomes',
    keys: ['measure', 'item', 'dimension', 'value'],
    sums: ['pairs', 'baseline_sum', 'latest_sum', 'improved', 'same', 'worse'],
  },
];

function insertSlices(spec: SliceSpec, pcnId: string): SQL {
  const keys = spec.keys.join(', ');
  const columns = ['pcn_id', 'all_practices', 'practice_id', 'month', 'role', ...spec.keys, ...spec.sums].join(', ');
  const sums = spec.sums.map((c) => `sum(${c})`).join(', ');
  // GROUPING SETS: (practice_id) keeps each practice over all roles, (role) each role over all
  // practices, () neither. grouping(x) = 1 where x was summed over.
  return sql`INSERT INTO ${sql.identifier(spec.slices)} (${sql.raw(columns)})
    SELECT pcn_id, grouping(practice_id) = 1, practice_id, month,
           CASE WHEN grouping(role) = 1 THEN ${ALL_ROLES} ELSE role END, ${sql.raw(keys)}, ${sql.raw(sums)}
      FROM ${sql.identifier(spec.detail)}
     WHERE pcn_id = ${pcnId}::uuid
     GROUP BY pcn_id, month, ${sql.raw(keys)}, GROUPING SETS ((practice_id), (role), ())`;
}

/** Contacts per worker, month and outcome (capacity reads no practice or mode). */
const insertContactSlices = (pcnId: string) => sql`
  INSERT INTO analytics_contact_slices (pcn_id, worker_id, role, month, outcome, n, minutes)
  SELECT pcn_id, worker_id, role, month, outcome, sum(n), sum(minutes)
    FROM analytics_contacts WHERE pcn_id = ${pcnId}::uuid
   GROUP BY pcn_id, worker_id, role, month, outcome`;

/** Replaces the PCN's slices with those of its detail rows as they are now. */
export async function replaceSlicesOf(db: DbOrTx, pcnId: string): Promise<void> {
  for (const spec of SPECS) {
    await db.execute(sql`DELETE FROM ${sql.identifier(spec.slices)} WHERE pcn_id = ${pcnId}::uuid`);
    await db.execute(insertSlices(spec, pcnId));
  }
  await db.execute(sql`DELETE FROM analytics_contact_slices WHERE pcn_id = ${pcnId}::uuid`);
  await db.execute(insertContactSlices(pcnId));
}
