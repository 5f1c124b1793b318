import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import type { ExactTable, ExactValue, ResolvedFilters } from '../figures.js';

// Fixtures of the section builders' tests: a fresh database per file, filters for a period, and
// a reader of one exact cell.

export async function sectionTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  afterAll(() => database.close());
  return database;
}

/** January to March 2026 (90 days), every PCN given, no practice or role. */
export function quarter(icbId: string, pcnIds: string[], extra: Partial<ResolvedFilters> = {}): ResolvedFilters {
  return {
    icbId,
    pcnIds,
    practiceId: null,
    fromMonth: '2026-01-01',
    toMonth: '2026-03-01',
    role: null,
    ownTeam: false,
    ...extra,
  };
}

export function tableOf(tables: ExactTable[], id: string): ExactTable {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id} among ${tables.map((t) => t.id).join(', ')}`);
  return table;
}

/** A row's cell values, by column key ('total' for the totals row). */
export function rowOf(table: ExactTable, key: string): Record<string, number | null | string> {
  const row = key === 'total' ? table.total : table.rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key} in ${table.id}: ${table.rows.map((r) => r.key).join(', ')}`);
  return Object.fromEntries(
    Object.entries(row.values).map(([k, v]: [string, ExactValue]) => [k, typeof v === 'string' ? v : v.value]),
  );
}
