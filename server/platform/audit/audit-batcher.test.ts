import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { AuditBatcher } from './audit-batcher.js';

const db = {} as Db;

/** A writer whose appends finish only when the test lets them, recording each batch. */
function gatedWriter(failing: (row: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const append = async (_db: Db, rows: number[]) => {
    batches.push(rows);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (rows.some(failing)) throw new Error(`row ${rows.find(failing)} cannot be stored`);
  };
  /** Lets every append through, including the ones the released batches start, until none waits. */
  const openAll = async () => {
    do {
      for (const open of gates.splice(0)) open();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } while (gates.length > 0);
  };
  return { batches, append, openAll };
}

describe('AuditBatcher', () => {
  it('sends the first row at once and the rows that arrive meanwhile together, in order', async () => {
    const writer = gatedWriter();
    const batcher = new AuditBatcher(db, writer.append);
    const settled: number[] = [];
    const all = [1, 2, 3, 4].map((n) => batcher.append(n).then(() => settled.push(n)));
    expect(writer.batches).toEqual([[1]]);
    await writer.openAll();
    await Promise.all(all);
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
    expect(settled).toEqual([1, 2, 3, 4]);

    // Once idle, a new row starts a new batch of its own.
    const late = batcher.append(5);
    await writer.openAll();
    await late;
    expect(writer.batches.at(-1)).toEqual([5]);
  });

  it('does not settle a row before its batch has been stored', async () => {
    const writer = gatedWriter();
    const batcher = new AuditBatcher(db, writer.append);
    let done = false;
    const one = batcher.append(1).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    await writer.openAll();
    await one;
    expect(done).toBe(true);
  });

  it('refuses only the row that fails: the others of its batch go again one by one', async () => {
    const writer = gatedWriter((row) => row === 3);
    const batcher = new AuditBatcher(db, writer.append);
    const results = Promise.allSettled([1, 2, 3, 4].map((n) => batcher.append(n)));
    await writer.openAll();
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(writer.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
