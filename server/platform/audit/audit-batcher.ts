import type { Db } from '../db/client.js';

// Audit rows that record no change (a read of a case, a search, a refusal) are appended by one
// writer per database handle, in batches: while one batch's transaction holds the chain's lock and
// waits for its commit to be flushed, the rows of every other request wait here, and go together
// in the next transaction. That is group commit: one lock and one WAL flush per batch, not per
// row, so audited reads across the ICB no longer queue behind each other one commit at a time.
//
// Nothing is weaker for it: each caller's promise settles only when its own row has committed, so
// a read is still answered only once its audit row is durable, and the rows are chained under the
// same advisory lock as every other append (one chain, across any number of app instances).

/** Appends rows to the chain in one transaction (the lock, the last hash, the inserts). */
export type AppendRows<Row> = (db: Db, rows: Row[]) => Promise<void>;

// Enough to empty the queue of a busy instance in one go, small enough that one insert statement
// stays well under PostgreSQL's 65,535 bind parameters (12 columns a row).
const MAX_BATCH = 500;

interface Waiting<Row> {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditBatcher<Row> {
  private queue: Waiting<Row>[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    private readonly appendRows: AppendRows<Row>,
  ) {}

  /** Settles when the row has committed (or could not be). */
  append(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.appendRows(
          this.db,
          batch.map((w) => w.row),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        // One bad row must not fail the requests of the others: each goes again on its own, and
        // only the rows that fail alone are refused.
        if (batch.length === 1) (batch[0] as Waiting<Row>).reject(error);
        else await this.oneByOne(batch);
      }
    }
    // No await between the empty check above and this: a row queued later starts a new drain.
    this.draining = false;
  }

  private async oneByOne(batch: Waiting<Row>[]): Promise<void> {
    for (const w of batch) {
      try {
        await this.appendRows(this.db, [w.row]);
        w.resolve();
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
