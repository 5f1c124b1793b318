import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';

// A rebuild writes only the rollup rows whose figures changed. Deleting a PCN's months and
// inserting them again rewrote every row of them each minute, though one changed referral moves
// a few dozen: every row a dead tuple and a new entry in each index, the ICB slices taken out and
// put back row by row, and a VACUUM after each run that had to scan every index to clear them (on
// the synthetic ICB, about 100 ms of the 375 ms a PCN-month cost). Compared with the rows as they
// are, the same figures now leave the table as it was: rows gone are deleted, rows whose figures
// moved are updated, new rows inserted, and the rest are not touched.

export interface RollupShape {
  table: string;
  /**
   * The columns that identify a row (for a table with a unique key, exactly its columns: a row
   * whose other columns change is then updated, never deleted and inserted again under the same
   * key). `practice_id` may be null ("not from a practice") and is compared as such.
   */
  keys: string[];
  /** The figures of a row: what an update changes (sums, and for contacts the worker's role). */
  figures: string[];
}

/**
 * An ICB slice table kept as the sum of a PCN slice table's rows (slices.ts): the merge adds what
 * changed in the PCN's rows to its ICB's rows in the same statement.
 */
export interface IcbSums {
  table: string;
  /** The ICB row's columns besides icb_id (its unique key with icb_id), taken from the PCN row. */
  keys: string[];
}

// `practice_id` is the one key a rollup row may leave null: compared through a value no row has,
// so the comparison stays an equality PostgreSQL can hash (IS NOT DISTINCT FROM is not).
const NO_PRACTICE = `'00000000-0000-0000-0000-000000000000'::uuid`;
const same = (key: string, a: string, b: string) =>
  key === 'practice_id'
    ? `coalesce(${a}.${key}, ${NO_PRACTICE}) = coalesce(${b}.${key}, ${NO_PRACTICE})`
    : `${a}.${key} = ${b}.${key}`;

/**
 * Makes the rows of `shape.table` within `scope` (a condition on its columns: a PCN and its
 * months) exactly the rows `fresh` selects (its columns in the order keys, then figures), writing
 * only those that differ. One statement: the rows are compared once, then deleted, updated and
 * inserted by their physical address (`ctid`, stable within the statement), and the ICB sums moved
 * by the difference. Returns how many rows it wrote.
 */
export async function mergeRollup(
  db: DbOrTx,
  shape: RollupShape,
  scope: SQL,
  fresh: SQL,
  icb?: IcbSums,
): Promise<number> {
  const columns = [...shape.keys, ...shape.figures];
  const list = (prefix: string, names: string[]) => names.map((c) => `${prefix}${c}`).join(', ');
  const table = sql.identifier(shape.table);
  const [firstKey] = shape.keys;
  const result = await db.execute<{ written: number }>(sql`
    WITH fresh (${sql.raw(columns.join(', '))}) AS MATERIALIZED (${fresh}),
    old AS MATERIALIZED (SELECT ctid AS tid, ${sql.raw(columns.join(', '))} FROM ${table} WHERE ${scope}),
    diff AS MATERIALIZED (
      SELECT o.tid, o.tid IS NOT NULL AS had, f.${sql.raw(firstKey as string)} IS NOT NULL AS has,
             ${sql.raw(shape.keys.map((k) => `coalesce(f.${k}, o.${k}) AS ${k}`).join(', '))},
             ${sql.raw(shape.figures.map((c) => `o.${c} AS old_${c}, f.${c} AS new_${c}`).join(', '))}
        FROM old o FULL JOIN fresh f ON ${sql.raw(shape.keys.map((k) => same(k, 'o', 'f')).join(' AND '))}
       WHERE o.tid IS NULL OR f.${sql.raw(firstKey as string)} IS NULL
          OR (${sql.raw(list('o.', shape.figures))}) IS DISTINCT FROM (${sql.raw(list('f.', shape.figures))})
    ),
    gone AS (DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT tid FROM diff WHERE NOT has))),
    moved AS (
      UPDATE ${table} t SET ${sql.raw(shape.figures.map((c) => `${c} = d.new_${c}`).join(', '))}
        FROM diff d
       WHERE t.ctid = ANY (ARRAY(SELECT tid FROM diff WHERE had AND has)) AND t.ctid = d.tid
    ),
    added AS (
      INSERT INTO ${table} (${sql.raw(columns.join(', '))})
      SELECT ${sql.raw(list('', shape.keys))}, ${sql.raw(list('new_', shape.figures))} FROM diff WHERE NOT had
    )
    ${icb ? sql`, icb AS (${moveIcbSums(shape, icb)})` : sql``}
    SELECT count(*)::int AS written FROM diff`);
  return result.rows[0]?.written ?? 0;
}

/**
 * The ICB rows move by what the PCN's rows of ICB level (every practice's, and those from no
 * practice) moved: a row gone takes its sums and one PCN out, a new row puts them in, a changed
 * row adds the difference. Rows left with no PCN are deleted after (slices.ts).
 */
function moveIcbSums(shape: RollupShape, icb: IcbSums): SQL {
  const delta = shape.figures.map((c) => `sum(coalesce(d.new_${c}, 0) - coalesce(d.old_${c}, 0)) AS ${c}`).join(', ');
  const moved = shape.figures.map((c) => `${c} = ${icb.table}.${c} + EXCLUDED.${c}`).join(', ');
  const keys = icb.keys.map((k) => `d.${k}`).join(', ');
  return sql`
    INSERT INTO ${sql.identifier(icb.table)} (icb_id, practice_id, pcns, ${sql.raw(icb.keys.join(', '))}, ${sql.raw(shape.figures.join(', '))})
    SELECT p.icb_id, NULL, sum(d.has::int - d.had::int), ${sql.raw(keys)}, ${sql.raw(delta)}
      FROM diff d JOIN pcns p ON p.id = d.pcn_id
     WHERE d.all_practices OR d.practice_id IS NULL
     GROUP BY p.icb_id, ${sql.raw(keys)}
    ON CONFLICT (icb_id, ${sql.raw(icb.keys.join(', '))})
    DO UPDATE SET pcns = ${sql.raw(icb.table)}.pcns + EXCLUDED.pcns, ${sql.raw(moved)}`;
}
