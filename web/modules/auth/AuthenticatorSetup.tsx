import type { ReactNode } from 'react';
import type { Me, SecondFactorSetup } from '../../../common/api-types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { usePageTitle } from '../../ui/use-page-title';
import { enrolSecondFactor } from './auth-api';
import { CodeInput } from './CodeInput';
import { groupSecret } from './code-format';
import { QrCode } from './QrCode';
import { useCodeForm } from './use-code-form';

/**
 * Set up a TOTP authenticator: the whole page. Used at first sign-in (required for admins) and
 * from the account page (optional for everyone else).
 */
export function AuthenticatorSetup({
  setup,
  onEnrolled,
  intro,
  footer,
}: {
  setup: SecondFactorSetup;
  onEnrolled: (me: Me) => void;
  intro: ReactNode;
  footer?: ReactNode;
}) {
  const { errors, busy, submit, hasErrors } = useCodeForm(enrolSecondFactor, onEnrolled);
  usePageTitle('Set up two-factor authentication', hasErrors);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['code'], 'code')} revision={errors} />
        <h1>Set up two-factor authentication</h1>
        {intro}
        <ol className="nhsuk-list nhsuk-list--number">
          <li>
            Open an authenticator app on your phone or computer, for example Microsoft Authenticator or Google
            Authenticator.
          </li>
          <li>
            Add a new account in the app and scan this QR code:
            <QrCode text={setup.otpauthUri} label="QR code for setting up Waymark in an authenticator app" />
            If you cannot scan it, type in this secret key instead (the spaces do not matter):
            <div className="waymark-secret">
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">Your secret key</p>
              <p className="waymark-secret__key" id="secret-key">
                {groupSecret(setup.secret)}
              </p>
            </div>
            <p>
              Or, if the app is on this device, use this set-up link:{' '}
              <a className="waymark-secret__uri" href={setup.otpauthUri} id="otpauth-uri">
                {setup.otpauthUri}
              </a>
            </p>
          </li>
          <li>Enter the 6-digit code the app now shows for Waymark.</li>
        </ol>
        <form onSubmit={submit} noValidate>
          <CodeInput error={errors.fields.code} />
          <Button aria-disabled={busy || undefined}>{busy ? 'Checking…' : 'Turn on two-factor authentication'}</Button>
        </form>
        {footer}
      </div>
    </div>
  );
}
