import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ListingProposalReview } from '../../../common/showcase';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { DiffTable } from '../directory-maintenance/DiffTable';
import { REVIEW_KEY } from '../directory-maintenance/maintenance-api';
import { formatWhen } from '../directory-maintenance/maintenance-format';
import { RejectReasonForm } from '../directory-maintenance/RejectReasonForm';
import { useDecision } from '../directory-maintenance/use-decision';
import { approveProposal, PROPOSAL_KEY, rejectProposal, useProposal } from './showcase-api';

/** A brand-new listing a partner proposed, field by field: approve (it is published) or reject with a reason. */
export function ProposalReviewPage() {
  const { proposalId = '' } = useParams();
  const { data, error, isPending } = useProposal(proposalId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : data ? `Proposed new listing: ${data.name}` : 'Proposed new listing');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the proposed listing" />;
  return <Decide proposal={data} />;
}

const STATUS_TEXT = {
  approved: 'Approved and published',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn by the partner',
  pending: 'Waiting for review',
} as const;

function Decide({ proposal }: { proposal: ListingProposalReview }) {
  const queryClient = useQueryClient();
  const { notice, rejecting, setRejecting, reason, setReason, reasonError, busy, failure, decide, reject } =
    useDecision<ListingProposalReview>((decided) => {
      queryClient.setQueryData([...PROPOSAL_KEY, proposal.id], decided);
      void queryClient.invalidateQueries({ queryKey: REVIEW_KEY });
    });

  const pending = proposal.status === 'pending';
  const decision = `${STATUS_TEXT[proposal.status]}${proposal.decided_by ? ` by ${proposal.decided_by}` : ''}${
    proposal.decided_at ? `, ${formatWhen(proposal.decided_at)}` : ''
  }${proposal.rejection_reason ? `: ${proposal.rejection_reason}` : ''}`;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <BackLink to="/directory/review">Back to directory review</BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        {failure ? (
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
        <span className="nhsuk-caption-l">Proposed new listing</span>
        <h1 className="waymark-break">{proposal.name}</h1>
        <SummaryList
          rows={[
            { key: 'Organisation', value: proposal.organization_name },
            { key: 'Proposed by', value: `${proposal.submitted_by}, ${formatWhen(proposal.submitted_at)}` },
            { key: 'Decision', value: decision },
          ]}
        />
        {proposal.created_service && (
          <p>
            <Link to={`/directory/services/${proposal.created_service.id}`}>
              See the published listing: {proposal.created_service.name}
            </Link>
          </p>
        )}
        <DiffTable changes={proposal.changes} categories={proposal.category_options} newListing />

        {pending && !rejecting && (
          <div className="nhsuk-button-group">
            <Button
              type="button"
              aria-disabled={busy || undefined}
              onClick={() =>
                decide(
                  () => approveProposal(proposal.id),
                  'Listing approved. It is published in the directory and marked as checked.',
                )
              }
            >
              Approve and publish
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRejecting(true)}>
              Reject listing
            </Button>
          </div>
        )}
        {pending && rejecting && (
          <RejectReasonForm
            question="Why is the listing rejected?"
            hint="The partner will see this on their proposals page."
            action="Reject listing"
            reason={reason}
            error={reasonError}
            busy={busy}
            onReason={setReason}
            onSubmit={reject(
              (why) => rejectProposal(proposal.id, why),
              'Listing rejected. The partner can see your reason.',
              'Enter why the listing is rejected: the partner will see it',
            )}
            onCancel={() => setRejecting(false)}
          />
        )}
      </div>
    </div>
  );
}
