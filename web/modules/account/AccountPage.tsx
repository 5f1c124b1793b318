import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me, SecondFactorSetup } from '../../../common/api-types';
import { rememberSignedIn, useSignedInMe, useSignOut } from '../../app/session';
import { useFocusHeadingOnChange } from '../../app/use-focus-on-navigation';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { AuthenticatorSetup } from '../auth/AuthenticatorSetup';
import { startSecondFactorSetup } from '../auth/auth-api';

type Mode = { kind: 'details'; justEnrolled: boolean } | { kind: 'setup'; setup: SecondFactorSetup };

export function AccountPage() {
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: 'details', justEnrolled: false });
  useFocusHeadingOnChange(mode.kind);

  if (mode.kind === 'setup') {
    return (
      <AuthenticatorSetup
        setup={mode.setup}
        onEnrolled={(updated: Me) => {
          rememberSignedIn(queryClient, updated);
          setMode({ kind: 'details', justEnrolled: true });
        }}
        intro={
          <p>
            With two-factor authentication on, Waymark asks for a code from an authenticator app as well as your
            password each time you sign in. It protects the personal information in Waymark if your password is ever
            guessed or stolen.
          </p>
        }
        footer={
          <p>
            <button
              type="button"
              className="waymark-link-button"
              onClick={() => setMode({ kind: 'details', justEnrolled: false })}
            >
              Cancel and go back to your account
            </button>
          </p>
        }
      />
    );
  }
  return (
    <AccountDetails me={me} justEnrolled={mode.justEnrolled} onSetup={(setup) => setMode({ kind: 'setup', setup })} />
  );
}

function AccountDetails({
  me,
  justEnrolled,
  onSetup,
}: {
  me: Me;
  justEnrolled: boolean;
  onSetup: (setup: SecondFactorSetup) => void;
}) {
  const setup = useSubmit({ mutationFn: startSecondFactorSetup, labels: {}, onSuccess: onSetup });
  const { busy, errors } = setup;
  const signOut = useSignOut();
  usePageTitle('Your account', errors.form !== null);
  const { user, organisation, pcn } = me;
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, [])} revision={errors} />
        {justEnrolled && <NotificationBanner variant="success" heading="Two-factor authentication is on" />}
        {!justEnrolled && notice && <NotificationBanner variant="success" heading={notice} />}
        <h1>Your account</h1>
        <SummaryList
          rows={[
            { key: 'Name', value: user.name },
            { key: 'Email address', value: user.email },
            { key: 'Role', value: user.roleLabel },
            { key: 'Organisation', value: organisation.name },
            ...(pcn && pcn.id !== organisation.id ? [{ key: 'Primary care network', value: pcn.name }] : []),
            { key: 'Two-factor authentication', value: user.secondFactorEnabled ? 'On' : 'Off' },
          ]}
        />

        <h2>Password</h2>
        <p>
          <Link to="/account/password">Change your password</Link>
        </p>

        <h2>Two-factor authentication</h2>
        {user.secondFactorEnabled ? (
          <p>Waymark asks for a code from your authenticator app each time you sign in.</p>
        ) : (
          <>
            <p>
              Protect your account with a code from an authenticator app on your phone or computer, as well as your
              password.
            </p>
            <Button
              type="button"
              variant="secondary"
              aria-disabled={busy || undefined}
              onClick={() => void setup.submit(undefined)}
            >
              Set up two-factor authentication
            </Button>
          </>
        )}

        <h2>Sign out</h2>
        <p>Sign out when you have finished, especially on a shared computer.</p>
        <Button type="button" variant="secondary" onClick={() => void signOut()}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
