import { Link } from 'react-router';
import { formatMinutes, type VolunteerSummary } from '../../../common/volunteers';
import { hasPermission, useSignedInMe } from '../../app/session';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate } from '../referrals/referral-format';
import { useVolunteers } from './volunteers-api';

const COLUMNS: DataColumn<VolunteerSummary>[] = [
  { header: 'Name', cell: (v) => <Link to={`/volunteers/${v.id}`}>{v.name}</Link> },
  { header: 'Role', cell: (v) => v.roleLabel },
  {
    header: 'Status',
    cell: (v) =>
      v.status === 'ended' ? (
        <Tag colour="grey">Ended {v.endedOn ? formatDate(v.endedOn) : ''}</Tag>
      ) : v.expiredChecks > 0 ? (
        <Tag colour="red">{v.expiredChecks === 1 ? 'A check has expired' : `${v.expiredChecks} checks expired`}</Tag>
      ) : (
        <Tag colour="green">Active</Tag>
      ),
  },
  { header: 'Befriending', numeric: true, headerNote: 'people they befriend now', cell: (v) => v.openBefriending },
  { header: 'Hours (last 90 days)', cell: (v) => formatMinutes(v.minutesLast90Days) },
];

/** The PCN's volunteers and community champions. Opening the list is audited (it names them). */
export function VolunteersPage() {
  usePageTitle('Volunteers and community champions');
  const me = useSignedInMe();
  const { data, error, isPending } = useVolunteers();
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Volunteers and community champions</h1>
      <p>
        People who give their time to your team: befrienders, group helpers and community champions. They are not staff
        and do not sign in. Only your PCN's team sees their details, and every look at them is recorded.
      </p>
      {hasPermission(me, 'volunteer.manage') && (
        <p>
          <Link className="nhsuk-button" to="/volunteers/new" draggable={false}>
            Record a volunteer
          </Link>
        </p>
      )}
      {isPending ? (
        <Loading what="the volunteers" />
      ) : data.length === 0 ? (
        <p>Your team has no volunteers recorded yet.</p>
      ) : (
        <DataTable caption="Your team's volunteers" columns={COLUMNS} rows={data} rowKey={(v) => v.id} />
      )}
    </>
  );
}
