import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ChangeReview } from '../../../common/directory-maintenance';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { ConflictNotice } from './ConflictNotice';
import { DiffTable } from './DiffTable';
import { approveChange, REVIEW_KEY, rejectChange, useChange } from './maintenance-api';
import { formatWhen } from './maintenance-format';
import { RejectReasonForm } from './RejectReasonForm';
import { useDecision } from './use-decision';
import './maintenance.css';

/** A VCS partner's proposed change to a listing, shown field by field: approve, or reject with a reason. */
export function ModerationPage() {
  const { changeId = '' } = useParams();
  const { data, error, isPending } = useChange(changeId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : data ? `Proposed change to ${data.service.name}` : 'Proposed change');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the proposed change" />;
  return <Moderate change={data} />;
}

const STATUS_TEXT = {
  approved: 'This change was approved',
  rejected: 'This change was rejected',
  withdrawn: 'The partner replaced this change with a newer one',
} as const;

function Moderate({ change }: { change: ChangeReview }) {
  const queryClient = useQueryClient();
  const { notice, rejecting, setRejecting, reason, setReason, reasonError, busy, failure, reset, decide, reject } =
    useDecision<ChangeReview>((decided) => {
      queryClient.setQueryData([...REVIEW_KEY, 'change', change.id], decided);
      void queryClient.invalidateQueries({ queryKey: REVIEW_KEY });
    });

  const conflict = failure instanceof ApiError && failure.status === 409 ? failure : null;
  const pending = change.status === 'pending';

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <BackLink to="/directory/review">Back to directory review</BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        {conflict && (
          <ConflictNotice
            title="The listing has changed since this was proposed"
            message={conflict.problem.detail}
            action="Reload the change to compare it with the listing as it is now"
            onReload={() => {
              reset();
              void queryClient.invalidateQueries({ queryKey: [...REVIEW_KEY, 'change', change.id] });
            }}
          />
        )}
        {failure && !conflict ? (
          <ErrorSummary
            errors={[
              { message: failure instanceof ApiError ? failure.problem.detail : 'Sorry, something went wrong.' },
            ]}
            revision={failure}
          />
        ) : null}
        {reasonError && rejecting && (
          <ErrorSummary errors={[{ fieldId: 'reject-reason', message: reasonError }]} revision={reasonError} />
        )}
        <span className="nhsuk-caption-l">Proposed change</span>
        <h1>{change.service.name}</h1>
        <SummaryList
          rows={[
            { key: 'Organisation', value: change.service.organization_name },
            { key: 'Proposed by', value: `${change.submitted_by}, ${formatWhen(change.submitted_at)}` },
            ...(change.status !== 'pending'
              ? [
                  {
                    key: 'Decision',
                    value: `${STATUS_TEXT[change.status]}${change.decided_by ? ` by ${change.decided_by}` : ''}${
                      change.decided_at ? `, ${formatWhen(change.decided_at)}` : ''
                    }${change.rejection_reason ? `: ${change.rejection_reason}` : ''}`,
                  },
                ]
              : []),
          ]}
        />
        <p>
          <Link to={`/directory/review/services/${change.service.id}`}>See the whole listing and its history</Link>
        </p>
        {change.stale && pending && (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>The listing changed after this was proposed
            </h2>
            <p>
              The partner edited version {change.base_version}; the listing is now version {change.current_version}. The
              table compares their proposal with the listing as it is now, so it may undo the later change. Approving is
              refused: reject it and ask the partner to propose again.
            </p>
          </div>
        )}
        {change.changes.length === 0 ? (
          <p>The proposal is the same as the listing as it is now.</p>
        ) : (
          <DiffTable changes={change.changes} categories={change.category_options} />
        )}

        {pending && !rejecting && (
          <div className="nhsuk-button-group">
            {!change.stale && (
              <Button
                type="button"
                aria-disabled={busy || undefined}
                onClick={() =>
                  decide(
                    () => approveChange(change.id),
                    'Change approved. The listing is updated and marked as checked.',
                  )
                }
              >
                Approve change
              </Button>
            )}
            <Button type="button" variant="secondary" onClick={() => setRejecting(true)}>
              Reject change
            </Button>
          </div>
        )}
        {pending && rejecting && (
          <RejectReasonForm
            question="Why is the change rejected?"
            hint="The partner will see this on their listings page."
            action="Reject change"
            reason={reason}
            error={reasonError}
            busy={busy}
            onReason={setReason}
            onSubmit={reject(
              (why) => rejectChange(change.id, why),
              'Change rejected. The partner can see your reason.',
              'Enter why the change is rejected: the partner will see it',
            )}
            onCancel={() => setRejecting(false)}
          />
        )}
      </div>
    </div>
  );
}
