import { Link, useLocation } from 'react-router';
import type { StaffMember } from '../../../../common/api-types';
import { hasPermission, useSignedInMe } from '../../../app/session';
import { usePageTitle } from '../../../app/use-page-title';
import { formatFte, orNotSet } from '../../../ui/format';
import { NotificationBanner } from '../../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { TableScroll } from '../../../ui/TableScroll';
import { Tag } from '../../../ui/Tag';
import { useUsers } from './users-api';

function byOrganisationThenName(a: StaffMember, b: StaffMember): number {
  return a.organisation.name.localeCompare(b.organisation.name) || a.name.localeCompare(b.name);
}

export function UsersPage() {
  usePageTitle('Users');
  const me = useSignedInMe();
  const canManage = hasPermission(me, 'user.manage');
  const { data: users, error, isPending } = useUsers();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  if (error) return <ServiceProblem error={error} />;

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>Users</h1>
      <p>
        Everyone who can sign in to Waymark in your ICB: practice staff, PCN social prescribing teams, voluntary sector
        partners, commissioners and administrators.
      </p>
      {canManage && (
        <Link className="nhsuk-button" to="/admin/users/new" draggable={false}>
          Add a user
        </Link>
      )}
      {isPending ? (
        <Loading what="users" />
      ) : (
        <TableScroll label="Users">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">
              {users.length} {users.length === 1 ? 'user' : 'users'}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Name
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Role and organisation
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Band
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  FTE
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Capacity
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Status
                </th>
                {canManage && (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {[...users].sort(byOrganisationThenName).map((user) => (
                <tr className="nhsuk-table__row" key={user.id}>
                  <th scope="row" className="nhsuk-table__header waymark-table__row-header">
                    {user.name}
                    <span className="waymark-secondary-text waymark-break">{user.email}</span>
                  </th>
                  <td className="nhsuk-table__cell">
                    {user.roleLabel}
                    <span className="waymark-secondary-text">{user.organisation.name}</span>
                  </td>
                  <td className="nhsuk-table__cell">{user.band ?? '–'}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {user.fte === null ? '–' : formatFte(user.fte)}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {user.caseloadCapacity === null ? '–' : orNotSet(user.caseloadCapacity)}
                  </td>
                  <td className="nhsuk-table__cell">
                    {user.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
                    {user.secondFactorEnabled && <span className="waymark-secondary-text">Two-factor on</span>}
                  </td>
                  {canManage && (
                    <td className="nhsuk-table__cell">
                      <Link to={`/admin/users/${user.id}`}>
                        Change<span className="nhsuk-u-visually-hidden"> {user.name}</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
