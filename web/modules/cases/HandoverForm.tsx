import { Select, Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { useTeam } from '../team/team-api';
import { ConflictMessage } from '../triage/ConflictMessage';
import { reassignCase } from './cases-api';

const CASEWORK_ROLES = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];
const LABELS = { workerId: 'New worker', reason: 'Reason' };

/** The team lead hands the case to a colleague; everything recorded stays on the case. */
export function HandoverForm({
  referralId,
  version,
  currentWorkerId,
  onSaved,
  onReload,
}: {
  referralId: string;
  version: number;
  currentWorkerId: string | null;
  onSaved: (notice: string) => void;
  onReload: () => void;
}) {
  const team = useTeam();
  const [conflict, setConflict] = useState<string | null>(null);
  const members = (team.data?.members ?? []).filter(
    (m) => m.active && CASEWORK_ROLES.includes(m.role) && m.id !== currentWorkerId,
  );

  const write = useSubmit({
    mutationFn: (body: { workerId: string; reason: string }) => reassignCase(referralId, { version, ...body }),
    labels: LABELS,
    onConflict: setConflict,
    onSuccess: (_, { workerId }) => {
      // From the whole team, not `members`: the case's live update may already name the new
      // worker as the current one, which leaves them out of the choices.
      const name = team.data?.members.find((m) => m.id === workerId)?.name ?? 'a colleague';
      onSaved(`Case handed over to ${name}. They have been told.`);
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const workerId = String(form.get('workerId') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    const fields: Record<string, string> = {};
    if (!workerId) fields.workerId = 'Select who takes over the case';
    if (!reason) fields.reason = 'Enter why the case is handed over';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ workerId, reason });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="handover-heading">
      <h2 id="handover-heading">Hand over the case</h2>
      {conflict && <ConflictMessage message={conflict} onReload={onReload} />}
      <ErrorSummary
        errors={summaryOf(errors, ['workerId', 'reason'], undefined, {
          workerId: 'handover-workerId',
          reason: 'handover-reason',
        })}
        revision={errors}
      />
      <p>The new worker sees everything recorded so far: contacts, notes and the history.</p>
      <Select id="handover-workerId" name="workerId" label="New worker" error={errors.fields.workerId} defaultValue="">
        <Select.Option value="">Choose a member of the team</Select.Option>
        {members.map((m) => (
          <Select.Option key={m.id} value={m.id}>
            {m.name} ({m.roleLabel})
          </Select.Option>
        ))}
      </Select>
      <Textarea id="handover-reason" name="reason" label="Reason" rows={3} error={errors.fields.reason} />
      <Button variant="secondary" aria-disabled={busy || undefined}>
        {busy ? 'Handing over…' : 'Hand over'}
      </Button>
    </form>
  );
}
