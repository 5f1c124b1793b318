import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { formatNhsNumber } from '../../../common/nhs-number';
import { type ReferralStatus, referralReference, STATUS_LABELS } from '../../../common/referrals';
import { ApiError } from '../../app/api';
import { useLiveEvents } from '../../app/live-events';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { BackLink } from '../../ui/BackLink';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { Tabs } from '../../ui/Tabs';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { CommunityServices } from '../onward-referrals/CommunityServices';
import { PersonRights, RestrictionBanner } from '../records/PersonRights';
import { useRestriction } from '../records/records-api';
import { GpMessageDetails } from '../referrals/GpMessageDetails';
import { formatDate, formatWhen, statusColour } from '../referrals/referral-format';
import { useGpMessage } from '../referrals/referrals-api';
import { IdentityCheckWarning, PersonDetailsOffer } from '../triage/PersonDetailsOffer';
import { ContactDetails } from '../triage/ReferralDetails';
import { VideoAppointments } from '../video/VideoAppointments';
import { CaseTimeline } from './CaseTimeline';
import { ContactForm } from './ContactForm';
import { caseChanged, useCaseRecord } from './cases-api';
import { DischargeForm } from './DischargeForm';
import { EqualityAnswers } from './EqualityAnswers';
import { HandoverForm } from './HandoverForm';
import { NoteForm } from './NoteForm';
import { PlannedContacts } from './PlannedContactForm';
import './cases.css';

type CaseForm = 'details' | 'equality' | 'planned' | 'contact' | 'note' | 'discharge' | 'handover';
const FRESH_ROUNDS: Record<CaseForm, number> = {
  details: 0,
  equality: 0,
  planned: 0,
  contact: 0,
  note: 0,
  discharge: 0,
  handover: 0,
};

/** The case record: one timeline of everything, and what the worker does next. */
export function CaseRecordPage() {
  const { referralId = '' } = useParams();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useCaseRecord(referralId);
  const restricted = Boolean(useRestriction(referralId).data?.active);
  const discharged = data?.referral.status === 'discharged';
  const gpMessage = useGpMessage(referralId, discharged);
  // A page that sent the worker back here after a write says what it did (an onward referral).
  const arrivedWith = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(arrivedWith);
  // Each form starts again only after its own save: typing in one form survives another's save.
  const [rounds, setRounds] = useState<Record<CaseForm, number>>(FRESH_ROUNDS);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  const who = data ? `${data.referral.person.givenName} ${data.referral.person.familyName}` : '';
  usePageTitle(notFound ? 'Page not found' : data ? `Case record for ${who}` : 'Case record');

  useLiveEvents((event) => {
    if (event.referralId === referralId) void caseChanged(queryClient, referralId);
  });

  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the case record" />;
  const r = data.referral;
  // While processing is restricted (UK GDPR Article 18) the record is read-only: no forms to change it.
  const may = restricted ? { ...data.may, write: false, discharge: false, reassign: false } : data.may;

  const savedBy = (form: CaseForm) => async (message: string) => {
    await caseChanged(queryClient, referralId);
    setNotice(message);
    setRounds((r) => ({ ...r, [form]: r[form] + 1 }));
    window.scrollTo(0, 0);
  };
  const reload = () => {
    setNotice(null);
    setRounds((r) => Object.fromEntries(Object.entries(r).map(([k, n]) => [k, n + 1])) as Record<CaseForm, number>);
    void caseChanged(queryClient, referralId);
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={`/referrals/${r.id}`}>The referral</BackLink>
        {notice && <NotificationBanner variant="success" heading={notice} />}
        <span className="nhsuk-caption-l">Reference {referralReference(r.id)}</span>
        <h1>Case record for {who}</h1>
        <RestrictionBanner referralId={r.id} />
        <p>
          <Tag colour={statusColour(r.status)}>{STATUS_LABELS[r.status as ReferralStatus] ?? r.status}</Tag>
        </p>
        <SummaryList
          rows={[
            { key: 'Date of birth', value: formatDate(r.person.dateOfBirth) },
            { key: 'NHS number', value: r.person.nhsNumber ? formatNhsNumber(r.person.nhsNumber) : 'Not known' },
            { key: 'Reasons', value: r.reasons.map((x) => x.label).join(', ') },
            {
              key: 'Worker',
              value: r.allocatedWorker
                ? `${r.allocatedWorker.name} (${r.allocatedWorker.role})${r.coverWorker ? `, covered by ${r.coverWorker.name}` : ''}`
                : 'Not allocated',
            },
            { key: 'First contact', value: r.firstContactAt ? formatWhen(r.firstContactAt) : 'Not yet' },
            { key: 'Contacts', value: `${data.contacts.attended} attended of ${data.contacts.total} recorded` },
          ]}
        />
        <ul className="nhsuk-list">
          {hasPermission(me, 'careplan.read') && (
            <li>
              <Link to={`/people/${r.person.id}/plan`}>Care and support plan</Link>
            </li>
          )}
          {hasPermission(me, 'outcome.read') && (
            <li>
              <Link to={`/referrals/${r.id}/measures`}>Outcome measures</Link>
            </li>
          )}
        </ul>

        <IdentityCheckWarning r={r} />
        <PersonDetailsOffer
          key={`details-${rounds.details}`}
          r={r}
          canDecide={may.write}
          onDone={(m) => void savedBy('details')(m)}
        />
        <EqualityAnswers
          key={`equality-${rounds.equality}`}
          referralId={r.id}
          answers={r.person.equality}
          version={r.person.version}
          mayWrite={may.write}
          onSaved={(m) => void savedBy('equality')(m)}
          onReload={reload}
        />

        {discharged && gpMessage.data && <GpMessageDetails message={gpMessage.data} />}

        {r.status === 'allocated' && (r.allocatedWorker?.id === me.user.id || r.coverWorker?.id === me.user.id) && (
          <p>
            If the person declines social prescribing or cannot be reached,{' '}
            <Link to={`/referrals/${r.id}/first-contact`}>record the outcome of first contact</Link> instead: the
            referral is closed and the practice is told.
          </p>
        )}
        {(may.write || data.plannedContacts.length > 0) && (
          <PlannedContacts
            key={`planned-${rounds.planned}`}
            referralId={r.id}
            planned={data.plannedContacts}
            mayWrite={may.write}
            onSaved={(m) => void savedBy('planned')(m)}
          />
        )}
        <VideoAppointments referralId={r.id} mayWrite={may.write} />
        <CommunityServices referralId={r.id} mayWrite={may.write} />
        {/* The long parts behind tabs: the page opens on what the worker does next. */}
        <Tabs
          title="Case record contents"
          initial={may.write ? 'record' : 'timeline'}
          tabs={[
            {
              id: 'record',
              label: may.write ? 'Record a contact or note' : 'How to contact them',
              content: (
                <>
                  <h2>How to contact {who}</h2>
                  <ContactDetails r={r} />
                  {may.write && (
                    <>
                      <ContactForm
                        key={`contact-${rounds.contact}`}
                        referralId={r.id}
                        onSaved={(m) => void savedBy('contact')(m)}
                      />
                      <NoteForm
                        key={`note-${rounds.note}`}
                        referralId={r.id}
                        onSaved={(m) => void savedBy('note')(m)}
                      />
                    </>
                  )}
                </>
              ),
            },
            {
              id: 'timeline',
              label: 'Timeline',
              content: (
                <>
                  <h2>Timeline</h2>
                  <CaseTimeline items={data.timeline} />
                </>
              ),
            },
            ...(may.discharge || may.reassign
              ? [
                  {
                    id: 'close',
                    label: 'Discharge or hand over',
                    content: (
                      <>
                        {may.discharge && (
                          <DischargeForm
                            key={`discharge-${rounds.discharge}`}
                            referralId={r.id}
                            version={r.version}
                            who={who}
                            planned={data.plannedContacts}
                            onSaved={(m) => void savedBy('discharge')(m)}
                            onReload={reload}
                          />
                        )}
                        {may.reassign && (
                          <HandoverForm
                            key={`handover-${rounds.handover}`}
                            referralId={r.id}
                            version={r.version}
                            currentWorkerId={r.allocatedWorker?.id ?? null}
                            onSaved={(m) => void savedBy('handover')(m)}
                            onReload={reload}
                          />
                        )}
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <PersonRights referralId={r.id} />
      </div>
    </div>
  );
}
