import { sql } from 'drizzle-orm';
import type { FigureColumn } from '../../../../common/analytics.js';
import { count, type ExactRow, type ExactTable, type ResolvedFilters, type SectionBuilder } from '../figures.js';
import { uuidArray } from './rollup-filters.js';

// The groups the teams run themselves (issue 16, point 5: attendance "in analytics"): sessions
// whose register was taken in the period, attendances of people with a case, the different
// people among them, and the others counted without names. Read live, not from a rollup: a
// team's own groups meet weekly, so even a whole ICB's are a few thousand sessions a year. One
// PCN: a row per group; several: a row per PCN. Counts go through the same disclosure control as
// every figure (small numbers suppressed outside the team's own PCN).

const COLUMNS: FigureColumn[] = [
  { key: 'sessions', label: 'Sessions held', unit: 'count' },
  { key: 'attendances', label: 'Attendances of people with a case', unit: 'count' },
  { key: 'people', label: 'Different people with a case', unit: 'count' },
  { key: 'others', label: 'Attendances of others', unit: 'count' },
];

interface Tally {
  key: string;
  label: string;
  sessions: number;
  attendances: number;
  people: number;
  others: number;
}

const values = (t: Omit<Tally, 'key' | 'label'>): ExactRow['values'] => ({
  sessions: count(t.sessions),
  attendances: count(t.attendances),
  people: count(t.people),
  others: count(t.others),
});

async function tallies(db: Parameters<SectionBuilder>[0], f: ResolvedFilters, byGroup: boolean) {
  const key = byGroup ? sql`h.group_id` : sql`h.pcn_id`;
  const names = byGroup ? sql`team_groups` : sql`pcns`;
  const { rows } = await db.execute<Tally & Record<string, unknown>>(sql`
    WITH held AS (
      SELECT s.id, s.group_id, s.pcn_id, s.others_count
        FROM team_group_sessions s
       WHERE s.pcn_id = ANY(${uuidArray(f.pcnIds)})
         AND s.register_taken_at IS NOT NULL
         AND s.starts_at >= (${f.fromMonth}::date)::timestamp AT TIME ZONE 'Europe/London'
         AND s.starts_at < ((${f.toMonth}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')),
    sessions AS (
      SELECT ${key} AS k, count(*)::int AS sessions, sum(h.others_count)::int AS others FROM held h GROUP BY 1),
    attended AS (
      SELECT ${key} AS k, count(*)::int AS attendances, count(DISTINCT a.person_id)::int AS people
        FROM held h JOIN team_group_attendance a ON a.session_id = h.id GROUP BY 1)
    SELECT s.k::text AS key, n.name AS label, s.sessions, coalesce(t.attendances, 0) AS attendances,
           coalesce(t.people, 0) AS people, s.others
      FROM sessions s
      JOIN ${names} n ON n.id = s.k
      LEFT JOIN attended t ON t.k = s.k
     ORDER BY n.name`);
  return rows;
}

export async function teamGroupsTable(db: Parameters<SectionBuilder>[0], f: ResolvedFilters): Promise<ExactTable> {
  const byGroup = f.pcnIds.length === 1;
  const rows = await tallies(db, f, byGroup);
  const total = rows.reduce(
    (s, r) => ({
      sessions: s.sessions + r.sessions,
      attendances: s.attendances + r.attendances,
      people: s.people + r.people,
      others: s.others + r.others,
    }),
    { sessions: 0, attendances: 0, people: 0, others: 0 },
  );
  const notes: string[] = [];
  if (rows.length === 0) notes.push('No register of a group the team runs was taken in this period.');
  if (f.role || f.practiceId)
    notes.push('Groups are the whole team’s: the role and practice filters do not apply to them.');
  if (rows.length > 1) notes.push('The total of different people counts a person once per row they appear in.');
  return {
    id: 'team-groups',
    title: 'Groups the team runs',
    description: byGroup
      ? 'The groups and activities the team runs itself (such as a weekly walk), with the sessions whose register was taken in the period.'
      : 'The groups and activities each PCN’s team runs itself, with the sessions whose register was taken in the period.',
    chart: 'bar',
    rowHeader: byGroup ? 'Group' : 'Primary care network',
    columns: COLUMNS,
    rows: rows.map((r) => ({ key: r.key, label: r.label, values: values(r) })),
    total: rows.length ? { key: 'total', label: 'Total', values: values(total) } : null,
    notes,
  };
}
