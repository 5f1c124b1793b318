import { type FormEvent, useState } from 'react';
import type { ReferralView } from '../../../common/api-types';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { markSpam } from './triage-api';

/** For a self-referral from the public app that is not a real referral: out of the queue and the figures. */
export function MarkSpamForm({
  referral,
  onDone,
  onConflict,
}: {
  referral: ReferralView;
  onDone: (view: ReferralView) => void;
  onConflict: (message: string) => void;
}) {
  const [version] = useState(referral.version);
  const { submit, busy, errors } = useSubmit({
    mutationFn: () => markSpam(referral.id, { version }),
    labels: {},
    onSuccess: onDone,
    onConflict,
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit(undefined);
  }
  return (
    <details className="nhsuk-details" open={hasErrors(errors) || undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text" id="spam-heading">
          Not a real referral? Mark it as spam
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={onSubmit} noValidate aria-labelledby="spam-heading">
          <ErrorSummary errors={summaryOf(errors, [])} revision={errors} />
          <p>
            The referral leaves the queue and is left out of the figures. It is kept, with who marked it and when, so
            the decision can be checked. Nobody is told.
          </p>
          <Button variant="warning" aria-disabled={busy || undefined}>
            {busy ? 'Saving…' : 'Mark as spam'}
          </Button>
        </form>
      </div>
    </details>
  );
}
