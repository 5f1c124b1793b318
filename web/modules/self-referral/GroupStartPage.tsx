import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { PublicListing } from '../../../common/directory';
import { api } from '../../app/api';
import { BackLink } from '../../ui/BackLink';
import { Loading } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { GROUP as G, START } from './copy';
import { StartButton, StartDetails } from './start-parts';

/**
 * The start page of a self-referral straight to a community group (/self-referral/group/:serviceId),
 * linked from the group's listing when it takes self-referrals. The journey is the PCN team's,
 * shorter: no GP surgery, no list of reasons, one consent (to send the answers to the group).
 */
export function GroupStartPage() {
  const { serviceId = '' } = useParams();
  const listing = useQuery({
    queryKey: ['self-referral', 'group', serviceId],
    queryFn: () => api<PublicListing>(`/api/public/directory/services/${encodeURIComponent(serviceId)}`),
    retry: false,
  });
  const open = listing.data?.self_referral === true;
  usePageTitle(listing.isPending ? G.startTitle : open ? G.startTitle : G.notFoundTitle);
  const back = <BackLink to={`/directory/services/${encodeURIComponent(serviceId)}`}>{G.back}</BackLink>;

  if (listing.isPending) {
    return (
      <>
        {back}
        <Loading what="the group" />
      </>
    );
  }
  if (!listing.data || !open) {
    return (
      <>
        {back}
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>{G.notFoundTitle}</h1>
            <p>{G.notFound}</p>
            <p>
              <Link to="/self-referral">{START.title}</Link>
            </p>
          </div>
        </div>
      </>
    );
  }
  const group = { id: listing.data.id, name: listing.data.name };

  return (
    <>
      {back}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">
            {G.caption} {group.name}
          </span>
          <h1>{G.startTitle}</h1>
          <p className="nhsuk-lede-text">{G.lede}</p>
          <p>Run by {listing.data.organization.name}.</p>
          <StartDetails what={G.what} needs={G.needs} time={G.time} />
          <StartButton
            // The same group's answers not yet sent are kept (a reload, a step back); otherwise afresh.
            keep={(kept, formToken) =>
              !kept.reference && kept.group?.id === group.id
                ? { ...kept, formToken }
                : { answers: {}, formToken, group }
            }
          />
        </div>
      </div>
    </>
  );
}
