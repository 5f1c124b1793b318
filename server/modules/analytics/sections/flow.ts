import { sql } from 'drizzle-orm';
import { CLOSURE_REASON_LABELS, STATUS_LABELS } from '../../../../common/referrals.js';
import { count, type ExactRow, type ExactTable, type SectionBuilder, statistic } from '../figures.js';
import { tally } from './months.js';
import { percent, rollupSource } from './rollup-filters.js';

// Flow through the service (issue 13), from the analytics_counts rollup:
// - measure 'flow', dimension 'stage': referrals received in the period that reached each stage
//   (received, triaged, allocated, first_contact, plan_agreed, discharged);
// - measure 'closures', dimension 'reason', value '<status>:<reason>': referrals closed without
//   support (declined, redirected, not_contactable) and why (CLOSURE_REASON_LABELS, or the code;
//   'not_recorded' when none was given).
// Shares are of the referrals received, so each stage reads "how many got this far".
// Each measure has its one dimension, so the query says both as lists: an OR of the two pairs
// would keep PostgreSQL from reading the covering index alone (a bitmap scan of the table
// instead, about ten times slower over a whole ICB).

const STAGES = [
  ['received', 'Received'],
  ['triaged', 'Triaged'],
  ['allocated', 'Allocated to a worker'],
  ['first_contact', 'First contact made'],
  ['plan_agreed', 'Plan agreed'],
  ['discharged', 'Discharged'],
] as const;

const CLOSURE_STATUSES = ['declined', 'redirected', 'not_contactable'] as const;
type ClosureStatus = (typeof CLOSURE_STATUSES)[number];

const reasonLabel = (reason: string) => CLOSURE_REASON_LABELS[reason] ?? reason;

export const flowSection: SectionBuilder = async (db, f) => {
  const from = rollupSource('counts', f);
  const { rows } = await db.execute<{ measure: string; value: string; n: number }>(sql`
    SELECT measure, value, sum(n)::int AS n FROM ${from.table}
    WHERE measure IN ('flow', 'closures') AND dimension IN ('stage', 'reason') AND ${from.where}
    GROUP BY 1, 2`);
  const stages = new Map(rows.filter((r) => r.measure === 'flow').map((r) => [r.value, r.n]));
  const received = stages.get('received') ?? 0;
  const share = (n: number) => statistic(percent(n, received), received);

  const funnel: ExactTable = {
    id: 'flow-stages',
    title: 'From referral to discharge',
    description: 'Referrals received in the period, and how many of them reached each stage so far.',
    chart: 'bar',
    rowHeader: 'Stage',
    columns: [
      { key: 'referrals', label: 'Referrals', unit: 'count' },
      { key: 'share', label: '% of received', unit: 'percent' },
    ],
    rows: STAGES.map(([key, label]) => {
      const n = stages.get(key) ?? 0;
      return { key, label, values: { referrals: count(n), share: share(n) } };
    }),
    total: null,
    notes: [],
  };

  const byStatus = new Map<ClosureStatus, number>();
  const reasonRows: ExactRow[] = [];
  for (const r of rows.filter((x) => x.measure === 'closures').sort((a, b) => a.value.localeCompare(b.value))) {
    const [status, reason = 'not_recorded'] = r.value.split(':') as [ClosureStatus, string?];
    if (!CLOSURE_STATUSES.includes(status)) continue;
    tally(byStatus, status, r.n);
    reasonRows.push({
      key: r.value,
      label: `${STATUS_LABELS[status]}: ${reason === 'not_recorded' ? 'no reason recorded' : reasonLabel(reason)}`,
      values: { referrals: count(r.n), share: share(r.n) },
    });
  }
  const closed = [...byStatus.values()].reduce((s, n) => s + n, 0);

  const closures: ExactTable = {
    id: 'flow-closures',
    title: 'Declined, redirected and not contactable',
    description: 'Referrals received in the period that closed without support, by outcome.',
    chart: 'bar',
    rowHeader: 'Outcome',
    columns: [
      { key: 'referrals', label: 'Referrals', unit: 'count' },
      { key: 'share', label: '% of received', unit: 'percent' },
    ],
    rows: CLOSURE_STATUSES.map((s) => {
      const n = byStatus.get(s) ?? 0;
      return { key: s, label: STATUS_LABELS[s], values: { referrals: count(n), share: share(n) } };
    }),
    total: { key: 'total', label: 'Total', values: { referrals: count(closed), share: share(closed) } },
    notes: [],
  };

  const reasons: ExactTable = {
    id: 'flow-closure-reasons',
    title: 'Why referrals closed without support',
    description: 'The reason recorded when a referral was declined, redirected or closed as not contactable.',
    chart: 'bar',
    rowHeader: 'Outcome and reason',
    columns: closures.columns,
    rows: reasonRows,
    total: reasonRows.length
      ? { key: 'total', label: 'Total', values: { referrals: count(closed), share: share(closed) } }
      : null,
    notes: [],
  };

  return [funnel, closures, reasons];
};
