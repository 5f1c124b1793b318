import { Link } from 'react-router';
import type { StaffMember } from '../../../common/api-types';
import { TEAM_ROLES } from '../../../common/roles';
import { hasPermission, useSignedInMe } from '../../app/session';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { formatBand, formatFte, orNotSet } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { TeamDevelopmentTable } from './TeamDevelopmentTable';
import { useTeam } from './team-api';

// Lead first, then the roles in the order the seed article describes them.
const ROLE_ORDER: readonly string[] = TEAM_ROLES;

function byRoleThenName(a: StaffMember, b: StaffMember): number {
  return ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name);
}

const COLUMNS: DataColumn<StaffMember>[] = [
  { header: 'Name', cell: (m) => m.name },
  { header: 'Role', cell: (m) => m.roleLabel },
  { header: 'Band', cell: (m) => formatBand(m.band) },
  { header: 'FTE', numeric: true, cell: (m) => formatFte(m.fte) },
  { header: 'Caseload capacity', numeric: true, cell: (m) => orNotSet(m.caseloadCapacity) },
  {
    header: 'Capacity × FTE',
    headerNote: 'open cases this person can carry',
    numeric: true,
    cell: (m) => orNotSet(m.effectiveCapacity),
  },
];

export function TeamPage() {
  usePageTitle('Your team');
  const me = useSignedInMe();
  const manages = hasPermission(me, 'team.manage');
  const { data, error, isPending } = useTeam();
  if (error) return <ServiceProblem error={error} />;

  const members = data ? [...data.members].filter((m) => m.active).sort(byRoleThenName) : [];
  const totalFte = members.reduce((sum, m) => sum + (m.fte ?? 0), 0);
  const totalCapacity = members.reduce((sum, m) => sum + (m.effectiveCapacity ?? 0), 0);

  return (
    <>
      <h1>
        {data && <span className="nhsuk-caption-l">{data.pcn.name}</span>}
        Your social prescribing team
      </h1>
      <p>
        The team works for the whole primary care network: referrals from every practice come to one queue. Caseload
        capacity is scaled by each person's working hours (FTE).
      </p>
      <p>
        <Link to={`/team/members/${me.user.id}`}>Your profile, training and supervision</Link>
      </p>
      {isPending ? (
        <Loading what="the team" />
      ) : members.length === 0 ? (
        <p>There is nobody in this team yet.</p>
      ) : (
        <DataTable
          caption="Team members, roles and caseload capacity"
          columns={COLUMNS}
          rows={members}
          rowKey={(m) => m.id}
          totals={{
            label: 'Whole team',
            cells: { FTE: <strong>{formatFte(totalFte)}</strong>, 'Capacity × FTE': <strong>{totalCapacity}</strong> },
          }}
        />
      )}
      {manages && <TeamDevelopmentTable />}
    </>
  );
}
