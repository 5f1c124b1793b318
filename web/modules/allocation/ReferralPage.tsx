import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ReferralView } from '../../../common/api-types';
import { type ReferralStatus, referralReference, STATUS_LABELS } from '../../../common/referrals';
import { ApiError } from '../../app/api';
import { useLiveEvents } from '../../app/live-events';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { BackLink } from '../../ui/BackLink';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { RestrictionBanner } from '../records/PersonRights';
import { statusColour } from '../referrals/referral-format';
import { CloseReferralForm } from '../triage/CloseReferralForm';
import { ConflictMessage } from '../triage/ConflictMessage';
import { MarkSpamForm } from '../triage/MarkSpamForm';
import { IdentityCheckWarning, PersonDetailsOffer } from '../triage/PersonDetailsOffer';
import { PersonDetails, ReferralRequest, TriageDecisionDetails } from '../triage/ReferralDetails';
import { ReferralHistory } from '../triage/ReferralHistory';
import { TriageForm } from '../triage/TriageForm';
import { referralChanged, referralKey, useReferral } from '../triage/triage-api';
import { PRIORITY_COLOURS, PRIORITY_LABELS } from '../triage/triage-labels';
import { AllocationPanel } from './AllocationPanel';
import { suggestionKey } from './allocation-api';
import '../triage/triage.css';

const STATUS_TEXT: Record<string, string> = {
  received: 'Waiting for triage.',
  triaged: 'Triaged: waiting to be allocated to a member of the team.',
  allocated: 'Allocated: waiting for first contact.',
  first_contact: 'First contact made.',
  active: 'Support under way.',
  discharged: 'Discharged: the message back to the GP has been sent.',
  declined: 'Declined.',
  redirected: 'Redirected to another service.',
  not_contactable: 'Closed: the person could not be contacted.',
};

/** The team's view of one referral: the person, the request, the decisions, and what to do next. */
export function ReferralPage() {
  const { referralId = '' } = useParams();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const { data: r, error, isPending, refetch } = useReferral(referralId);
  // Bumped to start the forms again from the latest version (after our own change, or a reload).
  const [formRound, setFormRound] = useState(0);
  const [openedVersion, setOpenedVersion] = useState<number | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(
    notFound ? 'Page not found' : r ? `Referral for ${r.person.givenName} ${r.person.familyName}` : 'Referral',
  );

  useLiveEvents((event) => {
    if (event.referralId === referralId) {
      void queryClient.invalidateQueries({ queryKey: referralKey(referralId) });
      void queryClient.invalidateQueries({ queryKey: suggestionKey(referralId) });
    }
  });

  // The version the forms were opened on; a later one means someone else changed the referral.
  useEffect(() => {
    if (r && openedVersion === null) setOpenedVersion(r.version);
  }, [r, openedVersion]);

  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referral" />;

  async function reload() {
    setConflict(null);
    setNotice(null);
    await queryClient.invalidateQueries({ queryKey: suggestionKey(referralId) });
    const fresh = await refetch();
    setOpenedVersion(fresh.data?.version ?? null);
    setFormRound((n) => n + 1);
  }

  async function done(view: ReferralView, message: string) {
    await referralChanged(queryClient, view);
    await queryClient.invalidateQueries({ queryKey: suggestionKey(referralId) });
    setConflict(null);
    setNotice(message);
    setOpenedVersion(view.version);
    setFormRound((n) => n + 1);
    window.scrollTo(0, 0);
  }

  const canTriage = hasPermission(me, 'referral.triage') && (r.status === 'received' || r.status === 'triaged');
  const canAllocate = hasPermission(me, 'referral.allocate') && r.status === 'triaged';
  const isMine = r.allocatedWorker?.id === me.user.id || r.coverWorker?.id === me.user.id;
  const canContact = hasPermission(me, 'referral.contact') && isMine && r.status === 'allocated';
  const changedElsewhere = openedVersion !== null && r.version !== openedVersion && !conflict;
  const who = `${r.person.givenName} ${r.person.familyName}`;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={hasPermission(me, 'referral.triage') ? '/triage' : '/caseload'}>
          {hasPermission(me, 'referral.triage') ? 'Triage queue' : 'Your caseload'}
        </BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        {conflict && <ConflictMessage message={conflict} onReload={() => void reload()} />}
        {changedElsewhere && (
          <NotificationBanner heading="Someone else has changed this referral since you opened it">
            <p>
              <button type="button" className="waymark-link-button" onClick={() => void reload()}>
                Reload the referral to see the latest
              </button>
            </p>
          </NotificationBanner>
        )}
        <span className="nhsuk-caption-l">Reference {referralReference(r.id)}</span>
        <h1>Referral for {who}</h1>
        <RestrictionBanner referralId={r.id} />
        <p>
          <Tag colour={statusColour(r.status)}>{STATUS_LABELS[r.status as ReferralStatus] ?? r.status}</Tag>{' '}
          {r.priority && <Tag colour={PRIORITY_COLOURS[r.priority]}>{PRIORITY_LABELS[r.priority]}</Tag>}
        </p>
        <p>{STATUS_TEXT[r.status]}</p>
        {r.safeguardingConcern && (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Safeguarding concern
            </h2>
            <p>The referrer raised a safeguarding concern. Follow the PCN’s safeguarding procedure before contact.</p>
          </div>
        )}
        <IdentityCheckWarning r={r} />
        {canContact && (
          <p>
            <Link className="nhsuk-button" to={`/referrals/${r.id}/first-contact`} draggable={false}>
              Record first contact
            </Link>
          </p>
        )}

        {hasPermission(me, 'case.read') &&
          ['allocated', 'first_contact', 'active', 'discharged'].includes(r.status) && (
            <p>
              <Link to={`/referrals/${r.id}/case`}>Case record</Link>
            </p>
          )}
        {hasPermission(me, 'outcome.read') && (
          <p>
            <Link to={`/referrals/${r.id}/measures`}>Outcome measures</Link>
          </p>
        )}
        {hasPermission(me, 'careplan.read') && (
          <p>
            <Link to={`/people/${r.person.id}/plan`}>Care and support plan</Link>
          </p>
        )}
        <h2>The person</h2>
        <PersonDetails r={r} />
        <PersonDetailsOffer
          key={`details-${formRound}`}
          r={r}
          canDecide={hasPermission(me, 'case.write') && (me.user.role === 'team_lead' || isMine)}
          onDone={(message) => void reload().then(() => setNotice(message))}
        />
        <h2>The referral</h2>
        <ReferralRequest r={r} />
        {r.triagedAt && (
          <>
            <h2>Triage and allocation</h2>
            <TriageDecisionDetails r={r} />
          </>
        )}

        {canAllocate && (
          <AllocationPanel
            key={`allocate-${formRound}`}
            referral={r}
            onConflict={setConflict}
            onDone={(view) => void done(view, `Allocated to ${view.allocatedWorker?.name ?? 'the worker'}`)}
          />
        )}
        {canTriage && (
          <>
            <TriageForm
              key={`triage-${formRound}`}
              referral={r}
              onConflict={setConflict}
              onDone={(view) => void done(view, `Triaged: ${who} is ${view.priority} priority`)}
            />
            <CloseReferralForm
              key={`close-${formRound}`}
              referral={r}
              onConflict={setConflict}
              onDone={(view) => void done(view, `Referral ${view.status}: the practice has been told`)}
            />
            {r.source === 'self' && (
              <MarkSpamForm
                key={`spam-${formRound}`}
                referral={r}
                onConflict={setConflict}
                onDone={(view) => void done(view, 'Marked as spam: it is out of the queue and the figures')}
              />
            )}
          </>
        )}
        <ReferralHistory events={r.events} />
      </div>
    </div>
  );
}
