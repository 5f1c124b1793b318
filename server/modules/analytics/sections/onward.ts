import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { ONWARD_STATUS_LABELS, ONWARD_STATUSES } from '../../../../common/onward-referrals.js';
import { count, type ExactRow, type ExactTable, type SectionBuilder, statistic } from '../figures.js';
import { percent, rollupSource, uuidArray } from './rollup-filters.js';

// Onward referrals and the value of community organisations (issue 13), from the closed loop
// when it is in use: the analytics_counts rollup, measure 'onward', month = month sent.
// - dimension 'status', value = the onward referral's status now (ONWARD_STATUSES);
// - dimension 'organisation', value = '<directory organisation id>' (all sent to it),
//   '<id>:accepted' (taken on by it) and '<id>:attended' (attended at least once).
// Organisation names are not personal data; they come from the ICB's directory (or, failing
// that, its VCS organisations).

/** Organisations shown by name; the others are summed in one row. */
export const ORGANISATIONS_SHOWN = 20;

const EMPTY_NOTE =
  'No onward referrals are recorded for this period yet (they appear once teams refer people on through Waymark).';

interface Rollup {
  dimension: string;
  value: string;
  n: number;
}

function statusTable(rows: Rollup[]): ExactTable {
  const byStatus = new Map(rows.filter((r) => r.dimension === 'status').map((r) => [r.value, r.n]));
  const tableRows: ExactRow[] = ONWARD_STATUSES.filter((s) => byStatus.has(s)).map((s) => ({
    key: s,
    label: ONWARD_STATUS_LABELS[s],
    values: { n: count(byStatus.get(s) ?? 0) },
  }));
  const total = tableRows.reduce((s, r) => s + (byStatus.get(r.key) ?? 0), 0);
  return {
    id: 'onward-by-status',
    title: 'Onward referrals and signposts by status',
    description: 'People referred or signposted on to community organisations in the period, by where each stands now.',
    chart: 'bar',
    rowHeader: 'Status',
    columns: [{ key: 'n', label: 'Onward referrals', unit: 'count' }],
    rows: tableRows,
    total: tableRows.length ? { key: 'total', label: 'Total', values: { n: count(total) } } : null,
    notes: tableRows.length ? [] : [EMPTY_NOTE],
  };
}

const ORGANISATION_COLUMNS: FigureColumn[] = [
  { key: 'sent', label: 'Onward referrals', unit: 'count' },
  { key: 'accepted', label: 'Accepted', unit: 'count' },
  { key: 'acceptedShare', label: 'Accepted (%)', unit: 'percent' },
  { key: 'attended', label: 'Attended', unit: 'count' },
  { key: 'attendedShare', label: 'Attended, of those accepted (%)', unit: 'percent' },
];

interface OrganisationTally {
  sent: number;
  accepted: number;
  attended: number;
}

const organisationValues = (t: OrganisationTally): ExactRow['values'] => ({
  sent: count(t.sent),
  accepted: count(t.accepted),
  acceptedShare: statistic(percent(t.accepted, t.sent), Math.min(t.accepted, t.sent) || t.sent),
  attended: count(t.attended),
  attendedShare: statistic(percent(t.attended, t.accepted), Math.min(t.attended, t.accepted) || t.accepted),
});

async function organisationNames(db: Parameters<SectionBuilder>[0], icbId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const { rows } = await db.execute<{ id: string; name: string }>(sql`
    SELECT id, name FROM directory_organizations WHERE icb_id = ${icbId}::uuid AND id = ANY(${uuidArray(ids)})
    UNION ALL
    SELECT id, name FROM vcs_organisations WHERE icb_id = ${icbId}::uuid AND id = ANY(${uuidArray(ids)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function organisationTable(
  db: Parameters<SectionBuilder>[0],
  icbId: string,
  rows: Rollup[],
): Promise<ExactTable> {
  const tallies = new Map<string, OrganisationTally>();
  for (const r of rows.filter((x) => x.dimension === 'organisation')) {
    const [id, fact] = r.value.split(':') as [string, string | undefined];
    const t = tallies.get(id) ?? { sent: 0, accepted: 0, attended: 0 };
    if (fact === undefined) t.sent += r.n;
    else if (fact === 'accepted') t.accepted += r.n;
    else if (fact === 'attended') t.attended += r.n;
    tallies.set(id, t);
  }
  // The organisations that were sent the most, by name; the rest as one row. A PCN refers to
  // hundreds of organisations in a year and an ICB to over a thousand: a table (and a chart) of
  // them all says less than the leaders and the rest. Each organisation's own figures are on its
  // impact page.
  const bySent = [...tallies.entries()].sort((a, b) => b[1].sent - a[1].sent || a[0].localeCompare(b[0]));
  const leaders = bySent.slice(0, ORGANISATIONS_SHOWN);
  const rest = bySent.slice(ORGANISATIONS_SHOWN);
  const ids = leaders.map(([id]) => id).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const names = await organisationNames(db, icbId, ids);
  const ordered = leaders
    .map(([id, t]) => ({ id, t, name: names.get(id) ?? 'Organisation no longer in the directory' }))
    .sort((a, b) => b.t.sent - a.t.sent || a.name.localeCompare(b.name));
  if (rest.length > 0) {
    const others = rest.reduce(
      (s, [, t]) => ({ sent: s.sent + t.sent, accepted: s.accepted + t.accepted, attended: s.attended + t.attended }),
      { sent: 0, accepted: 0, attended: 0 },
    );
    ordered.push({ id: 'other', t: others, name: `Other organisations (${rest.length.toLocaleString('en-GB')})` });
  }
  const sentTo =
    rest.length > 0
      ? `the ${ORGANISATIONS_SHOWN} organisations sent the most, and to all the others together`
      : 'each organisation';
  const total = ordered.reduce(
    (s, o) => ({ sent: s.sent + o.t.sent, accepted: s.accepted + o.t.accepted, attended: s.attended + o.t.attended }),
    { sent: 0, accepted: 0, attended: 0 },
  );
  return {
    id: 'onward-by-organisation',
    title: 'Onward referrals by community organisation',
    description: `Onward referrals sent in the period to ${sentTo}, how many were accepted, and how many of those people attended at least once.`,
    chart: 'bar',
    rowHeader: 'Organisation',
    columns: ORGANISATION_COLUMNS,
    rows: ordered.map((o) => ({ key: o.id, label: o.name, values: organisationValues(o.t) })),
    total: ordered.length ? { key: 'total', label: 'Total', values: organisationValues(total) } : null,
    notes: ordered.length ? [] : [EMPTY_NOTE],
  };
}

export const buildOnward: SectionBuilder = async (db, f) => {
  const from = rollupSource('counts', f);
  const { rows } = await db.execute<Rollup & Record<string, unknown>>(sql`
    SELECT dimension, value, sum(n)::int AS n FROM ${from.table}
    WHERE measure = 'onward' AND dimension IN ('status', 'organisation') AND ${from.where}
    GROUP BY dimension, value`);
  return [statusTable(rows), await organisationTable(db, f.icbId, rows)];
};
