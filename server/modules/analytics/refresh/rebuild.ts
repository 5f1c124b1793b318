import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.js';
import { forgetRefreshes } from '../scope.js';
import {
  changeCutOff,
  changedMonthsOf,
  inMonths,
  markUnchangedCaughtUp,
  pcnsWithChanges,
  type RebuildMonths,
} from './changes.js';
import { CONTACTS, contactsOf } from './contacts.js';
import { COUNTS, countsOf } from './counts.js';
import { mergeRollup } from './merge.js';
import { loadPairs, OUTCOMES, outcomesOf } from './outcomes.js';
import { loadReferralBase } from './referral-base.js';
import { replaceSlicesOf, SLICE_TABLES } from './slices.js';
import { WAITS, waitsOf } from './waits.js';

// A PCN's rollups are recomputed, never patched: one transaction recomputes its rows with
// set-based SQL from the base tables and makes the tables hold exactly those (writing only the rows
// that differ, merge.ts), so figures can never drift from the records, and a change of any kind (a
// correction, a back-dated contact, a person's postcode) is simply picked up. The minute-by-minute refresh recomputes only the months its changes can have moved
// (changes.ts changedMonthsOf); a full rebuild recomputes every month (the first start, the
// generator, and nightly for what change detection cannot see). A PCN of the synthetic ICB (9,300
// referrals over three years) takes 5–10 s whole, and about 0.13 s for one month at rest; see
// ARCHITECTURE.md, "Figures: how they are kept fresh".

export const ROLLUP_TABLES = [
  'analytics_counts',
  'analytics_waits',
  'analytics_outcomes',
  'analytics_contacts',
] as const;

export interface RebuildReport {
  pcnId: string;
  /** False when another instance was rebuilding the same PCN at that moment (it will do). */
  rebuilt: boolean;
  /** How many months it recomputed: 'all', or the changed months (0: its changes moved none). */
  months: number | 'all';
  ms: number;
}

/** Every month of the PCN, or only the months its changes since its last rebuild can have moved. */
export type RebuildScope = 'all' | 'changed';

/**
 * Rebuilds one PCN's rollups (every month, or the changed ones) and records when
 * (analytics_refreshes). The transaction is REPEATABLE READ, so every statement reads the same
 * snapshot: the counts, waits and outcomes agree with each other, the changed months are those
 * of the records the rebuild reads, and caught_up_to (taken just before that snapshot,
 * changes.ts) is honest about what it saw.
 */
export async function rebuildPcn(db: Db, pcnId: string, scope: RebuildScope = 'all'): Promise<RebuildReport> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const { rebuilt, months } = await rebuildOnce(db, pcnId, scope);
      return { pcnId, rebuilt, months, ms: Math.round(performance.now() - started) };
    } catch (err) {
      // Another rebuild committed rows this one changes (the same PCN between our snapshot and our
      // lock, or another PCN of the ICB: the ICB slices, refresh/slices.ts): REPEATABLE READ
      // refuses, or the two deadlock. Again from a fresh snapshot, a few times.
      if (!isRetryable(err) || attempt >= REBUILD_ATTEMPTS) throw err;
    }
  }
}

const REBUILD_ATTEMPTS = 5;

/** Serialisation failure or deadlock: the transaction did nothing and may simply run again. */
function isRetryable(err: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | null)?.code;
  const codes = [code(err), code((err as { cause?: unknown } | null)?.cause)];
  return codes.includes('40001') || codes.includes('40P01');
}

async function rebuildOnce(
  db: Db,
  pcnId: string,
  scope: RebuildScope,
): Promise<{ rebuilt: boolean; months: number | 'all' }> {
  const caughtUpTo = await changeCutOff(db);
  let recomputed: RebuildMonths = null;
  const rebuilt = await db.transaction(
    async (tx) => {
      // One rebuild of a PCN at a time across instances; the other simply skips it.
      const lock = await tx.execute<{ locked: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock(hashtext('analytics.refresh'), hashtext(${pcnId})) AS locked`,
      );
      if (!lock.rows[0]?.locked) return false;
      // A refresh of changed months reads a few thousand rows a statement: parallel workers would
      // cost more to start than they save, and take the other cores from the requests it runs
      // beside. A full rebuild (the nightly run, the first start) reads whole PCNs and keeps them.
      if (scope === 'changed') await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
      // A PCN never built has no months to go by: all of them.
      const months: RebuildMonths = scope === 'all' ? null : await changedMonthsOf(tx, pcnId);
      recomputed = months;
      if (months !== null && months.length === 0) {
        // Its changes moved no figure (a plan saved without a new agreement, the usual save): its
        // figures are as they were, and so is their "as of" (as for a PCN with no change at all),
        // which keeps the dashboards' answers cached (they are keyed on it).
        await tx.execute(
          sql`UPDATE analytics_refreshes SET caught_up_to = ${caughtUpTo.toISOString()} WHERE pcn_id = ${pcnId}`,
        );
        return true;
      }
      await recompute(tx, pcnId, months);
      await tx.execute(sql`
        INSERT INTO analytics_refreshes (pcn_id, refreshed_at, caught_up_to)
        VALUES (${pcnId}, clock_timestamp(), ${caughtUpTo.toISOString()})
        ON CONFLICT (pcn_id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, caught_up_to = EXCLUDED.caught_up_to`);
      return true;
    },
    { isolationLevel: 'repeatable read' },
  );
  // Skipped (another instance holds the PCN): nothing recomputed here.
  const months = !rebuilt ? 0 : recomputed === null ? 'all' : (recomputed as string[]).length;
  // This instance's dashboards see the new "as of" at once (other instances within a second).
  if (rebuilt && months !== 0) forgetRefreshes();
  return { rebuilt, months };
}

/** Computes the PCN's rollup rows of those months (every month: null) again, and writes what changed. */
async function recompute(tx: Tx, pcnId: string, months: RebuildMonths): Promise<void> {
  await loadReferralBase(tx, pcnId, months);
  await loadPairs(tx);
  const ofPcn = sql`pcn_id = ${pcnId}::uuid AND ${inMonths(sql`month`, months)}`;
  await mergeRollup(tx, COUNTS, ofPcn, countsOf(pcnId, months));
  await mergeRollup(tx, WAITS, ofPcn, waitsOf(pcnId, months));
  await mergeRollup(tx, OUTCOMES, ofPcn, outcomesOf(pcnId, months));
  await mergeRollup(tx, CONTACTS, ofPcn, contactsOf(pcnId, months));
  // The slices are summed from the detail rows as just written.
  await replaceSlicesOf(tx, pcnId, months);
}

export interface RebuildOptions {
  /** Stops between two PCNs (shutting down); the rest are rebuilt by the next run. */
  signal?: AbortSignal;
}

/** Some PCNs could not be rebuilt (the others were); each keeps its old figures until it can. */
export class RebuildFailed extends AggregateError {
  constructor(
    errors: unknown[],
    readonly reports: RebuildReport[],
  ) {
    super(errors, `analytics: ${errors.length} PCN(s) could not be rebuilt`);
  }
}

/** How many times (a second apart) a full rebuild tries a PCN another rebuild holds. */
const FULL_REBUILD_WAITS = 30;

async function rebuildEach(
  db: Db,
  pcnIds: string[],
  scope: RebuildScope,
  opts: RebuildOptions,
): Promise<RebuildReport[]> {
  const reports: RebuildReport[] = [];
  const errors: unknown[] = [];
  // One PCN after another: each is a short transaction, and the machine's other work goes on.
  // A PCN that fails does not hold the others back; the run fails at the end, so it is logged
  // and retried.
  for (const pcnId of pcnIds) {
    if (opts.signal?.aborted) break;
    try {
      let report = await rebuildPcn(db, pcnId, scope);
      // A full rebuild is owed every month of the PCN: when a refresh of its changed months holds
      // it (a second at most), it waits for that, rather than leaving the PCN to the next night.
      for (let wait = 0; !report.rebuilt && scope === 'all' && wait < FULL_REBUILD_WAITS; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        report = await rebuildPcn(db, pcnId, scope);
      }
      reports.push(report);
      // A full run vacuums after each PCN, not at the end: it takes minutes on an ICB-sized
      // database, and the dashboards read the slices meanwhile. A run of changed months takes
      // seconds and rewrites few rows: once at its end.
      if (report.rebuilt && scope === 'all') await tidyRollups(db);
      if (report.rebuilt && scope === 'changed' && report.months !== 0) await giveWay(report.ms, opts.signal);
    } catch (err) {
      errors.push(err);
    }
  }
  if (scope === 'changed' && reports.some((r) => r.rebuilt && r.months !== 0)) await tidyRollups(db, { giveWay: true });
  if (errors.length > 0) throw new RebuildFailed(errors, reports);
  return reports;
}

/** The longest a run of changed months rests after one PCN (see giveWay). */
export const MAX_REST_MS = 2000;

/**
 * A run of changed months gives way to the requests it runs beside: after each PCN it rebuilt it
 * rests as long as that PCN took (at most MAX_REST_MS), so it never holds a core for long. Flat
 * out, a busy minute's refresh took one of the two cores of the bench machine for ~15 s, and the
 * requests arriving meanwhile queued behind the other: at 300 requests/s their latency rose to
 * 1.6–4 s until the backlog drained (bench/RESULTS.md). The figures then lag the records by
 * about twice as long under load, which their "as of" says.
 */
export function giveWay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.min(ms, MAX_REST_MS));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A rebuild rewrites rows, and rewritten pages are no longer marked all-visible: until they are
 * vacuumed, the dashboards' index-only reads of the slices go to the table for every row. On the
 * synthetic ICB, vacuumed at once, the commissioner's cold sections took 3–33 ms in SQL instead of
 * 60–170 ms (onward, capacity, national, waits). So the tables are vacuumed as soon as a PCN's rebuild has
 * rewritten them, not whenever autovacuum comes by: about 50 ms there. Not ANALYZE (2 s there;
 * a PCN's rebuild barely moves the statistics, and autovacuum keeps them). Outside any
 * transaction, as VACUUM must be; SKIP_LOCKED leaves a table autovacuum is busy with to it.
 */
export async function tidyRollups(db: Db, opts: { giveWay?: boolean } = {}): Promise<void> {
  const vacuum = `VACUUM (SKIP_LOCKED) ${[...ROLLUP_TABLES, ...SLICE_TABLES].map((t) => `"${t}"`).join(', ')}`;
  if (!opts.giveWay) {
    await db.execute(sql.raw(vacuum));
    return;
  }
  // Its cost-based delay, as autovacuum's (2 ms per 200 cost units): the pages it reads are
  // spread over a few more seconds rather than taken from the requests at once. On its own
  // connection, as the setting stays with the session.
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SET vacuum_cost_delay = '2ms'`);
    await client.query(vacuum);
    await client.query('RESET vacuum_cost_delay');
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A session left with the delay set (a failure above) is not given back to the pool.
    client.release(broken);
  }
}

/** Every month of every PCN (after the synthetic generator, at first start, and nightly). */
export async function rebuildAll(db: Db, opts: RebuildOptions = {}): Promise<RebuildReport[]> {
  const result = await db.execute<{ id: string }>(sql`SELECT id FROM pcns ORDER BY id`);
  return rebuildEach(
    db,
    result.rows.map((r) => r.id),
    'all',
    opts,
  );
}

/**
 * The PCNs with a change since their figures were built, the months those changes can have
 * moved only (and every month of a PCN never built).
 */
export async function refreshChanged(db: Db, opts: RebuildOptions = {}): Promise<RebuildReport[]> {
  const cutOff = await changeCutOff(db);
  const changed = await pcnsWithChanges(db);
  await markUnchangedCaughtUp(db, cutOff, changed);
  return rebuildEach(db, changed, 'changed', opts);
}

/** True when no PCN's figures were ever built (a new database, or one the generator just filled). */
export async function neverRefreshed(db: Db): Promise<boolean> {
  const result = await db.execute<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM analytics_refreshes) AS any`);
  return !result.rows[0]?.any;
}
