import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { NotificationItem } from '../../../common/notification-types';
import { ApiError } from '../../app/api';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import {
  safeInternalLink,
  useLiveNotificationRefresh,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from './notifications-api';

const headingIdOf = (n: NotificationItem) => `notification-${n.id}`;

function unreadSentence(count: number): string {
  if (count === 0) return 'You have no unread notifications.';
  return count === 1 ? 'You have 1 unread notification.' : `You have ${count} unread notifications.`;
}

export function NotificationsPage() {
  usePageTitle('Notifications');
  useLiveNotificationRefresh();
  const { data, error, isPending } = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const pageHeading = useRef<HTMLHeadingElement>(null);
  // Said by screen readers after an action, since the button that was pressed goes away.
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  if (error) return <ServiceProblem error={error} />;

  const failed = (e: unknown) =>
    setActionError(e instanceof ApiError ? e.message : 'Sorry, that did not work. Try again.');

  function readOne(n: NotificationItem) {
    setActionError(null);
    markRead.mutate(n.id, {
      onSuccess: () => {
        setStatus(`Marked as read: ${n.title}`);
        document.getElementById(headingIdOf(n))?.focus();
      },
      onError: failed,
    });
  }

  function readAll() {
    setActionError(null);
    markAll.mutate(undefined, {
      onSuccess: () => {
        setStatus('All notifications marked as read');
        pageHeading.current?.focus();
      },
      onError: failed,
    });
  }

  const items = data?.items ?? [];
  const unread = data?.unreadCount ?? 0;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1 ref={pageHeading} tabIndex={-1}>
          Notifications
        </h1>
        <div className="nhsuk-u-visually-hidden" aria-live="polite">
          {status}
        </div>
        {actionError && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> {actionError}
          </p>
        )}
        {isPending ? (
          <Loading what="your notifications" />
        ) : (
          <>
            <p>{unreadSentence(unread)} New ones appear here as they arrive, without reloading the page.</p>
            {unread > 0 && (
              <Button type="button" variant="secondary" onClick={readAll} aria-disabled={markAll.isPending}>
                Mark all as read
              </Button>
            )}
            {items.length === 0 ? (
              <p>You have no notifications.</p>
            ) : (
              <ul className="nhsuk-list nhsuk-list--border">
                {items.map((n) => {
                  const link = safeInternalLink(n.link);
                  const isUnread = n.readAt === null;
                  return (
                    <li key={n.id}>
                      <h2 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1" id={headingIdOf(n)} tabIndex={-1}>
                        {isUnread && (
                          <>
                            <Tag colour="blue">New</Tag>{' '}
                          </>
                        )}
                        {link ? (
                          <Link to={link} onClick={() => isUnread && markRead.mutate(n.id)}>
                            {n.title}
                          </Link>
                        ) : (
                          n.title
                        )}
                      </h2>
                      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 waymark-secondary-text">
                        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                        {!isUnread && ' · read'}
                      </p>
                      {isUnread && (
                        <button
                          type="button"
                          className="waymark-link-button nhsuk-body-s nhsuk-u-margin-bottom-0"
                          onClick={() => readOne(n)}
                        >
                          Mark<span className="nhsuk-u-visually-hidden"> “{n.title}”</span> as read
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
