import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { type GroupSession, SESSION_DURATION_MAX } from '../../../common/team-groups';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatWhen } from '../referrals/referral-format';
import { addSession, type GroupRecord, groupKey, groupsChanged, useGroup } from './team-groups-api';
import './team-groups.css';

/** A London wall-clock date and time as an instant (the offset of that day: GMT or BST). */
export function londonInstant(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(guess);
  const [h, m] = shown.split(':').map(Number);
  const [wantH, wantM] = time.split(':').map(Number);
  const offsetMinutes = ((h ?? 0) - (wantH ?? 0)) * 60 + ((m ?? 0) - (wantM ?? 0));
  return new Date(guess.getTime() - offsetMinutes * 60_000).toISOString();
}

function AddSessionForm({ group, onSaved }: { group: GroupRecord; onSaved: (g: GroupRecord) => unknown }) {
  const [round, setRound] = useState(0);
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('60');
  const labels = { startsAt: 'Date and time', durationMinutes: 'Length' };
  const write = useSubmit({
    mutationFn: (body: { startsAt: string; durationMinutes: number }) => addSession(group.id, body),
    labels,
    onSuccess: async (g) => {
      setRound((n) => n + 1);
      await onSaved(g);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const day = readDate(new FormData(event.currentTarget), 'sessionOn', 'Date');
    const fields: Record<string, string> = {};
    if (day.error) fields.startsAt = day.error;
    else if (!day.value) fields.startsAt = 'Enter the date of the session';
    if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time)) fields.time = 'Enter the start time, like 10:30';
    const minutes = Number(duration);
    if (!/^[0-9]+$/.test(duration) || minutes < 1 || minutes > SESSION_DURATION_MAX) {
      fields.durationMinutes = `Length must be a whole number of minutes from 1 to ${SESSION_DURATION_MAX}`;
    }
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ startsAt: londonInstant(day.value as string, time), durationMinutes: minutes });
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-labelledby="session-heading">
      <h2 id="session-heading">Add a session</h2>
      <ErrorSummary
        errors={summaryOf(errors, ['startsAt', 'time', 'durationMinutes'], undefined, { startsAt: 'sessionOn-day' })}
        revision={errors}
      />
      <DateInput id="sessionOn" legend="Date" hint="For example, 9 12 2026" error={errors.fields.startsAt} />
      <TextField
        id="time"
        label="Start time"
        hint="24-hour clock, for example 10:00"
        width={5}
        value={time}
        error={errors.fields.time}
        onChange={setTime}
      />
      <TextField
        id="durationMinutes"
        label="Length, in minutes"
        inputMode="numeric"
        width={4}
        value={duration}
        error={errors.fields.durationMinutes}
        onChange={setDuration}
      />
      <Button variant="secondary" aria-disabled={busy || undefined}>
        {busy ? 'Saving…' : 'Add session'}
      </Button>
    </form>
  );
}

/** A group the team runs: when and where, who runs it, its directory listing, and its sessions' registers. */
export function GroupPage() {
  const { groupId = '' } = useParams();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const { data: g, error, isPending } = useGroup(groupId);
  const arrivedWith = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(arrivedWith);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : g ? g.name : 'Group');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the group" />;
  const manage = hasPermission(me, 'group.manage');
  const now = Date.now();

  const columns: DataColumn<GroupSession>[] = [
    { header: 'Session', cell: (s) => formatWhen(s.startsAt) },
    { header: 'Length', cell: (s) => `${s.durationMinutes} minutes` },
    {
      header: 'Register',
      cell: (s) =>
        s.registerTaken ? (
          <>
            <Tag colour="green">Taken</Tag> {s.caseAttendances} with cases, {s.othersCount} others
          </>
        ) : Date.parse(s.startsAt) > now ? (
          <Tag colour="blue">Planned</Tag>
        ) : (
          <Tag colour="orange">Not taken</Tag>
        ),
    },
    {
      header: 'Action',
      hiddenHeader: true,
      cell: (s) => (
        <Link to={`/groups/${g.id}/sessions/${s.id}`}>
          {s.registerTaken ? 'View register' : Date.parse(s.startsAt) > now ? 'Open' : 'Take register'}
          <span className="nhsuk-u-visually-hidden"> for {formatWhen(s.startsAt)}</span>
        </Link>
      ),
    },
  ];

  return (
    <>
      <BackLink to="/groups">Groups</BackLink>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>
        <span className="nhsuk-caption-l">A group your team runs</span>
        {g.name}
      </h1>
      {g.status === 'closed' && (
        <p>
          <Tag colour="grey">Closed</Tag>
        </p>
      )}
      {g.description && <p className="waymark-preserve-lines">{g.description}</p>}
      <SummaryList
        rows={[
          { key: 'When', value: g.schedule },
          { key: 'Where', value: g.venue },
          { key: 'Places', value: String(g.capacity) },
          {
            key: 'Run by',
            value:
              g.facilitators.length === 0 ? (
                'Nobody named yet'
              ) : (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {g.facilitators.map((f) => (
                    <li key={`${f.kind}:${f.id}`}>
                      {f.kind === 'volunteer' && hasPermission(me, 'volunteer.read') ? (
                        <Link to={`/volunteers/${f.id}`}>{f.name}</Link>
                      ) : (
                        f.name
                      )}{' '}
                      ({f.roleLabel.toLowerCase()}){!f.active && ' — no longer active'}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'In the directory',
            value: g.listing ? (
              <>
                <Link to={`/directory/services/${g.listing.id}`}>{g.listing.name}</Link> ({g.listing.organisation}): the
                public finds the group here
              </>
            ) : (
              'Not listed: the public cannot find this group yet'
            ),
          },
          {
            key: 'Last 90 days',
            value: `${g.sessionsHeld} sessions held; ${g.caseAttendances} attendances by ${g.peopleWithCases} people with cases; ${g.otherAttendances} by others`,
          },
        ]}
      />
      {manage && (
        <p>
          <Link to={`/groups/${g.id}/edit`}>
            Change the group<span className="nhsuk-u-visually-hidden">: {g.name}</span>
          </Link>
        </p>
      )}
      <h2>Sessions</h2>
      {g.sessions.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <DataTable caption={`Sessions of ${g.name}`} columns={columns} rows={g.sessions} rowKey={(s) => s.id} />
      )}
      {manage && g.status === 'active' && (
        <AddSessionForm
          group={g}
          onSaved={async (record) => {
            queryClient.setQueryData(groupKey(record.id), record);
            await groupsChanged(queryClient);
            setNotice('Session added');
          }}
        />
      )}
    </>
  );
}
