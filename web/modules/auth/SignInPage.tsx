import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Me, SecondFactorSetup, SignInResult } from '../../../common/api-types';
import { rememberSignedIn, type SignedOutReason, useMe } from '../../app/session';
import { useFocusHeadingOnChange } from '../../app/use-focus-on-navigation';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { AuthenticatorSetup } from './AuthenticatorSetup';
import { CredentialsForm } from './CredentialsForm';
import { SecondFactorForm } from './SecondFactorForm';

type Step = { kind: 'credentials' } | { kind: 'second-factor' } | { kind: 'setup'; setup: SecondFactorSetup };

function SignedOutNotice({ reason }: { reason: SignedOutReason | undefined }) {
  if (reason === 'signed-out') return <NotificationBanner variant="success" heading="You have signed out" />;
  if (reason === 'password-reset') {
    return (
      <NotificationBanner variant="success" heading="Your password has been changed">
        <p>Sign in with your new password.</p>
      </NotificationBanner>
    );
  }
  if (reason === 'locked') {
    return (
      <NotificationBanner heading="You have been signed out">
        <p>
          Your current password was entered wrongly too many times, so Waymark signed you out everywhere and paused
          sign-in to your account for a few minutes. If you have forgotten your password, reset it with the link below.
        </p>
      </NotificationBanner>
    );
  }
  if (reason === 'expired')
    return (
      <NotificationBanner heading="You have been signed out">
        <p>
          For your security, Waymark signs you out after 30 minutes without activity, and after 12 hours in any case.
          Sign in again to continue.
        </p>
      </NotificationBanner>
    );
  return null;
}

export function SignInPage() {
  const { data: me } = useMe();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const reason = (location.state as { reason?: SignedOutReason } | null)?.reason;
  useFocusHeadingOnChange(step.kind);

  function signedIn(signedInMe: Me) {
    rememberSignedIn(queryClient, signedInMe);
    navigate('/', { replace: true });
  }

  function onResult(result: SignInResult) {
    if (result.status === 'signed-in') signedIn(result.me);
    else if (result.status === 'second-factor-required') setStep({ kind: 'second-factor' });
    else setStep({ kind: 'setup', setup: result.setup });
  }

  // Already signed in (for example, the back button after signing in): nothing to do here.
  if (me && step.kind === 'credentials') return <Navigate to="/" replace />;

  switch (step.kind) {
    case 'credentials':
      return <CredentialsForm onResult={onResult} notice={<SignedOutNotice reason={reason} />} />;
    case 'second-factor':
      return <SecondFactorForm onSignedIn={signedIn} onStartAgain={() => setStep({ kind: 'credentials' })} />;
    case 'setup':
      return (
        <AuthenticatorSetup
          setup={step.setup}
          onEnrolled={signedIn}
          intro={
            <p>
              Administrators must use two-factor authentication. As well as your password, Waymark will ask for a code
              from an authenticator app each time you sign in.
            </p>
          }
        />
      );
  }
}
