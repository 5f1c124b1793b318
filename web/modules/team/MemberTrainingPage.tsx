import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RequirementStatus, TeamMemberProfile, TrainingRecord } from '../../../common/team';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatDay } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { MemberFrame } from './MemberFrame';
import { DEVELOPMENT_KEY, MY_TASKS_KEY, profileKey, recordTraining } from './team-api';
import { TrainingStatusTag } from './team-format';

const OTHER = 'other';

const REQUIREMENT_COLUMNS: DataColumn<RequirementStatus>[] = [
  {
    header: 'Training',
    cell: (r) => (
      <>
        {r.title}
        <span className="waymark-secondary-text">
          Source: {r.source}
          {r.sourceUrl && (
            <>
              {' '}
              (<a href={r.sourceUrl}>{new URL(r.sourceUrl).host}</a>)
            </>
          )}
        </span>
      </>
    ),
  },
  { header: 'Status', cell: (r) => <TrainingStatusTag status={r.status} /> },
  { header: 'Completed', cell: (r) => (r.completedOn ? formatDay(r.completedOn) : 'Not recorded') },
  {
    header: 'Valid until',
    cell: (r) => (r.expiresOn ? formatDay(r.expiresOn) : r.validityMonths === null ? 'Does not expire' : '—'),
  },
];

const RECORD_COLUMNS: DataColumn<TrainingRecord>[] = [
  { header: 'Training', cell: (t) => t.title },
  { header: 'Completed', cell: (t) => formatDay(t.completedOn) },
  { header: 'Evidence', cell: (t) => t.evidenceNote },
  { header: 'Recorded by', cell: (t) => t.recordedByName },
];

/** A member's required training (with due and expired flags) and every training recorded. */
export function MemberTrainingPage() {
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <MemberFrame section="training">
      {(p) => (
        <>
          {saved && <NotificationBanner variant="success" heading={saved} />}
          <h2>Required for a {p.member.roleLabel.toLowerCase()}</h2>
          {p.training.requirements.length === 0 ? (
            <p>No training is required for this role.</p>
          ) : (
            <DataTable
              caption="Required training and its status"
              columns={REQUIREMENT_COLUMNS}
              rows={p.training.requirements}
              rowKey={(r) => r.requirementId}
            />
          )}
          <h2>Training recorded</h2>
          {p.training.records.length === 0 ? (
            <p>No training has been recorded yet.</p>
          ) : (
            <DataTable
              caption="Completed training, newest first"
              columns={RECORD_COLUMNS}
              rows={p.training.records}
              rowKey={(t) => t.id}
            />
          )}
          {p.canManage && <RecordTrainingForm profile={p} onSaved={setSaved} />}
        </>
      )}
    </MemberFrame>
  );
}

const LABELS = {
  requirementId: 'Training',
  title: 'Name of the training',
  completedOn: 'Date completed',
  evidenceNote: 'Evidence',
};

function RecordTrainingForm({ profile: p, onSaved }: { profile: TeamMemberProfile; onSaved: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [round, setRound] = useState(0);
  const [requirement, setRequirement] = useState('');
  const [title, setTitle] = useState('');
  const [evidence, setEvidence] = useState('');
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof recordTraining>[1]) => recordTraining(p.member.id, body),
    labels: LABELS,
    onSuccess: async (record) => {
      await queryClient.invalidateQueries({ queryKey: profileKey(p.member.id) });
      await queryClient.invalidateQueries({ queryKey: DEVELOPMENT_KEY });
      await queryClient.invalidateQueries({ queryKey: MY_TASKS_KEY });
      setRequirement('');
      setTitle('');
      setEvidence('');
      setRound((n) => n + 1);
      onSaved(`${record.title} recorded for ${p.member.name}`);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const done = readDate(form, 'completedOn', 'Date completed');
    const fields: Record<string, string> = {};
    if (!requirement) fields.requirementId = 'Select the training';
    if (requirement === OTHER && !title.trim()) fields.title = 'Enter the name of the training';
    if (done.error) fields.completedOn = done.error;
    else if (!done.value) fields.completedOn = 'Enter the date the training was completed';
    if (!evidence.trim()) fields.evidenceNote = 'Enter the evidence, for example "certificate seen"';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      requirementId: requirement === OTHER ? null : requirement,
      title: requirement === OTHER ? title.trim() : null,
      completedOn: done.value as string,
      evidenceNote: evidence.trim(),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-training" key={round}>
      <h2 id="record-training">Record training</h2>
      <ErrorSummary
        errors={summaryOf(errors, Object.keys(LABELS), undefined, { completedOn: 'completedOn-day' })}
        revision={errors}
      />
      <SelectField
        id="requirementId"
        label="Training"
        value={requirement}
        error={errors.fields.requirementId}
        options={[
          { value: '', text: 'Select the training' },
          ...p.training.requirements.map((r) => ({ value: r.requirementId, text: r.title })),
          { value: OTHER, text: 'Other training (not a requirement)' },
        ]}
        onChange={setRequirement}
      />
      {requirement === OTHER && (
        <TextField
          id="title"
          label="Name of the training"
          value={title}
          error={errors.fields.title}
          onChange={setTitle}
        />
      )}
      <DateInput
        id="completedOn"
        legend="Date completed"
        hint="For example, 12 3 2026"
        error={errors.fields.completedOn}
      />
      <TextAreaField
        id="evidenceNote"
        label="Evidence"
        hint="What shows it was done: for example, certificate seen, certificate number, or where the record is kept"
        rows={3}
        value={evidence}
        error={errors.fields.evidenceNote}
        onChange={setEvidence}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Record training'}</Button>
    </form>
  );
}
