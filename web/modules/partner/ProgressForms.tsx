import { Textarea, TextInput } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import {
  ATTENDANCE_KIND_LABELS,
  ATTENDANCE_KINDS,
  type AttendanceKind,
  ONWARD_OUTCOME_LABELS,
  ONWARD_OUTCOMES,
  ONWARD_TEXT_MAX,
  type OnwardOutcome,
} from '../../../common/onward-referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { type AnswerFormProps, sendOf } from './AnswerForms';

/** Today in London, as the server checks "not in the future". */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

export function AttendanceForm({ referral, onSaved, onConflict, send }: AnswerFormProps) {
  const write = useSubmit({
    mutationFn: (body: { kind: AttendanceKind; on: string; sessions?: number }) =>
      sendOf({ referral, send })('attendance', { version: referral.version, ...body }),
    labels: { kind: 'Attendance', on: 'Date', sessions: 'Sessions' },
    onConflict,
    onSuccess: (_, body) =>
      onSaved(
        body.kind === 'attended'
          ? `Attendance recorded: ${body.sessions ?? 1} ${body.sessions === 1 || !body.sessions ? 'session' : 'sessions'}.`
          : 'Missed session recorded.',
      ),
  });
  const { errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const kind = String(form.get('kind') ?? '') as AttendanceKind;
    const on = readDate(form, 'on', 'Date');
    const sessionsText = String(form.get('sessions') ?? '').trim() || '1';
    const sessions = Number(sessionsText);
    const fields: Record<string, string> = {};
    if (!kind) fields.kind = 'Select whether the person attended';
    if (on.error) fields.on = on.error;
    else if (!on.value) fields.on = 'Enter the date of the session';
    else if (on.value > londonToday()) fields.on = 'Date must be today or in the past';
    if (kind === 'attended' && !(/^[0-9]+$/.test(sessionsText) && sessions >= 1 && sessions <= 200))
      fields.sessions = 'Sessions must be a whole number from 1 to 200';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setErrors(NO_ERRORS);
    void write.submit({ kind, on: on.value as string, ...(kind === 'attended' ? { sessions } : {}) });
  }

  return (
    <form noValidate aria-labelledby="attendance-heading" onSubmit={submit}>
      <h2 id="attendance-heading">Record attendance</h2>
      <ErrorSummary
        errors={summaryOf(errors, ['kind', 'on', 'sessions'], undefined, { on: 'on-day' })}
        revision={errors}
      />
      <Radios
        name="kind"
        legend="Did the person attend?"
        inline
        error={errors.fields.kind}
        options={ATTENDANCE_KINDS.map((k) => ({ value: k, label: ATTENDANCE_KIND_LABELS[k] }))}
      />
      <DateInput
        id="on"
        legend="Date of the session"
        hint="For example, 27 3 2026. Not before the referral was sent."
        defaultValue={londonToday()}
        error={errors.fields.on}
      />
      <TextInput
        id="sessions"
        name="sessions"
        label="Sessions attended"
        hint="If you are recording several sessions at once. Leave as 1 for a single session."
        inputMode="numeric"
        width={2}
        defaultValue="1"
        error={errors.fields.sessions}
      />
      <Button aria-disabled={write.busy || undefined}>{write.busy ? 'Saving…' : 'Record attendance'}</Button>
    </form>
  );
}

export function CloseForm({ referral, onSaved, onConflict, send }: AnswerFormProps) {
  const write = useSubmit({
    mutationFn: (body: { outcome: OnwardOutcome; note: string }) =>
      sendOf({ referral, send })('close', { version: referral.version, ...body }),
    labels: { outcome: 'Outcome', note: 'Note' },
    onConflict,
    onSuccess: () =>
      onSaved(`Referral closed.${referral.source === 'self' ? '' : ' The team has been told the outcome.'}`),
  });
  const { errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = String(form.get('outcome') ?? '') as OnwardOutcome;
    const note = String(form.get('outcomeNote') ?? '').trim();
    const fields: Record<string, string> = {};
    if (!outcome) fields.outcome = 'Select the outcome';
    if (!note) fields.note = 'Enter a short note on how it ended';
    else if (note.length > ONWARD_TEXT_MAX) fields.note = 'Note must be 2,000 characters or fewer';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setErrors(NO_ERRORS);
    void write.submit({ outcome, note });
  }

  return (
    <form noValidate aria-labelledby="close-heading" onSubmit={submit}>
      <h2 id="close-heading">Close the referral</h2>
      <ErrorSummary
        errors={summaryOf(errors, ['outcome', 'note'], undefined, { note: 'outcomeNote' })}
        revision={errors}
      />
      <Radios
        name="outcome"
        legend="What was the outcome?"
        error={errors.fields.outcome}
        options={ONWARD_OUTCOMES.map((o) => ({ value: o, label: ONWARD_OUTCOME_LABELS[o] }))}
      />
      <Textarea
        id="outcomeNote"
        name="outcomeNote"
        label={referral.source === 'self' ? 'Short note for your records' : 'Short note to the team'}
        hint={
          referral.source === 'self'
            ? 'How it went. Only your organisation reads this. Up to 2,000 characters.'
            : 'How it went and anything the team should know. Up to 2,000 characters.'
        }
        rows={3}
        error={errors.fields.note}
      />
      <Button variant="secondary" aria-disabled={write.busy || undefined}>
        {write.busy ? 'Closing…' : 'Close referral'}
      </Button>
    </form>
  );
}
