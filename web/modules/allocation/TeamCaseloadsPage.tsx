import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen } from '../referrals/referral-format';
import '../triage/triage.css';
import { TEAM_CASELOADS_KEY, type TeamCaseloadMember, useTeamCaseloads } from './caseload-api';

const REFRESH_ON = new Set(['referral.changed', LIVE_CONNECTED]);

type MemberCase = TeamCaseloadMember['cases'][number];

const CASE_COLUMNS: DataColumn<MemberCase>[] = [
  {
    header: 'Person',
    cell: (c) => (
      <>
        <Link to={`/referrals/${c.id}/case`}>
          {c.person.givenName} {c.person.familyName}
        </Link>
        {c.cover?.kind === 'covering' && (
          <span className="waymark-block">
            <Tag colour="purple">Cover for {c.cover.worker.name}</Tag>
          </span>
        )}
        {c.cover?.kind === 'covered' && (
          <span className="waymark-block">
            <Tag colour="grey">Covered by {c.cover.worker.name}</Tag>
          </span>
        )}
      </>
    ),
  },
  { header: 'Status', cell: (c) => c.statusLabel },
  { header: 'First contact', cell: (c) => <FirstContact c={c} /> },
];

function Load({ member }: { member: TeamCaseloadMember }) {
  const { workingCases: n, capacity } = member;
  if (n > capacity) return <Tag colour="red">Over capacity</Tag>;
  if (n === capacity && capacity > 0) return <Tag colour="orange">Full</Tag>;
  return <Tag colour="green">{capacity - n} free</Tag>;
}

function FirstContact({ c }: { c: TeamCaseloadMember['cases'][number] }) {
  switch (c.firstContactDue) {
    case 'made':
      return <>Made</>;
    case 'overdue':
      return (
        <>
          <Tag colour="red">Overdue</Tag>
          <span className="waymark-secondary-text">Was due {formatWhen(c.firstContactDueAt as string)}</span>
        </>
      );
    case 'due_today':
      return <Tag colour="orange">Due today</Tag>;
    case 'upcoming':
      return <>By {formatWhen(c.firstContactDueAt as string)}</>;
    default:
      return <>No target set</>;
  }
}

/** The team lead's view of every caseload in the team against capacity × FTE. */
export function TeamCaseloadsPage() {
  usePageTitle('Team caseloads');
  const queryClient = useQueryClient();
  const { data, error, isPending } = useTeamCaseloads();
  useLiveEvents((event) => {
    if (REFRESH_ON.has(event.type)) void queryClient.invalidateQueries({ queryKey: TEAM_CASELOADS_KEY });
  });
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Team caseloads</h1>
      <p>
        Each team member’s open cases against their capacity: caseload capacity × FTE. Cases a colleague covers are
        counted with the person covering them.
      </p>
      {isPending ? (
        <Loading what="the team’s caseloads" />
      ) : data.members.length === 0 ? (
        <p>There is nobody with a caseload in your team.</p>
      ) : (
        data.members.map((m) => (
          <section key={m.id} aria-labelledby={`member-${m.id}`} className="nhsuk-u-margin-bottom-6">
            <h2 id={`member-${m.id}`} className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
              {m.name}
              <span className="nhsuk-caption-m">{m.roleLabel}</span>
            </h2>
            <p className="nhsuk-u-margin-bottom-2">
              <strong>
                {m.workingCases} of {m.capacity}
              </strong>{' '}
              open cases <Load member={m} />
              <span className="waymark-secondary-text">
                Capacity {m.caseloadCapacity ?? 0} × {m.fte ?? 0} FTE = {m.capacity}
                {m.onLeaveUntil ? ` · On leave until ${formatDate(m.onLeaveUntil)}` : ''}
              </span>
            </p>
            {m.cases.length === 0 ? (
              <p className="nhsuk-body-s">No open cases.</p>
            ) : (
              <TableScroll label={`Cases of ${m.name}`}>
                <DataTable
                  caption={`Open cases of ${m.name}`}
                  captionHidden
                  className="nhsuk-u-margin-bottom-2"
                  columns={CASE_COLUMNS}
                  rows={m.cases}
                  rowKey={(c) => c.id}
                />
              </TableScroll>
            )}
          </section>
        ))
      )}
    </>
  );
}
