import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { errorsFromApi, hasErrors, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { NewPasswordInput } from './NewPasswordInput';
import { newPasswordError, resetPassword } from './password-api';

const LABELS = { newPassword: 'New password' };

/** The token from the emailed link (#token=…), read once; the address bar then forgets it. */
function takeTokenFromAddress(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (token) window.history.replaceState(window.history.state, '', window.location.pathname);
  return token;
}

export function ResetPasswordPage() {
  const [token] = useState(takeTokenFromAddress);
  const navigate = useNavigate();
  const write = useSubmit({
    mutationFn: (newPassword: string) => resetPassword(token, newPassword),
    labels: LABELS,
    onSuccess: () => navigate('/sign-in', { replace: true, state: { reason: 'password-reset' } }),
    errorsFrom: (error) => {
      // A used or expired link is about the whole page, not a field the user can correct.
      const { fields, form } = errorsFromApi(error, { ...LABELS, token: 'Link' });
      const { token: linkProblem, ...rest } = fields;
      return { fields: rest, form: linkProblem ?? form };
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('Choose a new password', hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('newPassword') ?? '');
    // The server also refuses the account's own email address and common passwords.
    const weak = newPasswordError(newPassword, null);
    if (weak) return setErrors({ fields: { newPassword: weak }, form: null });
    void write.submit(newPassword);
  }

  if (!token) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>This link does not work</h1>
          <p>Open the link in the email again, all of it. If it still does not work, ask for a new one.</p>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['newPassword'])} revision={errors} />
        <h1>Choose a new password</h1>
        <p>When you save it, Waymark signs you out everywhere. Then sign in with your new password.</p>
        {errors.form?.includes('Ask for a new one') && (
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <NewPasswordInput error={errors.fields.newPassword} />
          <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save new password'}</Button>
        </form>
      </div>
    </div>
  );
}
