import type pg from 'pg';

// The tables of Waymark's schema (public), parents before children along their foreign keys, so
// that a restore that must check every key (no superuser) can load them in this order.

export interface TableInfo {
  name: string;
  /** Stored columns in order (generated ones are computed again, not restored). */
  columns: string[];
}

export async function tablesInLoadOrder(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    GROUP BY c.relname
    ORDER BY c.relname`);
  const { rows: keys } = await client.query<{ child: string; parent: string }>(`
    SELECT DISTINCT child.relname AS child, parent.relname AS parent
    FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid
    JOIN pg_class parent ON parent.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND child.relname <> parent.relname`);
  const parentsOf = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const k of keys) parentsOf.get(k.child)?.add(k.parent);
  // Depth-first: each table after its parents; a cycle (none in Waymark's schema today) keeps
  // the name order for the tables in it, and the restore then needs its keys unchecked.
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return;
    state.set(name, 'visiting');
    for (const parent of [...(parentsOf.get(name) ?? [])].sort()) visit(parent);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const t of tables) visit(t.name);
  const byName = new Map(tables.map((t) => [t.name, t]));
  return ordered.map((name) => byName.get(name) as TableInfo);
}

/** The applied migrations: how many, and the last one's hash — the schema a backup's data fits. */
export async function migrationLevel(client: pg.ClientBase): Promise<{ count: number; last: string | null }> {
  const exists = await client.query(`SELECT to_regclass('drizzle.__drizzle_migrations') AS t`);
  if (!exists.rows[0]?.t) return { count: 0, last: null };
  const { rows } = await client.query<{ n: string; last: string | null }>(
    `SELECT count(*) AS n, (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS last
     FROM drizzle.__drizzle_migrations`,
  );
  return { count: Number(rows[0]?.n ?? 0), last: rows[0]?.last ?? null };
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
