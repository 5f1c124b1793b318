import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatNhsNumber } from '../../../common/nhs-number';
import { OTHERS_MAX, type RegisterEntry, type SessionRegister } from '../../../common/team-groups';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { formatWhen } from '../referrals/referral-format';
import { CaseSearch } from './CaseSearch';
import { groupsChanged, registerKey, saveRegister, useRegister } from './team-groups-api';
import './team-groups.css';

/** A session's register: the people with cases who came, by name, and how many others came. */
export function RegisterPage() {
  const { groupId = '', sessionId = '' } = useParams();
  const { data, error, isPending } = useRegister(groupId, sessionId);
  // Kept here: a save gives the register a new version, which starts the form afresh.
  const [notice, setNotice] = useState<string | null>(null);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : data ? `Register: ${data.group.name}` : 'Register');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the register" />;
  return <RegisterForm key={data.session.version} register={data} notice={notice} setNotice={setNotice} />;
}

function RegisterForm({
  register,
  notice,
  setNotice,
}: {
  register: SessionRegister;
  notice: string | null;
  setNotice: (notice: string) => void;
}) {
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const { group, session } = register;
  const [attendees, setAttendees] = useState<RegisterEntry[]>(register.attendees);
  const [others, setOthers] = useState(String(session.othersCount));
  const [conflict, setConflict] = useState<string | null>(null);
  const manage = hasPermission(me, 'group.manage');
  const upcoming =
    Date.parse(session.startsAt) > Date.now() &&
    new Date(session.startsAt).toDateString() !== new Date().toDateString();
  const write = useSubmit({
    mutationFn: (body: { referralIds: string[]; othersCount: number }) =>
      saveRegister(group.id, session.id, { ...body, version: session.version }),
    labels: { othersCount: 'Others who came', referralIds: 'People with cases' },
    onSuccess: async (saved) => {
      queryClient.setQueryData(registerKey(group.id, session.id), saved);
      await groupsChanged(queryClient);
      setNotice(`Register saved: ${saved.attendees.length} with cases, ${saved.session.othersCount} others`);
      window.scrollTo(0, 0);
    },
    onConflict: async (detail) => {
      setConflict(detail);
    },
  });
  const { busy, errors, setErrors } = write;
  const total = attendees.length + (Number(others) || 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const n = Number(others);
    if (!/^[0-9]+$/.test(others.trim()) || n > OTHERS_MAX) {
      return setErrors({
        fields: { othersCount: `Others who came must be a whole number from 0 to ${OTHERS_MAX}` },
        form: null,
      });
    }
    void write.submit({ referralIds: attendees.map((a) => a.referralId), othersCount: n });
  }

  return (
    <>
      <BackLink to={`/groups/${group.id}`}>{group.name}</BackLink>
      {notice && (
        <NotificationBanner variant="success" heading={notice}>
          Each person's case timeline shows the session.
        </NotificationBanner>
      )}
      {conflict && (
        <NotificationBanner heading={conflict}>
          <p>
            <Link to="." reloadDocument>
              Reload the register
            </Link>
          </p>
        </NotificationBanner>
      )}
      <h1>
        <span className="nhsuk-caption-l">
          {group.name} · {group.venue}
        </span>
        Register for {formatWhen(session.startsAt)}
      </h1>
      <p>
        {session.registerTaken
          ? `Taken${session.takenBy ? ` by ${session.takenBy}` : ''}. You can correct it.`
          : 'Add each person with a case with your team who came, then count everyone else.'}{' '}
        {group.capacity} places.
      </p>
      {upcoming ? (
        <p>This session has not happened yet: take the register on the day.</p>
      ) : (
        <>
          <h2>People with cases who came</h2>
          {attendees.length === 0 ? (
            <p>Nobody added yet.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--border">
              {attendees.map((a) => (
                <li key={a.referralId} className="waymark-pick">
                  <span>
                    <Link to={`/referrals/${a.referralId}/case`}>{a.personName}</Link>
                    {a.nhsNumber && (
                      <>
                        <br />
                        <span className="nhsuk-body-s">NHS number {formatNhsNumber(a.nhsNumber)}</span>
                      </>
                    )}
                  </span>
                  {manage && (
                    <Button
                      type="button"
                      variant="secondary"
                      small
                      className="nhsuk-u-margin-bottom-0"
                      onClick={() => setAttendees(attendees.filter((x) => x.referralId !== a.referralId))}
                    >
                      Remove<span className="nhsuk-u-visually-hidden"> {a.personName}</span>
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {manage && (
            <>
              <CaseSearch
                id="attendee"
                heading="Add a person with a case"
                hint="Search your team's open cases"
                actionLabel="Add to register"
                exclude={attendees.map((a) => a.referralId)}
                onPick={(c) =>
                  setAttendees([
                    ...attendees,
                    { referralId: c.referralId, personName: c.personName, nhsNumber: c.nhsNumber },
                  ])
                }
              />
              <form onSubmit={submit} noValidate aria-labelledby="save-heading">
                <h2 id="save-heading">Everyone else</h2>
                <ErrorSummary errors={summaryOf(errors, ['othersCount', 'referralIds'])} revision={errors} />
                <TextField
                  id="othersCount"
                  label="Others who came"
                  hint="People without a case with your team: a number, no names"
                  inputMode="numeric"
                  width={4}
                  value={others}
                  error={errors.fields.othersCount ?? errors.fields.referralIds}
                  onChange={setOthers}
                />
                <p>
                  {total} came in all{total > group.capacity ? `: more than the ${group.capacity} places` : ''}.
                </p>
                <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save register'}</Button>
              </form>
            </>
          )}
        </>
      )}
    </>
  );
}
