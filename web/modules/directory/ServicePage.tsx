import { Link, useLocation, useParams } from 'react-router';
import { PUBLIC_CAPACITY_LABELS, SERVICE_STATUS_LABELS } from '../../../common/directory';
import { ApiError } from '../../app/api';
import { hasPermission, useMe } from '../../app/session';
import { BackLink } from '../../ui/BackLink';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { useDirectoryAudience, useListing } from './directory-api';
import { CAPACITY_COLOURS, formatDate, STATUS_COLOURS, todayInLondon } from './directory-format';
import { ListingDetails } from './ListingDetails';
import { ReportOutOfDate } from './ReportOutOfDate';
import './directory.css';

function ServiceNotFound() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Service not found</h1>
        <p>This service may have closed, or the web address may be wrong.</p>
        <p>
          <Link to="/directory">Find community services and groups</Link>
        </p>
      </div>
    </div>
  );
}

/** The listing takes self-referrals through Waymark (public listing only): the way into the shorter journey. */
function ReferYourself({ serviceId }: { serviceId: string }) {
  return (
    <>
      <h2>Refer yourself</h2>
      <p>This group takes referrals from people themselves. You do not need to see your GP first.</p>
      <Link className="nhsuk-action-link" to={`/self-referral/group/${encodeURIComponent(serviceId)}`}>
        <svg
          className="nhsuk-icon nhsuk-icon--arrow-right-circle"
          xmlns="http://www.w3.org/2000/svg"
          viewBox="0 0 24 24"
          width="16"
          height="16"
          focusable="false"
          aria-hidden="true"
        >
          <path d="M12 2a10 10 0 0 0-10 9h11.7l-4-4a1 1 0 0 1 1.5-1.4l5.6 5.7a1 1 0 0 1 0 1.4l-5.6 5.7a1 1 0 0 1-1.5 0 1 1 0 0 1 0-1.4l4-4H2A10 10 0 1 0 12 2z" />
        </svg>
        <span className="nhsuk-action-link__text">Refer yourself to this group</span>
      </Link>
    </>
  );
}

/** One listing of the Directory of Services: public, and the same page for staff (with confidential addresses). */
export function ServicePage() {
  const { serviceId = '' } = useParams();
  // The results this page was opened from, to go back to the same search.
  const fromSearch = (useLocation().state as { search?: string } | null)?.search ?? '';
  const audience = useDirectoryAudience();
  const mayReadImpact = hasPermission(useMe().data, 'impact.read');
  const { data: listing, error } = useListing(serviceId, audience.staff, audience.ready);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  // Set here, not only in the pages below: a parent's effect runs last and would win.
  usePageTitle(notFound ? 'Service not found' : (listing?.name ?? 'Service'));

  if (notFound) return <ServiceNotFound />;
  if (error) return <ServiceProblem error={error} />;

  const back = <BackLink to={`/directory${fromSearch.startsWith('?') ? fromSearch : ''}`}>Back to search</BackLink>;
  if (!listing) {
    return (
      <>
        {back}
        <Loading what="the service" />
      </>
    );
  }

  const reviewDue = listing.review_due_on === null || listing.review_due_on <= todayInLondon();

  return (
    <>
      {back}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1 className="nhsuk-u-margin-bottom-2 waymark-break">{listing.name}</h1>
          <p className="nhsuk-body-l">Run by {listing.organization.name}</p>
          <p className="waymark-directory-tags">
            {listing.status !== 'active' && (
              <Tag colour={STATUS_COLOURS[listing.status]}>{SERVICE_STATUS_LABELS[listing.status]}</Tag>
            )}
            <Tag colour={CAPACITY_COLOURS[listing.referral_capacity]}>
              {PUBLIC_CAPACITY_LABELS[listing.referral_capacity]}
            </Tag>
          </p>
          {listing.alert && (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                Please note
              </h2>
              <p className="waymark-directory-pre-line">{listing.alert}</p>
            </div>
          )}
          <p className="waymark-directory-pre-line">{listing.description}</p>
          {listing.self_referral && <ReferYourself serviceId={listing.id} />}
          {audience.reviewer && (
            <p>
              <Link to={`/directory/review/services/${encodeURIComponent(listing.id)}`}>Review this listing</Link>
              {' · '}
              <Link to={`/directory/services/${encodeURIComponent(listing.id)}/referral-settings`}>
                How it takes referrals
              </Link>
            </p>
          )}
          {mayReadImpact && (
            <p>
              <Link to={`/directory/organisations/${encodeURIComponent(listing.organization.id)}/impact`}>
                Impact of {listing.organization.name}
              </Link>
            </p>
          )}

          <ListingDetails listing={listing} staff={audience.staff} />

          <h2>How up to date this is</h2>
          <p>
            {listing.assured_date ? (
              <>
                Last checked on <time dateTime={listing.assured_date}>{formatDate(listing.assured_date)}</time>.
              </>
            ) : (
              'Not yet checked.'
            )}
          </p>
          {reviewDue && (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>This listing is due for review. Check the details with the service before you go.</p>
            </div>
          )}

          <ReportOutOfDate serviceId={listing.id} serviceName={listing.name} />
        </div>
      </div>
    </>
  );
}
