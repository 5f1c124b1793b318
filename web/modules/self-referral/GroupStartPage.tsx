import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PublicListing } from '../../../common/directory';
import { api } from '../../app/api';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { GROUP as G, START } from './copy';
import { readJourney, saveJourney, startJourney } from './journey';

/**
 * The start page of a self-referral straight to a community group (/self-referral/group/:serviceId),
 * linked from the group's listing when it takes self-referrals. The journey is the PCN team's,
 * shorter: no GP surgery, no list of reasons, one consent (to send the answers to the group).
 */
export function GroupStartPage() {
  const { serviceId = '' } = useParams();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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

  async function start() {
    if (busy) return;
    setBusy(true);
    try {
      const { formToken } = await startJourney();
      const kept = readJourney();
      // The same group's answers not yet sent are kept (a reload, a step back); otherwise start afresh.
      const same = !kept.reference && kept.group?.id === group.id;
      saveJourney(same ? { ...kept, formToken } : { answers: {}, formToken, group });
      navigate('/self-referral/who');
    } catch {
      setProblem('Sorry, the form could not be started. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

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
          <ul className="nhsuk-list nhsuk-list--bullet">
            {G.what.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h2>{START.before}</h2>
          <p>You will need:</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {G.needs.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>{START.behalf}</p>
          <p>{G.time}</p>
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {START.urgentTitle}
            </h2>
            {START.urgent.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          {problem && (
            <p className="nhsuk-error-message" role="alert">
              {problem}
            </p>
          )}
          <Button type="button" onClick={start} aria-disabled={busy || undefined}>
            {G.button}
          </Button>
        </div>
      </div>
    </>
  );
}
