import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../app/api';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { NO_ERRORS } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate } from '../referrals/referral-format';
import '../triage/triage.css';
import { CoverActions } from './CoverActions';
import { RecordLeaveForm } from './RecordLeaveForm';
import {
  cancelLeave,
  endCover,
  LEAVE_KEY,
  type LeaveItem,
  startCover,
  useLeave,
  useWorkload,
  WORKLOAD_KEY,
  type WorkloadMember,
} from './workforce-api';
import { cases } from './workforce-format';

/** Who is on the team today, how loaded, and who covers whom; the last column is the lead's actions. */
function teamColumns(canManage: boolean, actions: (m: WorkloadMember) => ReactNode): DataColumn<WorkloadMember>[] {
  const columns: DataColumn<WorkloadMember>[] = [
    {
      header: 'Name',
      cell: (m) => (
        <>
          {m.name}
          <span className="waymark-secondary-text">{m.roleLabel}</span>
        </>
      ),
    },
    {
      header: 'Today',
      cell: (m) =>
        m.onLeaveUntil ? (
          <>
            <Tag colour="orange">On leave</Tag>
            <span className="waymark-secondary-text">Until {formatDate(m.onLeaveUntil)}</span>
          </>
        ) : (
          <Tag colour="green">At work</Tag>
        ),
    },
    {
      header: 'Open cases',
      cell: (m) => (
        <>
          {m.workingCases} of {m.capacity}
          {m.coveredBy.length > 0 && (
            <span className="waymark-secondary-text">{cases(m.ownCases)} allocated to them</span>
          )}
        </>
      ),
    },
    {
      header: 'Cover',
      cell: (m) => (
        <>
          {m.coveredBy.map((c) => (
            <span className="waymark-block" key={c.id}>
              {cases(c.count)} covered by {c.name}
            </span>
          ))}
          {m.coveringFor.map((c) => (
            <span className="waymark-block" key={c.id}>
              Covering {cases(c.count)} for {c.name}
            </span>
          ))}
          {m.onLeaveUntil && m.ownCases > m.coveredBy.reduce((n, c) => n + c.count, 0) && (
            <span className="waymark-block">
              <Tag colour="red">Cases not covered</Tag>
            </span>
          )}
          {m.coveredBy.length === 0 && m.coveringFor.length === 0 && !m.onLeaveUntil && '–'}
        </>
      ),
    },
  ];
  return canManage ? [...columns, { header: 'Actions', hiddenHeader: true, cell: actions }] : columns;
}

function leaveColumns(canManage: boolean, actions: (l: LeaveItem) => ReactNode): DataColumn<LeaveItem>[] {
  const columns: DataColumn<LeaveItem>[] = [
    {
      header: 'Name',
      cell: (l) => (
        <>
          {l.name}
          {l.current && (
            <span className="waymark-block">
              <Tag colour="orange">Away now</Tag>
            </span>
          )}
        </>
      ),
    },
    { header: 'From', cell: (l) => formatDate(l.startsOn) },
    { header: 'To', cell: (l) => formatDate(l.endsOn) },
    { header: 'Reason', cell: (l) => l.reasonLabel },
  ];
  return canManage ? [...columns, { header: 'Actions', hiddenHeader: true, cell: actions }] : columns;
}

/** Who is away, and handing a worker's open cases to a colleague (and back) in one action. */
export function LeavePage() {
  usePageTitle('Leave and cover');
  const me = useSignedInMe();
  const canManage = hasPermission(me, 'leave.manage');
  const queryClient = useQueryClient();
  const workload = useWorkload();
  const leave = useLeave();
  const [status, setStatus] = useState('');
  // Each action is one write that answers with what to say in the status line.
  const write = useSubmit({
    mutationFn: (action: () => Promise<string>) => action(),
    labels: {},
    onSuccess: async (said) => {
      setStatus(said);
      await queryClient.invalidateQueries({ queryKey: WORKLOAD_KEY });
      await queryClient.invalidateQueries({ queryKey: LEAVE_KEY });
    },
    errorsFrom: (e) => ({
      fields: {},
      form: e instanceof ApiError ? e.problem.detail : 'Sorry, that did not work. Try again.',
    }),
  });
  const { busy } = write;
  const problem = write.errors.form;

  const error = workload.error ?? leave.error;
  if (error) return <ServiceProblem error={error} />;

  function act(action: () => Promise<string>) {
    write.setErrors(NO_ERRORS);
    void write.submit(action);
  }

  const members = workload.data?.members ?? [];

  return (
    <>
      <h1>
        {me.pcn && <span className="nhsuk-caption-l">{me.pcn.name}</span>}
        Leave and cover
      </h1>
      <p>
        Nobody on leave is given new referrals. While someone is away, colleagues can cover their open cases: hand them
        all to one colleague (usually the care coordinator), or choose who covers each case; hand them back when they
        return.
      </p>
      <p className="waymark-live-status" role="status">
        {status}
      </p>
      {problem && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </p>
      )}
      {workload.isPending ? (
        <Loading what="the team" />
      ) : (
        <DataTable
          caption="The team today"
          columns={teamColumns(canManage, (m) => (
            <CoverActions
              member={m}
              team={members}
              busy={busy}
              onHandOver={(coverId, coverName, confirmCareCoordinator) =>
                act(async () => {
                  const { moved } = await startCover(m.id, { coverWorkerId: coverId, confirmCareCoordinator });
                  return `${cases(moved)} handed from ${m.name} to ${coverName}`;
                })
              }
              onHandBack={() =>
                act(async () => {
                  const { returned } = await endCover(m.id);
                  return `${cases(returned)} handed back to ${m.name}`;
                })
              }
            />
          ))}
          rows={members}
          rowKey={(m) => m.id}
        />
      )}

      <h2>Current and future leave</h2>
      {!leave.data ? (
        <Loading what="leave" />
      ) : leave.data.leave.length === 0 ? (
        <p>Nobody has leave recorded from today on.</p>
      ) : (
        <DataTable
          caption="Current and future leave"
          captionHidden
          columns={leaveColumns(canManage, (l) => (
            <button
              type="button"
              className="waymark-link-button"
              aria-disabled={busy || undefined}
              onClick={() =>
                act(async () => {
                  await cancelLeave(l.id);
                  return `Leave cancelled for ${l.name}`;
                })
              }
            >
              Cancel
              <span className="nhsuk-u-visually-hidden">
                {' '}
                leave for {l.name} from {formatDate(l.startsOn)}
              </span>
            </button>
          ))}
          rows={leave.data.leave}
          rowKey={(l) => l.id}
        />
      )}
      {canManage && workload.data && (
        <RecordLeaveForm members={members} onRecorded={(message) => act(async () => message)} />
      )}
    </>
  );
}
