import type { FormEvent } from 'react';
import { Button } from '../../ui/Button';

/** Why a partner's proposal is rejected (an edit or a new listing): the partner sees the reason. */
export function RejectReasonForm({
  question,
  hint,
  action,
  reason,
  error,
  busy,
  onReason,
  onSubmit,
  onCancel,
}: {
  question: string;
  hint: string;
  action: string;
  reason: string;
  error: string | null;
  busy: boolean;
  onReason: (reason: string) => void;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="reject-reason">
          {question}
        </label>
        <div className="nhsuk-hint" id="reject-reason-hint">
          {hint}
        </div>
        {error && (
          <span className="nhsuk-error-message" id="reject-reason-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <textarea
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          id="reject-reason"
          rows={4}
          value={reason}
          aria-describedby={`reject-reason-hint${error ? ' reject-reason-error' : ''}`}
          onChange={(e) => onReason(e.target.value)}
        />
      </div>
      <div className="nhsuk-button-group">
        <Button variant="warning" aria-disabled={busy || undefined}>
          {action}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
