import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  SUPERVISION_KIND_LABELS,
  SUPERVISION_KINDS,
  type SupervisionKind,
  type SupervisionSession,
  type TeamMemberProfile,
} from '../../../common/team';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatDay } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Radios } from '../../ui/Radios';
import { MemberFrame } from './MemberFrame';
import { DEVELOPMENT_KEY, MY_TASKS_KEY, profileKey, recordSupervision } from './team-api';
import { everyDays, SupervisionStatusText } from './team-format';

function notesCell(s: SupervisionSession, memberName: string) {
  if (s.privateNotes) return <span className="waymark-preserve-lines">{s.privateNotes}</span>;
  if (s.notesHidden) return `Private to ${memberName} and ${s.supervisorName}`;
  return 'None';
}

/** A member's supervision: how often it should happen, whether it is overdue, the sessions held. */
export function MemberSupervisionPage() {
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <MemberFrame section="supervision">
      {(p) => {
        const columns: DataColumn<SupervisionSession>[] = [
          { header: 'Date', cell: (s) => formatDay(s.heldOn) },
          { header: 'Kind', cell: (s) => SUPERVISION_KIND_LABELS[s.kind] },
          { header: 'Supervisor', cell: (s) => s.supervisorName },
          { header: 'Private notes', cell: (s) => notesCell(s, p.member.name) },
        ];
        const { status } = p.supervision;
        return (
          <>
            {saved && <NotificationBanner variant="success" heading={saved} />}
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                <strong>Supervision: </strong>
                <SupervisionStatusText status={status} />
                {status.intervalDays !== null && (
                  <span className="waymark-secondary-text">
                    Target for a {p.member.roleLabel.toLowerCase()}: {everyDays(status.intervalDays)} (any kind of
                    session counts)
                  </span>
                )}
              </p>
            </div>
            <h2>Sessions</h2>
            {p.supervision.sessions.length === 0 ? (
              <p>No supervision has been recorded yet.</p>
            ) : (
              <DataTable
                caption="Supervision sessions, newest first"
                columns={columns}
                rows={p.supervision.sessions}
                rowKey={(s) => s.id}
              />
            )}
            {p.supervisionGiven.length > 0 && <GivenSessions sessions={p.supervisionGiven} />}
            {p.canManage && <RecordSupervisionForm profile={p} onSaved={setSaved} />}
          </>
        );
      }}
    </MemberFrame>
  );
}

function GivenSessions({ sessions }: { sessions: TeamMemberProfile['supervisionGiven'] }) {
  const columns: DataColumn<TeamMemberProfile['supervisionGiven'][number]>[] = [
    { header: 'Date', cell: (s) => formatDay(s.heldOn) },
    { header: 'Who', cell: (s) => s.superviseeName },
    { header: 'Kind', cell: (s) => SUPERVISION_KIND_LABELS[s.kind] },
    { header: 'Private notes', cell: (s) => s.privateNotes ?? 'None' },
  ];
  return (
    <>
      <h2>Supervision you gave</h2>
      <DataTable
        caption="Sessions where you were the supervisor"
        columns={columns}
        rows={sessions}
        rowKey={(s) => s.id}
      />
    </>
  );
}

const LABELS = {
  heldOn: 'Date of the session',
  supervisorId: 'Supervisor',
  kind: 'Kind',
  privateNotes: 'Private notes',
};

function RecordSupervisionForm({ profile: p, onSaved }: { profile: TeamMemberProfile; onSaved: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [round, setRound] = useState(0);
  const [supervisor, setSupervisor] = useState('');
  const [notes, setNotes] = useState('');
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof recordSupervision>[1]) => recordSupervision(p.member.id, body),
    labels: LABELS,
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: profileKey(p.member.id) });
      await queryClient.invalidateQueries({ queryKey: DEVELOPMENT_KEY });
      await queryClient.invalidateQueries({ queryKey: MY_TASKS_KEY });
      setSupervisor('');
      setNotes('');
      setRound((n) => n + 1);
      onSaved(`Supervision on ${formatDay(s.heldOn)} recorded for ${p.member.name}`);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const held = readDate(form, 'heldOn', 'Date of the session');
    const kind = String(form.get('kind') ?? '');
    const fields: Record<string, string> = {};
    if (held.error) fields.heldOn = held.error;
    else if (!held.value) fields.heldOn = 'Enter the date of the session';
    if (!supervisor) fields.supervisorId = 'Select the supervisor';
    if (!kind) fields.kind = 'Select the kind of supervision';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      heldOn: held.value as string,
      supervisorId: supervisor,
      kind: kind as SupervisionKind,
      privateNotes: notes.trim() === '' ? null : notes,
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-supervision" key={round}>
      <h2 id="record-supervision">Record a supervision session</h2>
      <ErrorSummary
        errors={summaryOf(errors, Object.keys(LABELS), undefined, { heldOn: 'heldOn-day' })}
        revision={errors}
      />
      <DateInput id="heldOn" legend="Date of the session" hint="For example, 12 3 2026" error={errors.fields.heldOn} />
      <SelectField
        id="supervisorId"
        label="Supervisor"
        hint={`A colleague in ${p.member.name}’s team`}
        value={supervisor}
        error={errors.fields.supervisorId}
        options={[
          { value: '', text: 'Select the supervisor' },
          ...p.supervisorOptions.map((o) => ({ value: o.id, text: `${o.name} (${o.roleLabel.toLowerCase()})` })),
        ]}
        onChange={setSupervisor}
      />
      <Radios
        name="kind"
        legend="Kind of supervision"
        error={errors.fields.kind}
        options={SUPERVISION_KINDS.map((k) => ({ value: k, label: SUPERVISION_KIND_LABELS[k] }))}
      />
      <TextAreaField
        id="privateNotes"
        label="Private notes (optional)"
        hint={`Only ${p.member.name} and the supervisor can read these notes: not the team lead or an administrator, unless they are the supervisor`}
        rows={4}
        value={notes}
        error={errors.fields.privateNotes}
        onChange={setNotes}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Record supervision'}</Button>
    </form>
  );
}
