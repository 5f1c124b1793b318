import { TextInput } from 'nhsuk-react-components';
import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import type { SignInResult } from '../../../common/api-types';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { type FormErrors, hasErrors, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { signIn } from './auth-api';

const LABELS = { email: 'Email address', password: 'Password' };

function validate(email: string, password: string): FormErrors {
  const fields: Record<string, string> = {};
  if (!email) fields.email = 'Enter your email address';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email))
    fields.email = 'Enter an email address in the correct format, like name@example.com';
  if (!password) fields.password = 'Enter your password';
  return { fields, form: null };
}

export function CredentialsForm({
  onResult,
  notice,
}: {
  onResult: (result: SignInResult) => void;
  notice?: ReactNode;
}) {
  const write = useSubmit({
    mutationFn: (input: { email: string; password: string }) => signIn(input.email, input.password),
    labels: LABELS,
    onSuccess: onResult,
    onError: () => {
      const passwordInput = document.getElementById('password') as HTMLInputElement | null;
      if (passwordInput) passwordInput.value = '';
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('Sign in', hasErrors(errors));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const found = validate(email, password);
    if (hasErrors(found)) return setErrors(found);
    void write.submit({ email, password });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['email', 'password'], 'email')} revision={errors} />
        {notice}
        <h1>Sign in to Waymark</h1>
        <p>
          Waymark is the social prescribing referral service for your primary care network. Sign in with the email
          address and password your ICB gave you.
        </p>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="email"
            name="email"
            type="email"
            label="Email address"
            autoComplete="username"
            spellCheck={false}
            error={errors.fields.email}
          />
          <TextInput
            id="password"
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            error={errors.fields.password}
          />
          <Button aria-disabled={busy || undefined}>{busy ? 'Signing in…' : 'Sign in'}</Button>
        </form>
        <p>
          <Link to="/forgot-password">Forgotten your password?</Link>
        </p>
      </div>
    </div>
  );
}
