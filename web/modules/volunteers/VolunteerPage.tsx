import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { formatMinutes, type VolunteerCheck } from '../../../common/volunteers';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate } from '../referrals/referral-format';
import { CaseSearch } from '../team-groups/CaseSearch';
import { CheckForm, EndBefriendingForm, EndVolunteeringForm, HoursForm } from './VolunteerForms';
import { startBefriending, useVolunteer, type VolunteerRecord, volunteerKey, volunteerSaved } from './volunteers-api';
import '../team-groups/team-groups.css';

const CHECK_TAGS: Record<VolunteerCheck['state'], { colour: 'green' | 'orange' | 'red'; text: string }> = {
  valid: { colour: 'green', text: 'In date' },
  due_soon: { colour: 'orange', text: 'Due for renewal' },
  expired: { colour: 'red', text: 'Expired' },
};

/** An NHS.UK "details" reveal: the page's forms stay folded until wanted (a long page on a phone). */
function Reveal({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}

const CHECK_COLUMNS: DataColumn<VolunteerCheck>[] = [
  { header: 'Check or training', cell: (c) => c.kindLabel },
  { header: 'Details', cell: (c) => c.detail ?? '' },
  { header: 'Done', cell: (c) => formatDate(c.completedOn) },
  { header: 'Expires', cell: (c) => (c.expiresOn ? formatDate(c.expiresOn) : 'Does not expire') },
  { header: 'Status', cell: (c) => <Tag colour={CHECK_TAGS[c.state].colour}>{CHECK_TAGS[c.state].text}</Tag> },
];

/** A volunteer's record: contact details, checks, befriending, hours, and their ending. Every opening is audited. */
export function VolunteerPage() {
  const { volunteerId = '' } = useParams();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const { data: v, error, isPending } = useVolunteer(volunteerId);
  const arrivedWith = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(arrivedWith);
  const [conflictNotice, setConflict] = useState<string | null>(null);
  const match = useSubmit({
    mutationFn: (referralId: string) => startBefriending(volunteerId, referralId),
    labels: { referralId: 'Person' },
    onSuccess: (record) => saved(record, 'Befriending started: the case timeline shows it'),
  });
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : v ? `Volunteer: ${v.name}` : 'Volunteer');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the volunteer's record" />;

  async function saved(record: VolunteerRecord, message: string) {
    await volunteerSaved(queryClient, record);
    setConflict(null);
    setNotice(message);
    window.scrollTo(0, 0);
  }
  const reload = async (detail: string) => {
    setConflict(detail);
    await queryClient.invalidateQueries({ queryKey: volunteerKey(volunteerId) });
  };
  const manage = v.may.manage;
  const active = v.status === 'active';
  const openBefriending = v.befriending.filter((b) => !b.endedOn);

  return (
    <>
      <BackLink to="/volunteers">Volunteers</BackLink>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      {conflictNotice && (
        <NotificationBanner heading={conflictNotice}>The page now shows the latest details.</NotificationBanner>
      )}
      <h1>
        <span className="nhsuk-caption-l">{v.roleLabel}</span>
        {v.name}
      </h1>
      <p>{active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Stopped volunteering</Tag>}</p>
      <h2>Details</h2>
      <SummaryList
        rows={[
          { key: 'Role', value: v.roleLabel },
          { key: 'Email address', value: v.email ?? 'Not given' },
          { key: 'Phone number', value: v.phone ?? 'Not given' },
          { key: 'Postcode', value: v.postcode ?? 'Not given' },
          {
            key: 'Availability',
            value: <span className="waymark-preserve-lines">{v.availability ?? 'Not given'}</span>,
          },
          { key: 'Started', value: formatDate(v.startedOn) },
          ...(v.endedOn ? [{ key: 'Stopped', value: `${formatDate(v.endedOn)}: ${v.endReasonLabel ?? ''}` }] : []),
          { key: 'Time given', value: formatMinutes(v.totalMinutes) },
        ]}
      />
      {manage && (
        <p>
          <Link to={`/volunteers/${v.id}/edit`}>
            Change details<span className="nhsuk-u-visually-hidden"> of {v.name}</span>
          </Link>
        </p>
      )}

      <h2>Checks and training</h2>
      {v.checks.length === 0 ? (
        <p>No checks or training recorded yet.</p>
      ) : (
        <DataTable caption="Checks and training" columns={CHECK_COLUMNS} rows={v.checks} rowKey={(c) => c.id} />
      )}
      {manage && (
        <Reveal summary="Record a check or training">
          <CheckForm volunteer={v} onSaved={saved} />
        </Reveal>
      )}

      <h2>Befriending</h2>
      {v.befriending.length === 0 ? (
        <p>{v.name} is not befriending anyone yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {v.befriending.map((b) => (
            <li key={b.id}>
              <p className="nhsuk-u-margin-bottom-2">
                <Link to={`/referrals/${b.referralId}/case`}>{b.personName}</Link> · since {formatDate(b.startedOn)}
                {b.endedOn && ` · ended ${formatDate(b.endedOn)} (${b.endReasonLabel ?? ''})`}
              </p>
              {!b.endedOn && hasPermission(me, 'case.write') && (
                <EndBefriendingForm volunteer={v} assignmentId={b.id} personName={b.personName} onSaved={saved} />
              )}
            </li>
          ))}
        </ul>
      )}
      {active && hasPermission(me, 'case.write') && (
        <>
          <ErrorSummary errors={match.errors.form ? [{ message: match.errors.form }] : []} revision={match.errors} />
          <CaseSearch
            id="befriend"
            heading={`Match ${v.name} with a person`}
            hint="Someone with an open case with your team. Only the case's worker, a colleague covering it or the team lead can add a befriender."
            actionLabel="Match as befriender"
            exclude={openBefriending.map((b) => b.referralId)}
            busyWith={match.sending}
            onPick={(c) => void match.submit(c.referralId)}
          />
        </>
      )}

      <h2>Hours</h2>
      {v.hours.length === 0 ? (
        <p>No hours logged yet.</p>
      ) : (
        <DataTable
          caption="Hours given"
          columns={[
            { header: 'Date', cell: (h) => formatDate(h.workedOn) },
            { header: 'Time', cell: (h) => formatMinutes(h.minutes) },
            { header: 'What they did', cell: (h) => h.activity },
            { header: 'Logged by', cell: (h) => h.recordedBy ?? '' },
          ]}
          rows={v.hours}
          rowKey={(h) => h.id}
        />
      )}
      {manage && (
        <Reveal summary="Log hours">
          <HoursForm volunteer={v} onSaved={saved} />
        </Reveal>
      )}

      {manage && (
        <>
          <h2>Stopping</h2>
          <Reveal summary={`${v.name} has stopped volunteering`}>
            <EndVolunteeringForm volunteer={v} onSaved={saved} onConflict={reload} />
          </Reveal>
        </>
      )}
    </>
  );
}
