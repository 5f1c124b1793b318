import { Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import type { ReferralView } from '../../../common/api-types';
import { CLOSURE_REASONS, type ClosureReason } from '../../../common/referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { closeReferral } from './triage-api';

const LABELS = { action: 'Decline or redirect', reason: 'Reason', note: 'Note' };
const ORDER = Object.keys(LABELS);

/** Decline, or redirect to a better service, with a reason from the list. The practice is told. */
export function CloseReferralForm({
  referral,
  onDone,
  onConflict,
}: {
  referral: ReferralView;
  onDone: (view: ReferralView) => void;
  onConflict: (message: string) => void;
}) {
  const [version] = useState(referral.version);
  const {
    submit: close,
    busy,
    errors,
    setErrors,
  } = useSubmit({
    mutationFn: (input: { action: 'decline' | 'redirect'; reason: ClosureReason; note?: string }) =>
      closeReferral(referral.id, input.action, { version, reason: input.reason, note: input.note }),
    labels: LABELS,
    onSuccess: onDone,
    onConflict,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = String(form.get('action') ?? '');
    const reason = String(form.get('reason') ?? '');
    const note = String(form.get('note') ?? '').trim();
    const fields: Record<string, string> = {};
    if (action !== 'decline' && action !== 'redirect') fields.action = 'Select decline or redirect';
    if (!reason) fields.reason = 'Select a reason';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    void close({ action: action as 'decline' | 'redirect', reason: reason as ClosureReason, note: note || undefined });
  }

  return (
    <details className="nhsuk-details" open={hasErrors(errors) || undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text" id="close-heading">
          Decline or redirect this referral instead
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate aria-labelledby="close-heading">
          <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
          <p>The referring practice is emailed the decision and the reason, never your note.</p>
          <Radios
            name="action"
            legend="What do you want to do?"
            error={errors.fields.action}
            options={[
              { value: 'decline', label: 'Decline the referral' },
              { value: 'redirect', label: 'Redirect to another service', hint: 'For example, urgent care in a crisis' },
            ]}
          />
          <Radios
            name="reason"
            legend="Reason"
            error={errors.fields.reason}
            options={(Object.keys(CLOSURE_REASONS) as ClosureReason[]).map((key) => ({
              value: key,
              label: CLOSURE_REASONS[key],
            }))}
          />
          <Textarea id="note" name="note" label="Note for the team (optional)" rows={3} error={errors.fields.note} />
          <Button variant="warning" aria-disabled={busy || undefined}>
            {busy ? 'Saving…' : 'Confirm'}
          </Button>
        </form>
      </div>
    </details>
  );
}
