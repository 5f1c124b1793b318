import { TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import type { LinkState } from '../../../common/onward-referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { sendCode, verifyCode } from './link-api';

type Valid = Extract<LinkState, { state: 'valid' }>;

/**
 * Before any personal detail: the holder proves they read the mailbox the link was sent to, with
 * a 6-digit code emailed there. A forwarded link alone goes no further than this page.
 */
export function LinkCodeStep({
  token,
  link,
  onVerified,
  onEnded,
}: {
  token: string;
  link: Valid;
  onVerified: (access: string) => void;
  onEnded: () => void;
}) {
  const [sent, setSent] = useState<{ sentTo: string; expiresInMinutes: number } | null>(null);
  const endedOr404 = (error: unknown) => {
    if ((error as { status?: number }).status === 404) onEnded();
  };
  const request = useSubmit({
    mutationFn: () => sendCode(token),
    labels: {},
    onSuccess: (answer) => setSent(answer),
    onError: endedOr404,
  });
  const verify = useSubmit({
    mutationFn: (code: string) => verifyCode(token, code),
    labels: { code: 'Code' },
    onSuccess: (answer) => onVerified(answer.access),
    onError: endedOr404,
  });
  const errors = hasErrors(verify.errors) ? verify.errors : request.errors;
  const byText = link.codeBy === 'text';
  const from = byText ? 'text message' : 'email';
  usePageTitle(sent ? `Enter the code from your ${from}` : `A referral to ${link.serviceName}`, hasErrors(errors));

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      return verify.setErrors({ fields: { code: `Enter the 6-digit code from the ${from}` }, form: null });
    }
    verify.setErrors(NO_ERRORS);
    void verify.submit(code);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['code'])} revision={errors} />
        <h1>
          <span className="nhsuk-caption-l">{link.selfReferral ? 'Self-referral' : link.teamName}</span>A referral to{' '}
          {link.serviceName}
        </h1>
        <p>
          {link.selfReferral
            ? `Someone has referred themselves to ${link.serviceName} through Waymark, and agreed to send you their details.`
            : `${link.teamName} has referred someone to ${link.serviceName} through Waymark, with the person’s consent.`}
        </p>
        <p>
          To keep the person’s details safe, we first check that you can read the{' '}
          {byText ? 'text messages to the mobile' : 'email address'} the referral was sent to:{' '}
          <strong>{link.sentTo}</strong>.
        </p>
        {sent ? (
          <>
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p role="status">
                We have sent a 6-digit code to {sent.sentTo}. It works for {sent.expiresInMinutes} minutes.
              </p>
            </div>
            <form noValidate onSubmit={submitCode}>
              <TextInput
                id="code"
                name="code"
                label={`Code from the ${from}`}
                labelProps={{ size: 's' }}
                hint="6 digits, for example 123456"
                inputMode="numeric"
                autoComplete="one-time-code"
                spellCheck={false}
                width={10}
                error={verify.errors.fields.code}
              />
              <Button aria-disabled={verify.busy || undefined}>{verify.busy ? 'Checking…' : 'Continue'}</Button>
            </form>
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void request.submit(undefined);
              }}
            >
              <Button variant="secondary" aria-disabled={request.busy || undefined}>
                Send another code
              </Button>
            </form>
          </>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void request.submit(undefined);
            }}
          >
            <Button aria-disabled={request.busy || undefined}>
              {request.busy ? 'Sending…' : byText ? 'Text me a code' : 'Email me a code'}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
