import type { Db } from '../../platform/db/client.js';
import { analyticsCounts, analyticsRefreshes, analyticsWaits } from './analytics.tables.js';
import { replaceSlicesOf } from './refresh/slices.js';
import { forgetRefreshes } from './scope.js';

// Hand-made rollup rows for the analytics tests: what the refresh job would have written, so
// each figure can be checked against numbers worked out by hand. Months are 'YYYY-MM'.

export interface CountRow {
  pcnId: string;
  practiceId?: string | null;
  month: string;
  role?: string;
  measure: string;
  dimension: string;
  value: string;
  n: number;
}

export interface WaitRow {
  pcnId: string;
  practiceId?: string | null;
  month: string;
  role?: string;
  priority: string;
  workingDays: number;
  met: boolean;
  n: number;
}

/**
 * Marks the PCNs' rollups refreshed now, as the job does after writing them: their slices are
 * derived again from the detail rows the test wrote, and "as of" moves.
 */
export async function markRefreshed(db: Db, pcnIds: string[], at = new Date()): Promise<void> {
  for (const pcnId of pcnIds) {
    await replaceSlicesOf(db, pcnId);
    await db
      .insert(analyticsRefreshes)
      .values({ pcnId, refreshedAt: at, caughtUpTo: at })
      .onConflictDoUpdate({ target: analyticsRefreshes.pcnId, set: { refreshedAt: at, caughtUpTo: at } });
  }
  forgetRefreshes();
}

export async function putCounts(db: Db, rows: CountRow[]): Promise<void> {
  await db
    .insert(analyticsCounts)
    .values(
      rows.map((r) => ({ ...r, practiceId: r.practiceId ?? null, month: `${r.month}-01`, role: r.role ?? 'any' })),
    );
  // A millisecond later each time, so that consecutive puts move "as of" as a refresh would.
  await new Promise((resolve) => setTimeout(resolve, 2));
  await markRefreshed(db, [...new Set(rows.map((r) => r.pcnId))]);
}

export async function putWaits(db: Db, rows: WaitRow[]): Promise<void> {
  await db.insert(analyticsWaits).values(
    rows.map((r) => ({
      ...r,
      practiceId: r.practiceId ?? null,
      month: `${r.month}-01`,
      role: r.role ?? 'link_worker',
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 2));
  await markRefreshed(db, [...new Set(rows.map((r) => r.pcnId))]);
}
