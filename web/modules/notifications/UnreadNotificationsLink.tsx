import { Link } from 'react-router';
import { useLiveNotificationRefresh, useUnreadNotificationCount } from './notifications-api';

/**
 * The header's unread count: an item of the account list, shown while there is something unread,
 * kept current by the live event stream (one connection per tab, shared with the page shown).
 */
export function UnreadNotificationsLink() {
  useLiveNotificationRefresh();
  const { data } = useUnreadNotificationCount();
  const count = data?.unreadCount ?? 0;
  return (
    <li className="nhsuk-header__account-item">
      <Link className="nhsuk-header__account-link" to="/notifications">
        {count === 0 ? (
          'Notifications'
        ) : (
          <>
            {count} unread
            <span className="nhsuk-u-visually-hidden"> {count === 1 ? 'notification' : 'notifications'}</span>
          </>
        )}
      </Link>
    </li>
  );
}
