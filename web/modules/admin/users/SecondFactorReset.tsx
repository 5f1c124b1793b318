import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { StaffMember } from '../../../../common/api-types';
import { useSubmit } from '../../../app/use-submit';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { summaryOf } from '../../../ui/form-errors';
import { resetSecondFactor, USERS_KEY } from './users-api';

/**
 * Resetting a user's two-factor authentication (a lost or new phone): asked once more before it
 * happens, because it signs them out everywhere and weakens the account until they set it up again.
 */
export function SecondFactorReset({ user, isSelf }: { user: StaffMember; isSelf: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const reset = useSubmit({
    mutationFn: () => resetSecondFactor(user.id),
    labels: {},
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      navigate('/admin/users', { state: { notice: `${updated.name}'s two-factor authentication has been reset` } });
    },
    onError: () => setConfirming(false),
  });
  const { busy, errors } = reset;

  return (
    <section aria-labelledby="second-factor-heading">
      <ErrorSummary errors={summaryOf(errors, [])} revision={errors} />
      <h2 id="second-factor-heading">Two-factor authentication</h2>
      {!user.secondFactorEnabled ? (
        <p>
          Off.{' '}
          {user.role === 'admin'
            ? 'They will set up an authenticator app the next time they sign in.'
            : 'They can turn it on from their account page.'}
        </p>
      ) : isSelf ? (
        <p>On. To reset your own, ask another administrator in your ICB.</p>
      ) : confirming ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Reset {user.name}’s two-factor authentication?
          </h3>
          <p>
            Only do this when you are sure it is them asking, for example they have lost their phone. They will be
            signed out everywhere, and must set up an authenticator app again
            {user.role === 'admin' ? ' the next time they sign in' : ' from their account page'}.
          </p>
          <div className="nhsuk-button-group">
            <Button
              type="button"
              variant="warning"
              aria-disabled={busy || undefined}
              onClick={() => void reset.submit(undefined)}
            >
              {busy ? 'Resetting…' : 'Yes, reset it'}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p>On: they sign in with a code from an authenticator app.</p>
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            Reset two-factor authentication
          </Button>
        </>
      )}
    </section>
  );
}
