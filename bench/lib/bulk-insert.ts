import type pg from 'pg';

// Bulk writes for the benchmarks' synthetic data: INSERT … SELECT FROM unnest(arrays), one
// statement per chunk and one parameter per column — seconds for rows the use-cases would take
// minutes over.

export type Row = unknown[];
/** [column, element type of the parameter array, optional cast of each value (e.g. text → text[])]. */
export type Column = [string, string] | [string, string, string];

export async function bulkInsert(pool: pg.Pool, table: string, columns: Column[], rows: Row[]): Promise<void> {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const values = columns.map((c, i) => (c[2] ? `c${i}::${c[2]}` : `c${i}`)).join(', ');
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    await pool.query(
      `INSERT INTO ${table} (${names}) SELECT ${values} FROM unnest(${arrays}) AS u(${aliases.join(', ')})`,
      columns.map((_, i) => chunk.map((r) => r[i] ?? null)),
    );
  }
}
