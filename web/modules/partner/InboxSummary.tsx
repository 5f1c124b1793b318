import { Link } from 'react-router';
import { useInbox } from './partner-api';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** On the partner's home page: what is waiting in the inbox, and the way in. */
export function InboxSummary() {
  const counts = useInbox('new').data?.counts;
  return (
    <div className="nhsuk-card nhsuk-card--feature">
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <h2 className="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">
          Referrals to your organisation
        </h2>
        {counts && (
          <p className="nhsuk-card__description">
            {plural(counts.new, 'new referral', 'new referrals')}, {plural(counts.waiting, 'referral', 'referrals')}{' '}
            waiting for your reply and {plural(counts.active, 'person', 'people')} with you now.
          </p>
        )}
        <p>
          <Link to="/partner/referrals">Open your referrals</Link>
        </p>
      </div>
    </div>
  );
}
