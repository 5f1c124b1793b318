import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ListingInput } from '../../../common/directory';
import type { PartnerListingView } from '../../../common/directory-maintenance';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { ConflictNotice } from './ConflictNotice';
import { ListingForm } from './ListingForm';
import { listingToInput } from './listing-draft';
import { OUR_LISTINGS_KEY, proposeChange, useOurListing } from './maintenance-api';
import { formatWhen } from './maintenance-format';
import './maintenance.css';

/** A VCS partner proposes a change to one of their listings; it waits for review. */
export function ProposeEditPage() {
  const { serviceId = '' } = useParams();
  const { data, error, isPending } = useOurListing(serviceId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : data ? `Propose a change to ${data.listing.name}` : 'Propose a change');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="your listing" />;
  return <Propose view={data} />;
}

function Propose({ view }: { view: PartnerListingView }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { listing } = view;
  const [sent, setSent] = useState(false);
  const write = useSubmit({
    mutationFn: (input: ListingInput) => proposeChange(listing.id, listing.version, input),
    labels: {},
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: OUR_LISTINGS_KEY });
      setSent(true);
      window.scrollTo(0, 0);
    },
  });
  const { busy, failure } = write;
  usePageTitle(sent ? 'Your change has been sent for review' : `Propose a change to ${listing.name}`);

  if (sent) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel nhsuk-panel--confirmation">
            <h1 className="nhsuk-panel__title">Your change has been sent for review</h1>
            <div className="nhsuk-panel__body">{listing.name}</div>
          </div>
          <h2>What happens next</h2>
          <p>
            The social prescribing team will check your change. Until then, the directory shows the listing as it was.
            If they do not accept it, you will see their reason on your listings page.
          </p>
          <p>
            <Link to="/directory/our-listings">Back to your listings</Link>
          </p>
        </div>
      </div>
    );
  }

  const conflict = failure instanceof ApiError && failure.status === 409 ? failure : null;
  const other = failure && !conflict && !(failure instanceof ApiError && failure.status === 400) ? failure : null;
  // Start from the pending proposal when there is one, so a second edit builds on the first.
  const initial = view.pending_change?.proposed ?? listingToInput(listing);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/directory/our-listings">Back to your listings</BackLink>
        {conflict && (
          <ConflictNotice
            title="This listing has been updated"
            message={conflict.problem.detail}
            action="Reload the listing"
            onReload={() => {
              write.reset();
              void queryClient.invalidateQueries({ queryKey: OUR_LISTINGS_KEY });
            }}
          />
        )}
        {other ? (
          <ErrorSummary
            errors={[{ message: other instanceof ApiError ? other.problem.detail : 'Sorry, something went wrong.' }]}
            revision={other}
          />
        ) : null}
        <span className="nhsuk-caption-l">Propose a change</span>
        <h1>{listing.name}</h1>
        {view.pending_change && (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              You sent a change on {formatWhen(view.pending_change.submitted_at)} that is waiting for review. The form
              starts from that change; sending again replaces it.
            </p>
          </div>
        )}
        <ListingForm
          key={`${listing.version}-${view.pending_change?.id ?? ''}`}
          initial={initial}
          categoryOptions={view.category_options}
          submitLabel="Send change for review"
          errorPrefix="proposed"
          error={failure}
          busy={busy}
          onSubmit={(input) => void write.submit(input)}
          onCancel={() => navigate('/directory/our-listings')}
        >
          <p>Your change will be checked by the social prescribing team before it appears in the directory.</p>
        </ListingForm>
      </div>
    </div>
  );
}
