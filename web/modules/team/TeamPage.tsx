import type { StaffMember } from '../../../common/api-types';
import { TEAM_ROLES } from '../../../common/roles';
import { formatBand, formatFte, orNotSet } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { usePageTitle } from '../../ui/use-page-title';
import { useTeam } from './team-api';

// Lead first, then the roles in the order the seed article describes them.
const ROLE_ORDER: readonly string[] = TEAM_ROLES;

function byRoleThenName(a: StaffMember, b: StaffMember): number {
  return ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name);
}

export function TeamPage() {
  usePageTitle('Your team');
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
      {isPending ? (
        <Loading what="the team" />
      ) : members.length === 0 ? (
        <p>There is nobody in this team yet.</p>
      ) : (
        <TableScroll label="Team members">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Team members, roles and caseload capacity</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Name
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Role
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Band
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  FTE
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Caseload capacity
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Capacity × FTE<span className="nhsuk-u-visually-hidden"> (open cases this person can carry)</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {members.map((m) => (
                <tr className="nhsuk-table__row" key={m.id}>
                  <th scope="row" className="nhsuk-table__header">
                    {m.name}
                  </th>
                  <td className="nhsuk-table__cell">{m.roleLabel}</td>
                  <td className="nhsuk-table__cell">{formatBand(m.band)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatFte(m.fte)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{orNotSet(m.caseloadCapacity)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{orNotSet(m.effectiveCapacity)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="nhsuk-table__row">
                <th scope="row" className="nhsuk-table__header" colSpan={3}>
                  Whole team
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  <strong>{formatFte(totalFte)}</strong>
                </td>
                <td className="nhsuk-table__cell" />
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  <strong>{totalCapacity}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </>
  );
}
