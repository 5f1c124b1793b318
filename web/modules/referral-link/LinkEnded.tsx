import { usePageTitle } from '../../ui/use-page-title';

/**
 * The one page for a link that is unknown, expired or withdrawn: the server gives the same answer
 * for all three, so this says what to do without saying which, or anything about the referral.
 */
export function LinkEnded() {
  usePageTitle('This link no longer works');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>This link no longer works</h1>
        <p>
          Links to a referral work for a limited time, and the team that sent one can withdraw it. We cannot show this
          referral through this link.
        </p>
        <h2>What to do</h2>
        <p>
          Ask the social prescribing team that sent you the email for a new link. The email names the team, and says
          whom to contact there.
        </p>
        <p>If you copied the link from the email, check that you copied all of it, then try again.</p>
      </div>
    </div>
  );
}
