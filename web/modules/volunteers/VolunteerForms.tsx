import { Select, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import {
  BEFRIENDING_END_REASON_LABELS,
  BEFRIENDING_END_REASONS,
  VOLUNTEER_CHECK_KINDS,
  VOLUNTEER_CHECK_LABELS,
  VOLUNTEER_END_REASON_LABELS,
  VOLUNTEER_END_REASONS,
  VOLUNTEER_MINUTES_MAX,
} from '../../../common/volunteers';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { endBefriending, endVolunteering, logHours, recordCheck, type VolunteerRecord } from './volunteers-api';

type Saved = (record: VolunteerRecord, notice: string) => unknown;

/** A check or a piece of training, with the date it was done and, if it runs out, when. */
export function CheckForm({ volunteer, onSaved }: { volunteer: VolunteerRecord; onSaved: Saved }) {
  const [round, setRound] = useState(0);
  const labels = { kind: 'Check or training', detail: 'Details', completedOn: 'Date done', expiresOn: 'Expiry date' };
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof recordCheck>[1]) => recordCheck(volunteer.id, body),
    labels,
    onSuccess: async (record) => {
      setRound((n) => n + 1);
      await onSaved(record, 'Check recorded');
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const kind = String(form.get('kind') ?? '');
    const detail = String(form.get('detail') ?? '').trim() || null;
    const done = readDate(form, 'completedOn', 'Date done');
    const expires = readDate(form, 'expiresOn', 'Expiry date');
    const fields: Record<string, string> = {};
    if (!kind) fields.kind = 'Select the check or training';
    if (done.error) fields.completedOn = done.error;
    else if (!done.value) fields.completedOn = 'Enter the date it was done';
    if (expires.error) fields.expiresOn = expires.error;
    else if (done.value && expires.value && expires.value <= done.value) {
      fields.expiresOn = 'Expiry date must be after the date it was done';
    }
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ kind, detail, completedOn: done.value as string, expiresOn: expires.value ?? null });
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-label="Record a check or training">
      <ErrorSummary
        errors={summaryOf(errors, ['kind', 'detail', 'completedOn', 'expiresOn'], undefined, {
          completedOn: 'completedOn-day',
          expiresOn: 'expiresOn-day',
        })}
        revision={errors}
      />
      <Select id="kind" name="kind" label={labels.kind} defaultValue="" error={errors.fields.kind}>
        <Select.Option value="">Select one</Select.Option>
        {VOLUNTEER_CHECK_KINDS.map((k) => (
          <Select.Option key={k} value={k}>
            {VOLUNTEER_CHECK_LABELS[k]}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        id="detail"
        name="detail"
        label="Details (optional)"
        hint="For example: enhanced DBS, certificate number 001234567890; or the course's name"
        error={errors.fields.detail}
      />
      <DateInput id="completedOn" legend="Date done" error={errors.fields.completedOn} />
      <DateInput
        id="expiresOn"
        legend="Expiry date (optional)"
        hint="When it must be renewed, if it runs out"
        error={errors.fields.expiresOn}
      />
      <Button variant="secondary" aria-disabled={busy || undefined}>
        {busy ? 'Saving…' : 'Record check'}
      </Button>
    </form>
  );
}

export function HoursForm({ volunteer, onSaved }: { volunteer: VolunteerRecord; onSaved: Saved }) {
  const [round, setRound] = useState(0);
  const labels = { workedOn: 'Date', minutes: 'Time given', activity: 'What they did' };
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof logHours>[1]) => logHours(volunteer.id, body),
    labels,
    onSuccess: async (record) => {
      setRound((n) => n + 1);
      await onSaved(record, 'Hours logged');
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const worked = readDate(form, 'workedOn', 'Date');
    const minutesText = String(form.get('minutes') ?? '').trim();
    const activity = String(form.get('activity') ?? '').trim();
    const minutes = Number(minutesText);
    const fields: Record<string, string> = {};
    if (worked.error) fields.workedOn = worked.error;
    else if (!worked.value) fields.workedOn = 'Enter the date';
    if (!/^[0-9]+$/.test(minutesText) || minutes < 1 || minutes > VOLUNTEER_MINUTES_MAX) {
      fields.minutes = `Time given must be a whole number of minutes from 1 to ${VOLUNTEER_MINUTES_MAX}`;
    }
    if (!activity) fields.activity = 'Enter what they did';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ workedOn: worked.value as string, minutes, activity });
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-label="Log hours">
      <ErrorSummary
        errors={summaryOf(errors, ['workedOn', 'minutes', 'activity'], undefined, { workedOn: 'workedOn-day' })}
        revision={errors}
      />
      <DateInput id="workedOn" legend="Date" error={errors.fields.workedOn} />
      <TextInput
        id="minutes"
        name="minutes"
        label="Time given, in minutes"
        hint="For example, 90 for an hour and a half"
        inputMode="numeric"
        width={4}
        error={errors.fields.minutes}
      />
      <TextInput
        id="activity"
        name="activity"
        label={labels.activity}
        hint="For example: befriending visit, walking group helper"
        error={errors.fields.activity}
      />
      <Button variant="secondary" aria-disabled={busy || undefined}>
        {busy ? 'Saving…' : 'Log hours'}
      </Button>
    </form>
  );
}

/** Ending: the record stays, with the date and the reason; any befriending ends with it. */
export function EndVolunteeringForm({
  volunteer,
  onSaved,
  onConflict,
}: {
  volunteer: VolunteerRecord;
  onSaved: Saved;
  onConflict: (detail: string) => unknown;
}) {
  const labels = { endedOn: 'Last day', reason: 'Reason' };
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof endVolunteering>[1]) => endVolunteering(volunteer.id, body),
    labels,
    onSuccess: (record) => onSaved(record, `${record.name} has stopped volunteering`),
    onConflict,
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ended = readDate(form, 'endedOn', 'Last day');
    const reason = String(form.get('reason') ?? '');
    const fields: Record<string, string> = {};
    if (ended.error) fields.endedOn = ended.error;
    else if (!ended.value) fields.endedOn = 'Enter their last day';
    if (!reason) fields.reason = 'Select a reason';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ endedOn: ended.value as string, reason, version: volunteer.version });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Stop volunteering">
      <p>
        When {volunteer.name} stops, their record is kept with the date and reason. Any befriending they do ends the
        same day, and each case shows it.
      </p>
      <ErrorSummary
        errors={summaryOf(errors, ['endedOn', 'reason'], undefined, { endedOn: 'endedOn-day' })}
        revision={errors}
      />
      <DateInput id="endedOn" legend="Last day" error={errors.fields.endedOn} />
      <Radios
        name="reason"
        legend="Reason"
        error={errors.fields.reason}
        options={VOLUNTEER_END_REASONS.map((r) => ({ value: r, label: VOLUNTEER_END_REASON_LABELS[r] }))}
      />
      <Button variant="warning" aria-disabled={busy || undefined}>
        {busy ? 'Saving…' : 'Record that they have stopped'}
      </Button>
    </form>
  );
}

/** Ends one befriending, with its reason (a row of the befriending table). */
export function EndBefriendingForm({
  volunteer,
  assignmentId,
  personName,
  onSaved,
}: {
  volunteer: VolunteerRecord;
  assignmentId: string;
  personName: string;
  onSaved: Saved;
}) {
  const id = `end-${assignmentId}`;
  const write = useSubmit({
    mutationFn: (reason: string) => endBefriending(volunteer.id, assignmentId, reason),
    labels: { reason: 'Reason' },
    onSuccess: (record) => onSaved(record, `Befriending of ${personName} ended`),
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    if (!reason) return setErrors({ fields: { reason: 'Select why it ends' }, form: null });
    void write.submit(reason);
  }

  return (
    <form onSubmit={submit} noValidate className="waymark-inline-form">
      {errors.form && <p className="nhsuk-error-message">{errors.form}</p>}
      <Select id={id} name="reason" label={`Why it ends (${personName})`} defaultValue="" error={errors.fields.reason}>
        <Select.Option value="">Select a reason</Select.Option>
        {BEFRIENDING_END_REASONS.map((r) => (
          <Select.Option key={r} value={r}>
            {BEFRIENDING_END_REASON_LABELS[r]}
          </Select.Option>
        ))}
      </Select>
      <Button variant="secondary" small aria-disabled={busy || undefined}>
        {busy ? 'Saving…' : 'End befriending'}
        <span className="nhsuk-u-visually-hidden"> of {personName}</span>
      </Button>
    </form>
  );
}
