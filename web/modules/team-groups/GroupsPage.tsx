import { Link } from 'react-router';
import type { GroupSummary } from '../../../common/team-groups';
import { hasPermission, useSignedInMe } from '../../app/session';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatWhen } from '../referrals/referral-format';
import { useGroups } from './team-groups-api';
import './team-groups.css';

const COLUMNS: DataColumn<GroupSummary>[] = [
  {
    header: 'Group',
    cell: (g) => (
      <>
        <Link to={`/groups/${g.id}`}>{g.name}</Link>
        {g.status === 'closed' && (
          <>
            {' '}
            <Tag colour="grey">Closed</Tag>
          </>
        )}
      </>
    ),
  },
  { header: 'When', cell: (g) => g.schedule },
  { header: 'Where', cell: (g) => g.venue },
  { header: 'Next session', cell: (g) => (g.nextSessionAt ? formatWhen(g.nextSessionAt) : 'None planned') },
  { header: 'Sessions held', headerNote: 'in the last 90 days', numeric: true, cell: (g) => g.sessionsHeld },
  {
    header: 'Attendances',
    headerNote: 'of people with cases, and others, in the last 90 days',
    cell: (g) => `${g.caseAttendances} with cases, ${g.otherAttendances} others`,
  },
  { header: 'In the directory', cell: (g) => (g.listing ? 'Listed' : <Tag colour="orange">Not listed</Tag>) },
];

/** The groups the team runs itself, with their attendance over the last 90 days (the lead's figures). */
export function GroupsPage() {
  usePageTitle('Groups your team runs');
  const me = useSignedInMe();
  const { data, error, isPending } = useGroups();
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Groups your team runs</h1>
      <p>
        Walking groups, coffee mornings and other activities run by your team and its volunteers. Take the register at
        each session: it shows on the case of each person with a case who came.
      </p>
      {hasPermission(me, 'group.manage') && (
        <p>
          <Link className="nhsuk-button" to="/groups/new" draggable={false}>
            Set up a group
          </Link>
        </p>
      )}
      {isPending ? (
        <Loading what="the groups" />
      ) : (
        <>
          <h2>In the last {data.windowDays} days</h2>
          <ul className="waymark-figures">
            <li>
              <strong>{data.totals.sessionsHeld}</strong> sessions held
            </li>
            <li>
              <strong>{data.totals.caseAttendances}</strong> attendances by people with cases
            </li>
            <li>
              <strong>{data.totals.peopleWithCases}</strong> different people with cases
            </li>
            <li>
              <strong>{data.totals.otherAttendances}</strong> attendances by others
            </li>
          </ul>
          <h2>Groups</h2>
          {data.groups.length === 0 ? (
            <p>Your team runs no groups yet.</p>
          ) : (
            <DataTable caption="Groups your team runs" columns={COLUMNS} rows={data.groups} rowKey={(g) => g.id} />
          )}
        </>
      )}
    </>
  );
}
