import { useQueryClient } from '@tanstack/react-query';
import { Textarea, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReferralView } from '../../../common/api-types';
import { CONTACT_DURATION_MAX, type ContactMode } from '../../../common/cases';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { ContactHowFields } from '../cases/ContactHowFields';
import { durationError, futureContactErrors, todayIso } from '../cases/case-form';
import { ConflictMessage } from '../triage/ConflictMessage';
import { referralChanged, useReferral } from '../triage/triage-api';
import { CASELOAD_KEY, type FirstContactOutcome, recordFirstContact } from './caseload-api';

const LABELS = {
  outcome: 'Outcome',
  at: 'Date of the contact',
  time: 'Time',
  mode: 'How you reached them',
  durationMinutes: 'Duration',
  note: 'Note',
};
const ORDER = ['outcome', 'at', 'time', 'mode', 'durationMinutes', 'note'];

type FirstContact = Parameters<typeof recordFirstContact>[1];

const OUTCOME_NOTICE: Record<FirstContactOutcome, string> = {
  accepted: 'First contact recorded: they accepted social prescribing',
  declined: 'Recorded: they declined social prescribing. Their practice has been told.',
  not_contactable: 'Recorded: not contactable. The referral is closed and the practice has been told.',
};

/** The allocated (or covering) worker records the first contact and what the person said. */
export function FirstContactPage() {
  const { referralId = '' } = useParams();
  const me = useSignedInMe();
  const { data: r, error, isPending, refetch } = useReferral(referralId);
  const [round, setRound] = useState(0);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'Record first contact');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referral" />;
  const mine = r.allocatedWorker?.id === me.user.id || r.coverWorker?.id === me.user.id;
  if (!mine) return <NotFoundPage />;
  return (
    <FirstContactForm
      key={round}
      referral={r}
      onReload={async () => {
        await refetch();
        setRound((n) => n + 1);
      }}
    />
  );
}

function FirstContactForm({ referral: r, onReload }: { referral: ReferralView; onReload: () => Promise<void> }) {
  const [version] = useState(r.version);
  const [conflict, setConflict] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const who = `${r.person.givenName} ${r.person.familyName}`;
  const {
    submit: record,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (contact: FirstContact) => recordFirstContact(r.id, contact),
    labels: LABELS,
    onSuccess: async (view, contact) => {
      await referralChanged(queryClient, view);
      await queryClient.invalidateQueries({ queryKey: CASELOAD_KEY });
      navigate('/caseload', { state: { notice: `${OUTCOME_NOTICE[contact.outcome]} (${who})` } });
    },
    onConflict: setConflict,
  });
  usePageTitle(`Record first contact with ${who}`, hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = String(form.get('outcome') ?? '') as FirstContactOutcome;
    const date = readDate(form, 'at', 'Date');
    const time = String(form.get('time') ?? '').trim();
    const note = String(form.get('note') ?? '').trim();
    const mode = String(form.get('mode') ?? '') as ContactMode | '';
    const duration = String(form.get('durationMinutes') ?? '').trim();
    const minutes = Number(duration);
    const fields: Record<string, string> = {};
    if (!outcome) fields.outcome = 'Select what happened';
    // Reached (accepted or declined): the conversation is the case's first contact, counted like any other.
    const reached = outcome === 'accepted' || outcome === 'declined';
    if (reached && !mode) fields.mode = 'Select how you reached them';
    const badDuration = durationError(duration, reached, CONTACT_DURATION_MAX);
    if (badDuration) fields.durationMinutes = badDuration;
    if (date.error) fields.at = date.error;
    else if (!date.value) fields.at = 'Enter the date of the contact';
    if (time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) fields.time = 'Time must be like 14:30';
    if (note.length > 4000) fields.note = 'Note must be 4,000 characters or fewer';
    let at: string | undefined;
    if (date.value && !fields.time) {
      const isToday = date.value === todayIso();
      if (!(isToday && !time)) {
        // The browser's own clock and time zone: the worker's local time.
        const when = new Date(`${date.value}T${time ? time.padStart(5, '0') : '12:00'}:00`);
        Object.assign(fields, futureContactErrors(date.value, time));
        at = when.toISOString();
      }
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const met = reached && mode ? { mode, durationMinutes: minutes } : {};
    void record({ version, outcome, at, note: note || undefined, ...met });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/caseload">Your caseload</BackLink>
        {conflict && <ConflictMessage message={conflict} onReload={() => void onReload()} />}
        <ErrorSummary errors={summaryOf(errors, ORDER, undefined, { at: 'at-day' })} revision={errors} />
        <h1>
          <span className="nhsuk-caption-l">{who}</span>
          Record first contact
        </h1>
        {r.status !== 'allocated' ? (
          <p>
            First contact cannot be recorded: this referral is {r.status.replace('_', ' ')}.{' '}
            <Link to={`/referrals/${r.id}`}>See the referral</Link>
          </p>
        ) : (
          <form onSubmit={submit} noValidate>
            <Radios
              name="outcome"
              legend="What happened?"
              error={errors.fields.outcome}
              options={[
                {
                  value: 'accepted',
                  label: 'They accepted social prescribing',
                  hint: 'Coded SNOMED CT 871731000000106 (referral to social prescribing service)',
                },
                {
                  value: 'declined',
                  label: 'They declined social prescribing',
                  hint: 'Coded SNOMED CT 871711000000103. Their practice is told; the referral is closed.',
                },
                {
                  value: 'not_contactable',
                  label: 'I could not contact them',
                  hint: 'The referral is closed and their practice is told.',
                },
              ]}
            />
            <DateInput
              id="at"
              legend="Date of the contact or last attempt"
              defaultValue={todayIso()}
              error={errors.fields.at}
            />
            <TextInput
              id="time"
              name="time"
              label="Time (optional)"
              hint="24-hour clock, like 14:30. Leave empty for now (today) or midday (another day)."
              width={5}
              inputMode="numeric"
              autoComplete="off"
              error={errors.fields.time}
            />
            <ContactHowFields
              legend="How did you reach them?"
              hint="Not needed if you could not contact them"
              errors={errors.fields}
            />
            <Textarea id="note" name="note" label="Note (optional)" rows={3} error={errors.fields.note} />
            <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save'}</Button>
          </form>
        )}
        <p>
          <Link to={`/referrals/${r.id}`}>See the whole referral</Link>
        </p>
      </div>
    </div>
  );
}
