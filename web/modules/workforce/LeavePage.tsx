import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { hasPermission, useSignedInMe } from '../../app/session';
import { Button } from '../../ui/Button';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate } from '../referrals/referral-format';
import '../triage/triage.css';
import { RecordLeaveForm } from './RecordLeaveForm';
import {
  cancelLeave,
  endCover,
  LEAVE_KEY,
  startCover,
  useLeave,
  useWorkload,
  WORKLOAD_KEY,
  type WorkloadMember,
} from './workforce-api';

const cases = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;

/** Who is away, and handing a worker's open cases to a colleague (and back) in one action. */
export function LeavePage() {
  usePageTitle('Leave and cover');
  const me = useSignedInMe();
  const canManage = hasPermission(me, 'leave.manage');
  const queryClient = useQueryClient();
  const workload = useWorkload();
  const leave = useLeave();
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const error = workload.error ?? leave.error;
  if (error) return <ServiceProblem error={error} />;

  async function act(action: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      setStatus(await action());
      await queryClient.invalidateQueries({ queryKey: WORKLOAD_KEY });
      await queryClient.invalidateQueries({ queryKey: LEAVE_KEY });
    } catch (e) {
      setProblem(e instanceof ApiError ? e.problem.detail : 'Sorry, that did not work. Try again.');
    } finally {
      setBusy(false);
    }
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
        <TableScroll label="The team today">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">The team today</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Name
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Today
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Open cases
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Cover
                </th>
                {canManage && (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {members.map((m) => (
                <tr className="nhsuk-table__row" key={m.id}>
                  <th scope="row" className="nhsuk-table__header waymark-table__row-header">
                    {m.name}
                    <span className="waymark-secondary-text">{m.roleLabel}</span>
                  </th>
                  <td className="nhsuk-table__cell">
                    {m.onLeaveUntil ? (
                      <>
                        <Tag colour="orange">On leave</Tag>
                        <span className="waymark-secondary-text">Until {formatDate(m.onLeaveUntil)}</span>
                      </>
                    ) : (
                      <Tag colour="green">At work</Tag>
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
                    {m.workingCases} of {m.capacity}
                    {m.coveredBy.length > 0 && (
                      <span className="waymark-secondary-text">{cases(m.ownCases)} allocated to them</span>
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
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
                  </td>
                  {canManage && (
                    <td className="nhsuk-table__cell">
                      <CoverActions
                        member={m}
                        team={members}
                        busy={busy}
                        onHandOver={(coverId, coverName, confirmCareCoordinator) =>
                          act(async () => {
                            const { moved } = await startCover(m.id, {
                              coverWorkerId: coverId,
                              confirmCareCoordinator,
                            });
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
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>Current and future leave</h2>
      {!leave.data ? (
        <Loading what="leave" />
      ) : leave.data.leave.length === 0 ? (
        <p>Nobody has leave recorded from today on.</p>
      ) : (
        <TableScroll label="Current and future leave">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Current and future leave</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Name
                </th>
                <th scope="col" className="nhsuk-table__header">
                  From
                </th>
                <th scope="col" className="nhsuk-table__header">
                  To
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Reason
                </th>
                {canManage && (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {leave.data.leave.map((l) => (
                <tr className="nhsuk-table__row" key={l.id}>
                  <th scope="row" className="nhsuk-table__header waymark-table__row-header">
                    {l.name}
                    {l.current && (
                      <span className="waymark-block">
                        <Tag colour="orange">Away now</Tag>
                      </span>
                    )}
                  </th>
                  <td className="nhsuk-table__cell">{formatDate(l.startsOn)}</td>
                  <td className="nhsuk-table__cell">{formatDate(l.endsOn)}</td>
                  <td className="nhsuk-table__cell">{l.reasonLabel}</td>
                  {canManage && (
                    <td className="nhsuk-table__cell">
                      <button
                        type="button"
                        className="waymark-link-button"
                        aria-disabled={busy || undefined}
                        onClick={() =>
                          void act(async () => {
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
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canManage && workload.data && (
        <RecordLeaveForm members={members} onRecorded={(message) => void act(async () => message)} />
      )}
    </>
  );
}

function CoverActions({
  member,
  team,
  busy,
  onHandOver,
  onHandBack,
}: {
  member: WorkloadMember;
  team: WorkloadMember[];
  busy: boolean;
  onHandOver: (coverId: string, coverName: string, confirmCareCoordinator: boolean) => void;
  onHandBack: () => void;
}) {
  const uncovered = member.ownCases - member.coveredBy.reduce((s, c) => s + c.count, 0);
  const candidates = team
    .filter((t) => t.id !== member.id && !t.onLeaveUntil)
    // The care coordinator is the default stand-in (seed article): listed first.
    .sort(
      (a, b) =>
        Number(b.role === 'care_coordinator') - Number(a.role === 'care_coordinator') || a.name.localeCompare(b.name),
    );
  const [coverId, setCoverId] = useState(candidates[0]?.id ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cover = candidates.find((c) => c.id === coverId) ?? candidates[0];
  // Cases the rules give a coach, about to go to a care coordinator: say so, and ask.
  const needsConfirmation = cover?.role === 'care_coordinator' && member.coachCases > 0;
  const id = `cover-${member.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!cover) return;
    if (needsConfirmation && !confirmed) {
      setError(`Confirm that ${cover.name} should cover them, or choose a health and wellbeing coach`);
      return;
    }
    setError(null);
    onHandOver(cover.id, cover.name, needsConfirmation);
  }

  return (
    <>
      {uncovered > 0 && candidates.length > 0 && (
        <form onSubmit={submit} noValidate className="nhsuk-u-margin-bottom-2">
          <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
            <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
              Hand {member.name}’s {cases(uncovered)} to
            </label>
            <select
              className="nhsuk-select"
              id={id}
              name="coverWorkerId"
              value={cover?.id}
              onChange={(e) => {
                setCoverId(e.target.value);
                setConfirmed(false);
                setError(null);
              }}
            >
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.roleLabel.toLowerCase()})
                </option>
              ))}
            </select>
          </div>
          {needsConfirmation && cover && (
            <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
              <p className="nhsuk-body-s" id={`${id}-warning`}>
                <strong className="nhsuk-tag nhsuk-tag--orange">Warning</strong> {cases(member.coachCases)} of{' '}
                {member.name}’s {member.coachCases === 1 ? 'is' : 'are'} high complexity or predicted PAM level 1: the
                allocation rules give such cases to a health and wellbeing coach, and {cover.name} is a care
                coordinator.
              </p>
              {error && (
                <span className="nhsuk-error-message" id={`${id}-confirm-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                </span>
              )}
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`${id}-confirm`}
                    type="checkbox"
                    checked={confirmed}
                    aria-describedby={`${id}-warning${error ? ` ${id}-confirm-error` : ''}`}
                    onChange={(e) => setConfirmed(e.target.checked)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-confirm`}>
                    Hand them to {cover.name} anyway
                  </label>
                </div>
              </div>
            </div>
          )}
          <Button variant="secondary" small aria-disabled={busy || undefined}>
            Hand over<span className="nhsuk-u-visually-hidden"> {member.name}’s cases</span>
          </Button>
        </form>
      )}
      {member.ownCases > 0 && candidates.length > 1 && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          <Link to={`/team/leave/${member.id}/handover`}>
            Choose who covers each case<span className="nhsuk-u-visually-hidden"> of {member.name}</span>
          </Link>
        </p>
      )}
      {member.coveredBy.length > 0 && (
        <Button variant="secondary" small type="button" aria-disabled={busy || undefined} onClick={onHandBack}>
          Hand back to {member.name}
        </Button>
      )}
    </>
  );
}
