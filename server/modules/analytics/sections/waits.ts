import { sql } from 'drizzle-orm';
import { PRIORITIES } from '../../../../common/referrals.js';
import { count, type ExactRow, type ExactTable, type SectionBuilder, statistic } from '../figures.js';
import { monthLabel, monthsInPeriod } from './months.js';
import { pcnsOf } from './reference.js';
import { percent, type RollupSource, readsIcbSlices, rollupSource } from './rollup-filters.js';

// Waits from referral received to first contact, in working days (issue 13), from the
// analytics_waits histogram (month = month received; only referrals with a first contact).
// Median and 90th centile use the nearest-rank method over the histogram: the smallest wait
// that at least half (nine in ten) of the referrals did not exceed. "Within target" is the
// rollup's `met`: first contact on or before the due date the PCN's target for the priority
// set at triage. Every statistic names the referrals it is built on as its base.

interface Bucket {
  days: number;
  met: boolean;
  n: number;
}

/** The smallest wait at or below which at least `share` of the referrals fall (nearest rank). */
export function centile(buckets: readonly Bucket[], share: number): number | null {
  const total = buckets.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(share * total);
  let seen = 0;
  for (const b of [...buckets].sort((x, y) => x.days - y.days)) {
    seen += b.n;
    if (seen >= rank) return b.days;
  }
  return null;
}

// The waits first: a chart draws the leading columns of one unit, and what a waits chart shows
// is the median and 90th centile, not how many referrals they are built on.
const COLUMNS = [
  { key: 'median', label: 'Median (working days)', unit: 'days' },
  { key: 'p90', label: '90th centile (working days)', unit: 'days' },
  { key: 'met', label: '% within target', unit: 'percent' },
  { key: 'referrals', label: 'Referrals with a first contact', unit: 'count' },
] as const;

function waitRow(key: string, label: string, buckets: readonly Bucket[]): ExactRow {
  const n = buckets.reduce((s, b) => s + b.n, 0);
  const met = buckets.reduce((s, b) => s + (b.met ? b.n : 0), 0);
  return {
    key,
    label,
    values: {
      referrals: count(n),
      median: statistic(centile(buckets, 0.5), n),
      p90: statistic(centile(buckets, 0.9), n),
      met: statistic(percent(met, n), n),
    },
  };
}

const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};

type WaitRow = { by: 'month' | 'pcn' | 'priority' | 'all'; key: string; days: number; met: boolean; n: number };

/** The histogram of the period by month, by priority and over all (GROUPING SETS), and by PCN when asked. */
function histograms(from: RollupSource, withPcns: boolean) {
  const byPcn = withPcns ? sql`(pcn_id), ` : sql``;
  return sql`
    SELECT CASE WHEN grouping(month) = 0 THEN 'month' ${withPcns ? sql`WHEN grouping(pcn_id) = 0 THEN 'pcn'` : sql``}
                WHEN grouping(priority) = 0 THEN 'priority' ELSE 'all' END AS by,
           coalesce(to_char(month, 'YYYY-MM'), ${withPcns ? sql`pcn_id::text, ` : sql``}priority, 'all') AS key,
           working_days AS days, met, sum(n)::int AS n
    FROM ${from.table} WHERE ${from.where}
    GROUP BY working_days, met, GROUPING SETS ((month), ${byPcn}(priority), ())`;
}

export const waitsSection: SectionBuilder = async (db, f) => {
  // Each (by, key) group has one bucket per (days, met). Over a whole ICB the months, priorities
  // and the whole period come from the ICB's slice (a thirtieth of the rows), and only the table
  // by PCN reads the PCNs' slices; otherwise one query gives all four.
  const overIcb = readsIcbSlices(f);
  const byPcn = rollupSource('waits', { ...f, wholeIcb: false });
  const [{ rows }, pcnHistograms, pcnRows] = await Promise.all([
    db.execute<WaitRow>(histograms(rollupSource('waits', f), !overIcb)),
    overIcb
      ? db.execute<WaitRow>(sql`
          SELECT 'pcn' AS by, pcn_id::text AS key, working_days AS days, met, sum(n)::int AS n
          FROM ${byPcn.table} WHERE ${byPcn.where}
          GROUP BY pcn_id, working_days, met`)
      : null,
    pcnsOf(db, f),
  ]);
  if (pcnHistograms) rows.push(...pcnHistograms.rows);
  const groups = new Map<string, Bucket[]>();
  for (const r of rows) {
    const k = `${r.by}:${r.key}`;
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  const bucketsOf = (by: string, key: string) => groups.get(`${by}:${key}`) ?? [];
  const total = waitRow('total', 'Whole period', bucketsOf('all', 'all'));
  const table = (id: string, title: string, description: string, rowHeader: string, tableRows: ExactRow[]) =>
    ({
      id,
      title,
      description,
      chart: 'bar',
      rowHeader,
      columns: [...COLUMNS],
      rows: tableRows,
      total,
      notes: [
        'Working days exclude weekends and bank holidays in England. Waits are counted for referrals with a first contact.',
      ],
    }) satisfies ExactTable;

  return [
    {
      ...table(
        'waits-by-month',
        'Waits to first contact per month',
        'Working days from referral received to first contact, for referrals received in each month.',
        'Month',
        monthsInPeriod(f).map((m) => waitRow(m, monthLabel(m), bucketsOf('month', m))),
      ),
      chart: 'line',
    },
    table(
      'waits-by-pcn',
      'Waits to first contact by PCN',
      "Working days from referral received to first contact in each PCN, and the share within the PCN's target.",
      'PCN',
      pcnRows.map((p) => waitRow(p.id, p.name, bucketsOf('pcn', p.id))),
    ),
    table(
      'waits-by-priority',
      'Waits to first contact by priority',
      'Working days from referral received to first contact by the priority set at triage.',
      'Priority',
      PRIORITIES.map((p) => waitRow(p, PRIORITY_LABELS[p], bucketsOf('priority', p))),
    ),
  ];
};
