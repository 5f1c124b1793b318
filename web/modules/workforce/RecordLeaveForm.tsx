import { Select } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { LEAVE_REASONS, type LeaveReason, recordLeave, type WorkloadMember } from './workforce-api';

const LABELS = { userId: 'Who', startsOn: 'First day', endsOn: 'Last day', reason: 'Reason' };
const ORDER = ['userId', 'startsOn', 'endsOn', 'reason'];
const ANCHORS = { startsOn: 'startsOn-day', endsOn: 'endsOn-day' };

/** Records a period of leave: nobody on leave is given new referrals while it lasts. */
export function RecordLeaveForm({
  members,
  onRecorded,
}: {
  members: WorkloadMember[];
  onRecorded: (message: string) => void;
}) {
  const [round, setRound] = useState(0);
  const write = useSubmit({
    mutationFn: recordLeave,
    labels: LABELS,
    onSuccess: (item) => {
      setRound((n) => n + 1);
      onRecorded(`Leave recorded for ${item.name}`);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const userId = String(form.get('userId') ?? '');
    const reason = String(form.get('reason') ?? '') as LeaveReason;
    const starts = readDate(form, 'startsOn', 'First day');
    const ends = readDate(form, 'endsOn', 'Last day');
    const fields: Record<string, string> = {};
    if (!userId) fields.userId = 'Select who is away';
    if (starts.error) fields.startsOn = starts.error;
    else if (!starts.value) fields.startsOn = 'Enter the first day of leave';
    if (ends.error) fields.endsOn = ends.error;
    else if (!ends.value) fields.endsOn = 'Enter the last day of leave';
    if (starts.value && ends.value && ends.value < starts.value) {
      fields.endsOn = 'Last day must be the same as or after the first day';
    }
    if (!reason) fields.reason = 'Select a reason';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ userId, startsOn: starts.value as string, endsOn: ends.value as string, reason });
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-labelledby="record-leave-heading">
      <h2 id="record-leave-heading">Record leave</h2>
      <ErrorSummary errors={summaryOf(errors, ORDER, undefined, ANCHORS)} revision={errors} />
      <Select id="userId" name="userId" label="Who is away?" defaultValue="" error={errors.fields.userId}>
        <Select.Option value="">Select a team member</Select.Option>
        {members.map((m) => (
          <Select.Option key={m.id} value={m.id}>
            {m.name} ({m.roleLabel.toLowerCase()})
          </Select.Option>
        ))}
      </Select>
      <DateInput
        id="startsOn"
        legend="First day of leave"
        hint="For example, 15 3 2026"
        error={errors.fields.startsOn}
      />
      <DateInput id="endsOn" legend="Last day of leave" error={errors.fields.endsOn} />
      <Radios
        name="reason"
        legend="Reason"
        inline
        error={errors.fields.reason}
        options={LEAVE_REASONS.map((r) => ({ value: r.value, label: r.label }))}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Record leave'}</Button>
    </form>
  );
}
