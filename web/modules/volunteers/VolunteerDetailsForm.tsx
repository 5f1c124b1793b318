import { Select, Textarea, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { VOLUNTEER_ROLE_LABELS, VOLUNTEER_ROLES } from '../../../common/volunteers';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import type { VolunteerDetailsBody, VolunteerRecord } from './volunteers-api';

const LABELS = {
  name: 'Full name',
  role: 'Role',
  email: 'Email address',
  phone: 'Phone number',
  postcode: 'Postcode',
  availability: 'Availability',
  startedOn: 'Start date',
};
const ORDER = ['name', 'role', 'email', 'phone', 'postcode', 'availability', 'startedOn'];

const orNull = (v: FormDataEntryValue | null) => {
  const s = String(v ?? '').trim();
  return s === '' ? null : s;
};

/** A volunteer's details: recording a new one (with a start date) or changing them. */
export function VolunteerDetailsForm({
  current,
  submitLabel,
  save,
  onSaved,
  onConflict,
}: {
  current?: VolunteerRecord;
  submitLabel: string;
  save: (body: VolunteerDetailsBody & { startedOn?: string }) => Promise<VolunteerRecord>;
  onSaved: (record: VolunteerRecord) => unknown;
  onConflict?: (detail: string) => unknown;
}) {
  const write = useSubmit({ mutationFn: save, labels: LABELS, onSuccess: onSaved, onConflict });
  const { busy, errors, setErrors } = write;
  const [round] = useState(0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: VolunteerDetailsBody & { startedOn?: string } = {
      name: String(form.get('name') ?? '').trim(),
      role: String(form.get('role') ?? ''),
      email: orNull(form.get('email')),
      phone: orNull(form.get('phone')),
      postcode: orNull(form.get('postcode')),
      availability: orNull(form.get('availability')),
    };
    const fields: Record<string, string> = {};
    if (!body.name) fields.name = 'Enter their full name';
    if (!body.role) fields.role = 'Select their role';
    if (!current) {
      const started = readDate(form, 'startedOn', 'Start date');
      if (started.error) fields.startedOn = started.error;
      else if (!started.value) fields.startedOn = 'Enter the date they started';
      else body.startedOn = started.value;
    }
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit(body);
  }

  return (
    <form onSubmit={submit} noValidate key={round}>
      <ErrorSummary errors={summaryOf(errors, ORDER, undefined, { startedOn: 'startedOn-day' })} revision={errors} />
      <TextInput
        id="name"
        name="name"
        label={LABELS.name}
        defaultValue={current?.name}
        autoComplete="off"
        error={errors.fields.name}
      />
      <Select id="role" name="role" label={LABELS.role} defaultValue={current?.role ?? ''} error={errors.fields.role}>
        <Select.Option value="">Select a role</Select.Option>
        {VOLUNTEER_ROLES.map((r) => (
          <Select.Option key={r} value={r}>
            {VOLUNTEER_ROLE_LABELS[r]}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        id="email"
        name="email"
        type="email"
        label={`${LABELS.email} (optional)`}
        defaultValue={current?.email ?? ''}
        autoComplete="off"
        spellCheck={false}
        error={errors.fields.email}
      />
      <TextInput
        id="phone"
        name="phone"
        type="tel"
        label={`${LABELS.phone} (optional)`}
        defaultValue={current?.phone ?? ''}
        autoComplete="off"
        width={20}
        error={errors.fields.phone}
      />
      <TextInput
        id="postcode"
        name="postcode"
        label={`${LABELS.postcode} (optional)`}
        defaultValue={current?.postcode ?? ''}
        autoComplete="off"
        width={10}
        error={errors.fields.postcode}
      />
      <Textarea
        id="availability"
        name="availability"
        label={`${LABELS.availability} (optional)`}
        hint="When they can help, for example: Tuesday and Thursday afternoons"
        defaultValue={current?.availability ?? ''}
        rows={3}
        error={errors.fields.availability}
      />
      {!current && (
        <DateInput id="startedOn" legend="Start date" hint="For example, 15 3 2026" error={errors.fields.startedOn} />
      )}
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : submitLabel}</Button>
    </form>
  );
}
