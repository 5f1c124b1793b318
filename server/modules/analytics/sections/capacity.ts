import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { ROLE_LABELS, TEAM_ROLES, type TeamRole } from '../../../../common/roles.js';
import {
  count,
  type ExactRow,
  type ExactTable,
  type ResolvedFilters,
  type SectionBuilder,
  statistic,
} from '../figures.js';
import { pcnsOf } from './reference.js';
import { addUp, daysInPeriod, percent, round1, uuidArray } from './rollup-filters.js';

// Capacity and utilisation (issue 13): the caseload each worker holds now against the capacity
// set for them, and the contacts of the period per whole-time equivalent. Caseloads are read live
// (a worker's open referrals, by referrals_worker_idx: a few hundred rows at most); contacts come
// from the analytics_contacts rollup. Workers serve their whole PCN, so a practice filter does not
// narrow these figures. Names appear only for a team lead's own team (filters.ownTeam).

const OPEN_STATUSES = sql`('allocated', 'first_contact', 'active')`;

interface Worker {
  id: string;
  name: string;
  role: TeamRole;
  pcnId: string;
  pcnName: string;
  fte: number;
  capacity: number;
  openCases: number;
}

interface Contacts {
  workerId: string;
  role: string;
  pcnId: string;
  attended: number;
  dna: number;
}

/** What one row adds up. */
interface Tally {
  workers: number;
  fte: number;
  capacity: number;
  openCases: number;
  attended: number;
  dna: number;
}

const COLUMNS: FigureColumn[] = [
  { key: 'workers', label: 'Workers', unit: 'count' },
  { key: 'wte', label: 'Whole-time equivalent (WTE)', unit: 'score' },
  { key: 'capacity', label: 'Caseload capacity', unit: 'count' },
  { key: 'openCases', label: 'Open cases now', unit: 'count' },
  { key: 'utilisation', label: 'Caseload against capacity (%)', unit: 'percent' },
  { key: 'casesPerWte', label: 'Open cases per WTE', unit: 'score' },
  { key: 'contacts', label: 'Contacts attended', unit: 'count' },
  { key: 'contactsPerWteWeek', label: 'Contacts per WTE per week', unit: 'score' },
  { key: 'dnaRate', label: 'Did not attend (%)', unit: 'percent' },
];

const empty = (): Tally => ({ workers: 0, fte: 0, capacity: 0, openCases: 0, attended: 0, dna: 0 });

/** A derived figure is built on the fewest records behind it (ignoring a zero count, shown as 0). */
function baseOf(...counts: number[]): number {
  const positive = counts.filter((c) => c > 0);
  return positive.length ? Math.min(...positive) : 0;
}

function values(t: Tally, weeks: number): ExactRow['values'] {
  const booked = t.attended + t.dna;
  return {
    workers: count(t.workers),
    wte: statistic(Math.round(t.fte * 100) / 100, t.workers),
    capacity: statistic(t.capacity, t.workers),
    openCases: count(t.openCases),
    utilisation: statistic(percent(t.openCases, t.capacity), t.capacity === 0 ? 0 : baseOf(t.openCases, t.workers)),
    casesPerWte: statistic(t.fte === 0 ? null : round1(t.openCases / t.fte), baseOf(t.openCases, t.workers)),
    contacts: count(t.attended),
    contactsPerWteWeek: statistic(
      t.fte === 0 ? null : round1(t.attended / t.fte / weeks),
      t.workers === 0 ? 0 : baseOf(t.attended, t.workers),
    ),
    dnaRate: statistic(percent(t.dna, booked), booked),
  };
}

function tallyBy(
  workers: Worker[],
  contacts: Contacts[],
  keyOfWorker: (w: Worker) => string,
  keyOfContacts: (c: Contacts) => string,
) {
  const tallies = new Map<string, Tally>();
  const at = (key: string) => tallies.get(key) ?? (tallies.set(key, empty()).get(key) as Tally);
  for (const w of workers) {
    const t = at(keyOfWorker(w));
    t.workers += 1;
    t.fte += w.fte;
    t.capacity += w.capacity;
    t.openCases += w.openCases;
  }
  for (const c of contacts) {
    const t = at(keyOfContacts(c));
    t.attended += c.attended;
    t.dna += c.dna;
  }
  return tallies;
}

const NOTES = [
  'Open cases and capacity are as they stand now; contacts are those of the period.',
  'WTE and capacity are those of the workers in post now. Workers serve their whole PCN: a practice filter does not narrow these figures.',
  'Did not attend: contacts marked "did not attend" out of those attended or missed (cancelled contacts are left out).',
];

function table(
  id: string,
  title: string,
  rowHeader: string,
  rows: { key: string; label: string; tally: Tally }[],
  weeks: number,
  columns = COLUMNS,
): ExactTable {
  const keep = (v: ExactRow['values']) => Object.fromEntries(columns.map((c) => [c.key, v[c.key] ?? '']));
  return {
    id,
    title,
    description:
      'Each worker’s open cases (allocated, first contact made or active) against their caseload capacity, ' +
      'and attended contacts per whole-time equivalent per week over the period.',
    chart: 'bar',
    rowHeader,
    columns,
    rows: rows.map((r) => ({ key: r.key, label: r.label, values: keep(values(r.tally, weeks)) })),
    total: rows.length
      ? {
          key: 'total',
          label: 'Total',
          values: keep(
            values(
              addUp(
                rows.map((r) => r.tally),
                empty,
              ),
              weeks,
            ),
          ),
        }
      : null,
    notes: NOTES,
  };
}

async function teamWorkers(db: Parameters<SectionBuilder>[0], f: ResolvedFilters): Promise<Worker[]> {
  const roles = f.role ? [f.role] : [...TEAM_ROLES];
  const { rows } = await db.execute<Worker & Record<string, unknown>>(sql`
    SELECT u.id, u.name, u.role, u.pcn_id AS "pcnId", p.name AS "pcnName",
      coalesce(u.fte, 0)::float8 AS fte, coalesce(u.caseload_capacity, 0)::int AS capacity,
      (SELECT count(*) FROM referrals r
        WHERE r.allocated_worker_id = u.id AND r.status IN ${OPEN_STATUSES})::int AS "openCases"
    FROM users u JOIN pcns p ON p.id = u.pcn_id
    WHERE u.pcn_id = ANY(${uuidArray(f.pcnIds)}) AND u.active
      AND u.role = ANY(${`{${roles.join(',')}}`}::text[])
    ORDER BY p.name, u.name, u.id`);
  return rows;
}

async function periodContacts(db: Parameters<SectionBuilder>[0], f: ResolvedFilters): Promise<Contacts[]> {
  const { rows } = await db.execute<Contacts & Record<string, unknown>>(sql`
    SELECT worker_id AS "workerId", role, pcn_id AS "pcnId",
      coalesce(sum(n) FILTER (WHERE outcome = 'attended'), 0)::int AS attended,
      coalesce(sum(n) FILTER (WHERE outcome = 'did_not_attend'), 0)::int AS dna
    FROM ${sql.raw(f.readDetail ? 'analytics_contacts' : 'analytics_contact_slices')}
    WHERE pcn_id = ANY(${uuidArray(f.pcnIds)})
      AND month BETWEEN ${f.fromMonth}::date AND ${f.toMonth}::date
      AND ${f.role ? sql`role = ${f.role}` : sql`true`}
    GROUP BY worker_id, role, pcn_id`);
  return rows;
}

export const buildCapacity: SectionBuilder = async (db, f) => {
  const [workers, contacts, pcnRows] = await Promise.all([teamWorkers(db, f), periodContacts(db, f), pcnsOf(db, f)]);
  const weeks = daysInPeriod(f.fromMonth, f.toMonth) / 7;

  const byRole = tallyBy(
    workers,
    contacts,
    (w) => w.role,
    (c) => c.role,
  );
  const roleRows = TEAM_ROLES.filter((r) => byRole.has(r)).map((r) => ({
    key: r,
    label: ROLE_LABELS[r],
    tally: byRole.get(r) as Tally,
  }));

  const pcnNames = new Map(workers.map((w) => [w.pcnId, w.pcnName]));
  for (const p of pcnRows) pcnNames.set(p.id, p.name);
  const byPcn = tallyBy(
    workers,
    contacts,
    (w) => w.pcnId,
    (c) => c.pcnId,
  );
  const pcnTableRows = pcnRows
    .filter((p) => byPcn.has(p.id))
    .map((p) => ({ key: p.id, label: p.name, tally: byPcn.get(p.id) as Tally }));

  const tables = [
    table('capacity-by-role', 'Caseload and contacts by role', 'Role', roleRows, weeks),
    table('capacity-by-pcn', 'Caseload and contacts by PCN', 'PCN', pcnTableRows, weeks),
  ];
  if (f.ownTeam) {
    // Per-worker figures by name: only a team lead's own team ever gets these.
    const byWorker = tallyBy(
      workers,
      contacts.filter((c) => workers.some((w) => w.id === c.workerId)),
      (w) => w.id,
      (c) => c.workerId,
    );
    const workerRows = workers.map((w) => ({ key: w.id, label: w.name, tally: byWorker.get(w.id) as Tally }));
    tables.push(
      table(
        'capacity-by-worker',
        'Caseload and contacts by worker',
        'Worker',
        workerRows,
        weeks,
        COLUMNS.filter((c) => c.key !== 'workers'),
      ),
    );
  }
  return tables;
};
