import type { Me } from '../../../common/api-types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { submitSecondFactor } from './auth-api';
import { CodeInput } from './CodeInput';
import { useCodeForm } from './use-code-form';

export function SecondFactorForm({
  onSignedIn,
  onStartAgain,
}: {
  onSignedIn: (me: Me) => void;
  onStartAgain: () => void;
}) {
  const { errors, busy, submit, hasErrors } = useCodeForm(submitSecondFactor, onSignedIn);
  usePageTitle('Enter your security code', hasErrors);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['code'], 'code')} revision={errors} />
        <h1>Enter your security code</h1>
        <p>Open the authenticator app you set up for Waymark and enter the 6-digit code it shows for Waymark.</p>
        <form onSubmit={submit} noValidate>
          <CodeInput error={errors.fields.code} />
          <Button aria-disabled={busy || undefined}>{busy ? 'Checking…' : 'Continue'}</Button>
        </form>
        <p>
          <button type="button" className="waymark-link-button" onClick={onStartAgain}>
            Sign in with a different account
          </button>
        </p>
      </div>
    </div>
  );
}
