import { useQueryClient } from '@tanstack/react-query';
import { TextInput } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { forgetSession, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { NewPasswordInput } from '../auth/NewPasswordInput';
import { changePassword, newPasswordError } from '../auth/password-api';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };

export function ChangePasswordPage() {
  const me = useSignedInMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const write = useSubmit({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      changePassword(input.currentPassword, input.newPassword),
    labels: LABELS,
    onSuccess: () => navigate('/account', { state: { notice: 'Your password has been changed' } }),
    onError: (error) => {
      // Too many wrong current passwords end the session everywhere: the sign-in page says why.
      if (error instanceof ApiError && error.status === 401)
        forgetSession(queryClient, error.problem.code === 'account_locked' ? 'locked' : 'expired');
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('Change your password', hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const fields: Record<string, string> = {};
    if (!currentPassword) fields.currentPassword = 'Enter your current password';
    const weak = newPasswordError(newPassword, me.user.email);
    if (weak) fields.newPassword = weak;
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ currentPassword, newPassword });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/account">Back to your account</BackLink>
        <ErrorSummary errors={summaryOf(errors, ['currentPassword', 'newPassword'])} revision={errors} />
        <h1>Change your password</h1>
        <p>When you change it, Waymark signs you out on every other device and emails you to say so.</p>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="currentPassword"
            name="currentPassword"
            type="password"
            label={LABELS.currentPassword}
            autoComplete="current-password"
            error={errors.fields.currentPassword}
          />
          <NewPasswordInput error={errors.fields.newPassword} />
          <Button aria-disabled={busy || undefined}>{busy ? 'Changing…' : 'Change password'}</Button>
        </form>
      </div>
    </div>
  );
}
