import { TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useFocusHeadingOnChange } from '../../app/use-focus-on-navigation';
import { useSubmit } from '../../app/use-submit';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { requestPasswordReset } from './password-api';

/** "Forgotten your password?": asks for the address, then says the same whatever it was. */
export function ForgotPasswordPage() {
  const [sent, setSent] = useState<{ email: string; message: string } | null>(null);
  const write = useSubmit({
    mutationFn: requestPasswordReset,
    labels: { email: 'Email address' },
    onSuccess: ({ message }, email: string) => setSent({ email, message }),
  });
  const { busy, errors, setErrors } = write;
  usePageTitle(sent ? 'Check your email' : 'Reset your password', hasErrors(errors));
  useFocusHeadingOnChange(sent ? 'sent' : 'form');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      const message = email
        ? 'Enter an email address in the correct format, like name@example.org'
        : 'Enter your email address';
      return setErrors({ fields: { email: message }, form: null });
    }
    void write.submit(email);
  }

  if (sent) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Check your email</h1>
          <p>{sent.message}</p>
          <p>
            We sent it to <strong className="waymark-break">{sent.email}</strong>, if that address has an account. It
            can take a few minutes to arrive: check your junk folder too.
          </p>
          <p>
            If nothing arrives, ask your team lead or your ICB’s digital team: they can check the address on your
            account.
          </p>
          <p>
            <Link to="/sign-in">Go back to sign in</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/sign-in">Back to sign in</BackLink>
        <ErrorSummary errors={summaryOf(errors, ['email'], 'email')} revision={errors} />
        <h1>Reset your password</h1>
        <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
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
          <Button aria-disabled={busy || undefined}>{busy ? 'Sending…' : 'Send the link'}</Button>
        </form>
      </div>
    </div>
  );
}
