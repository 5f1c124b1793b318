import { Link, useLocation, useParams } from 'react-router';
import { referralReference } from '../../../common/referrals';
import { hasPermission, useSignedInMe } from '../../app/session';
import { usePageTitle } from '../../ui/use-page-title';

/** Shown after a referral was stored (the API answers only after its transaction commits). */
export function ReferralSentPage() {
  usePageTitle('Referral sent');
  const me = useSignedInMe();
  const { referralId = '' } = useParams();
  const personName = (useLocation().state as { personName?: string } | null)?.personName;
  const team = me.pcn?.name ?? 'your PCN';
  const isPractice = me.organisation.kind === 'practice';
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-panel">
          <h1 className="nhsuk-panel__heading">Referral sent</h1>
          <div className="nhsuk-panel__body">
            {personName && <p className="nhsuk-u-margin-bottom-2">for {personName}</p>}
            Your reference
            <br />
            <strong className="nhsuk-u-font-size-36">{referralReference(referralId)}</strong>
          </div>
        </div>
        <h2>What happens next</h2>
        <p>
          The referral is in the queue of the {team} social prescribing team. The team lead looks at new referrals,
          decides how soon the person should be contacted, and gives the referral to a member of the team.
        </p>
        <p>The team contacts the person the way they asked to be contacted.</p>
        {isPractice && hasPermission(me, 'referral.read') && (
          <p>
            You can follow it on <Link to={`/practice/referrals/${referralId}`}>the referral’s status page</Link>, and
            see all of <Link to="/practice/referrals">your practice’s referrals</Link>.
          </p>
        )}
        <p>
          <Link to="/referrals/new">Refer someone else</Link>
        </p>
      </div>
    </div>
  );
}
