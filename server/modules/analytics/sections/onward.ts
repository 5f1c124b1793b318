import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { ONWARD_STATUS_LABELS, ONWARD_STATUSES } from '../../../../common/onward-referrals.js';
import { count, type ExactRow, type ExactTable, type SectionBuilder, statistic } from '../figures.js';
import { percent, rollupSource } from './rollup-filters.js';
import { teamGroupsTable } from './team-groups.js';

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

/** An organisation's tally, or (id null) the sum of every organisation not shown by name. */
interface OrganisationRow extends OrganisationTally {
  id: string | null;
  /** The ICB's directory (or VCS) organisation's name; null when it is no longer there. */
  name: string | null;
  /** How many organisations the row sums (1 for one shown by name). */
  organisations: number;
}

function organisationTable(rows: OrganisationRow[]): ExactTable {
  // The organisations that were sent the most, by name; the rest as one row. A PCN refers to
  // hundreds of organisations in a year and an ICB to over a thousand: a table (and a chart) of
  // them all says less than the leaders and the rest. Each organisation's own figures are on its
  // impact page.
  const leaders = rows.filter((r) => r.id !== null);
  const rest = rows.find((r) => r.id === null);
  const ordered = leaders
    .map((r) => ({
      id: r.id as string,
      t: r,
      name: r.name ?? 'Organisation no longer in the directory',
    }))
    .sort((a, b) => b.t.sent - a.t.sent || a.name.localeCompare(b.name));
  if (rest) {
    ordered.push({ id: 'other', t: rest, name: `Other organisations (${rest.organisations.toLocaleString('en-GB')})` });
  }
  const sentTo = rest
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
  const where = sql`measure = 'onward' AND ${from.where}`;
  // Per organisation (value '<id>', '<id>:accepted' or '<id>:attended') summed and ranked by
  // PostgreSQL: the leaders by name and one row for the others, not a row per organisation
  // (an ICB refers to over a thousand), sent to the app. Every read at once, in one round: under
  // a room of dashboards each round trip waits its turn again.
  const leader = sql`CASE WHEN l.id ~* '^[0-9a-f-]{36}$' THEN l.id::uuid END`;
  const [statuses, organisations, groups] = await Promise.all([
    db.execute<Rollup & Record<string, unknown>>(sql`
      SELECT dimension, value, sum(n)::int AS n FROM ${from.table}
      WHERE dimension = 'status' AND ${where} GROUP BY dimension, value`),
    db.execute<OrganisationRow & Record<string, unknown>>(sql`
      WITH tallies AS (
        SELECT split_part(value, ':', 1) AS id,
               coalesce(sum(n) FILTER (WHERE strpos(value, ':') = 0), 0)::int AS sent,
               coalesce(sum(n) FILTER (WHERE split_part(value, ':', 2) = 'accepted'), 0)::int AS accepted,
               coalesce(sum(n) FILTER (WHERE split_part(value, ':', 2) = 'attended'), 0)::int AS attended
          FROM ${from.table} WHERE dimension = 'organisation' AND ${where}
         GROUP BY 1),
      ranked AS (SELECT *, row_number() OVER (ORDER BY sent DESC, id COLLATE "C") AS rank FROM tallies),
      leaders AS (
        SELECT CASE WHEN rank <= ${ORGANISATIONS_SHOWN} THEN id END AS id, sum(sent)::int AS sent,
               sum(accepted)::int AS accepted, sum(attended)::int AS attended, count(*)::int AS organisations
          FROM ranked GROUP BY 1)
      SELECT l.*, coalesce(d.name, v.name) AS name
        FROM leaders l
        LEFT JOIN directory_organizations d ON d.icb_id = ${f.icbId}::uuid AND d.id = ${leader}
        LEFT JOIN vcs_organisations v ON v.icb_id = ${f.icbId}::uuid AND v.id = ${leader}`),
    teamGroupsTable(db, f),
  ]);
  return [statusTable(statuses.rows), organisationTable(organisations.rows), groups];
};
