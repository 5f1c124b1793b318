import type pg from 'pg';
import { bulkInsert, type Column, type Row } from '../../../bench/lib/bulk-insert.js';

// Rows are buffered per table and written in multi-row inserts (unnest of one array per
// column): a chunk of referrals and everything hanging off them goes in FK order, then the
// buffers are emptied, so memory stays flat however many contacts the ICB has.

export interface TableSpec {
  table: string;
  columns: Column[];
}

export interface TableStats {
  rows: number;
  ms: number;
}

export class TableWriter {
  private readonly buffers = new Map<string, { spec: TableSpec; rows: Row[] }>();
  readonly stats = new Map<string, TableStats>();

  constructor(private readonly pool: pg.Pool) {}

  add(spec: TableSpec, row: Row): void {
    let buffer = this.buffers.get(spec.table);
    if (!buffer) {
      buffer = { spec, rows: [] };
      this.buffers.set(spec.table, buffer);
    }
    buffer.rows.push(row);
  }

  /** Writes the buffered rows of the given tables, in this order (parents first). */
  async flush(specs: readonly TableSpec[]): Promise<void> {
    await this.write(this.take(specs), specs);
  }

  /**
   * Empties the buffers of these tables and hands their rows over, synchronously: the next chunk
   * can then be generated while this one is written.
   */
  take(specs: readonly TableSpec[]): Map<string, Row[]> {
    const taken = new Map<string, Row[]>();
    for (const spec of specs) {
      const buffer = this.buffers.get(spec.table);
      taken.set(spec.table, buffer?.rows ?? []);
      if (buffer) buffer.rows = [];
    }
    return taken;
  }

  /** Writes taken rows of these tables, one table after another. */
  async write(taken: Map<string, Row[]>, specs: readonly TableSpec[]): Promise<void> {
    for (const spec of specs) {
      const rows = taken.get(spec.table) ?? [];
      if (rows.length === 0) continue;
      const started = performance.now();
      await bulkInsert(this.pool, spec.table, spec.columns, rows);
      this.record(spec.table, rows.length, performance.now() - started);
    }
  }

  /** Counts rows written outside the writer (the reused directory generator's tables). */
  record(table: string, rows: number, ms: number): void {
    const stat = this.stats.get(table) ?? { rows: 0, ms: 0 };
    stat.rows += rows;
    stat.ms += ms;
    this.stats.set(table, stat);
  }

  count(table: string): number {
    return this.stats.get(table)?.rows ?? 0;
  }
}

/** "case_contacts: 2,000,000 rows (41,230 rows/s of insert time)". */
export function describeStats(table: string, stat: TableStats): string {
  const rate = stat.ms > 0 ? Math.round((stat.rows * 1000) / stat.ms) : stat.rows;
  return `${table}: ${stat.rows.toLocaleString('en-GB')} rows (${rate.toLocaleString('en-GB')} rows/s)`;
}

/** A text[] column's value as the array literal the unnest insert casts (`{a,"b c"}`). */
export function textArray(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
