import type { AnalyticsSection, FigureColumn, FigureTable } from '../../../common/analytics.js';
import type { TeamRole } from '../../../common/roles.js';
import type { Db } from '../../platform/db/client.js';

// The exact figures a section builds before they are published (issue 13). A section builder
// reads the rollups and returns exact tables; `publish` (disclosure/) turns them into what the
// viewer may see: exact for a team lead's own PCN on screen, otherwise under the small-number
// rule with secondary suppression. Builders never suppress anything themselves.

/**
 * One exact figure. `base` is how many records it is built on: for a count the count itself;
 * for a rate, percentage, median or mean the records behind it (a figure built on 1–7 records
 * is suppressed outside the team). `value` is null when there is nothing to show.
 */
export interface ExactCell {
  value: number | null;
  base: number;
}
export type ExactValue = ExactCell | string;

export interface ExactRow {
  key: string;
  label: string;
  values: Record<string, ExactValue>;
}

/**
 * An exact table. Besides its cells it declares how its counts add up, so secondary
 * suppression can protect a "*" against subtraction from a total:
 * - `total`: the totals row; each count column of it is the sum of that column over `rows`;
 * - `rowSums`: count columns that are the sum of other count columns in every row.
 */
export interface ExactTable extends Omit<FigureTable, 'rows' | 'total'> {
  columns: FigureColumn[];
  rows: ExactRow[];
  total: ExactRow | null;
  rowSums?: { total: string; parts: string[] }[];
}

/** Whose figures the viewer may see. */
export interface AnalyticsScope {
  icbId: string;
  /** The one PCN of a team lead; null for a commissioner (every PCN of the ICB). */
  ownPcnId: string | null;
}

/** The request's filters, checked against the scope and resolved to ids and month starts. */
export interface ResolvedFilters {
  icbId: string;
  /** The PCNs the figures cover (one when filtered or for a lead; every PCN of the ICB otherwise). */
  pcnIds: string[];
  practiceId: string | null;
  /** First day of the first month (YYYY-MM-01). */
  fromMonth: string;
  /** First day of the last month, inclusive (YYYY-MM-01). */
  toMonth: string;
  role: TeamRole | null;
  /** True when the viewer is the team lead of the one PCN covered: per-worker figures by name. */
  ownTeam: boolean;
  /**
   * True when the figures cover every PCN of the ICB (a commissioner who chose no PCN or
   * practice): the ICB slices answer what they hold. Absent means false.
   */
  wholeIcb?: boolean;
  /**
   * Tests only: read the detail rollups, never their slices, to show that both give the same
   * figures (sections/slices.db.test.ts).
   */
  readDetail?: boolean;
}

export type SectionBuilder = (db: Db, filters: ResolvedFilters) => Promise<ExactTable[]>;
export type SectionName = AnalyticsSection | 'national';

/** A count cell: the count is its own base. */
export const count = (n: number): ExactCell => ({ value: n, base: n });
/** A statistic built on `base` records (null when there are none). */
export const statistic = (value: number | null, base: number): ExactCell => ({
  value: base === 0 ? null : value,
  base,
});
