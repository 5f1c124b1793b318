import type pg from 'pg';

// Every write to every table of a test database, as it commits: for the hostile-input tests'
// "never a stored row from a rejected request". The statistics views (pg_stat_user_tables) are
// flushed by each backend at most once a second, so a check built on them could miss a write or
// flake; a trigger cannot. An AFTER trigger on every table (row level for INSERT, UPDATE and
// DELETE, statement level for TRUNCATE) appends the table, the operation and the row to a log
// table in the same transaction as the write: a write that rolls back leaves no entry, one that
// commits always does. `drain()` takes (and deletes) every entry committed so far, so entries
// are never missed however transactions interleave: what is not there yet is in the next drain.
// Test databases only: this is never installed by a migration.

const LOG = 'hostile_input_write_log';

export interface Write {
  table: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';
  /** The row after an INSERT or UPDATE. */
  row: Record<string, unknown> | null;
  /** The row before an UPDATE or DELETE. */
  old: Record<string, unknown> | null;
}

export interface WriteLog {
  /** The tables watched (every table of every schema but the system's). */
  tables: string[];
  /** Every write committed since the last drain, in the order logged; the log is emptied. */
  drain(): Promise<Write[]>;
}

export async function installWriteLog(pool: pg.Pool): Promise<WriteLog> {
  await pool.query(`
    CREATE UNLOGGED TABLE ${LOG} (
      id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, new_row jsonb, old_row jsonb
    );
    CREATE FUNCTION ${LOG}_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${LOG} (tbl, op, new_row, old_row) VALUES (
        TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
      RETURN NULL;
    END $$;
    CREATE FUNCTION ${LOG}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${LOG} (tbl, op) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$;
  `);
  // Ordinary and partitioned tables (a partition is covered by its parent's trigger).
  const { rows } = await pool.query<{ schema: string; name: string }>(`
    SELECT n.nspname AS schema, c.relname AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       AND c.relname <> '${LOG}'
     ORDER BY 1, 2`);
  const tables = rows.map((r) => `${r.schema}.${r.name}`);
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const statements = rows.flatMap(({ schema, name }) => {
    const table = `${ident(schema)}.${ident(name)}`;
    return [
      `CREATE TRIGGER ${LOG}_row AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${LOG}_row()`,
      `CREATE TRIGGER ${LOG}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${LOG}_truncate()`,
    ];
  });
  await pool.query(statements.join(';\n'));

  return {
    tables,
    async drain() {
      const { rows: entries } = await pool.query<{
        tbl: string;
        op: Write['op'];
        new_row: Record<string, unknown> | null;
        old_row: Record<string, unknown> | null;
      }>(
        `WITH taken AS (DELETE FROM ${LOG} RETURNING id, tbl, op, new_row, old_row)
         SELECT tbl, op, new_row, old_row FROM taken ORDER BY id`,
      );
      return entries.map((e) => ({ table: e.tbl, op: e.op, row: e.new_row, old: e.old_row }));
    },
  };
}

/** The columns an UPDATE changed. */
export function changedColumns(write: Write): string[] {
  if (write.op !== 'UPDATE' || !write.row || !write.old) return [];
  const old = write.old;
  return Object.keys(write.row).filter(
    (k) => JSON.stringify((write.row as Record<string, unknown>)[k]) !== JSON.stringify(old[k]),
  );
}
