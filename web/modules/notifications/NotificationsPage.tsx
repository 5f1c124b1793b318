import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { NotificationItem } from '../../../common/notification-types';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { NO_ERRORS } from '../../ui/form-errors';
import { formatDateTime } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import {
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_KEY,
  safeInternalLink,
  useLiveNotificationRefresh,
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
  const queryClient = useQueryClient();
  const pageHeading = useRef<HTMLHeadingElement>(null);
  // Said by screen readers after an action, since the button that was pressed goes away.
  const [status, setStatus] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useSubmit({
    mutationFn: (which: NotificationItem | 'all'): Promise<unknown> =>
      which === 'all' ? markAllNotificationsRead() : markNotificationRead(which.id),
    labels: {},
    errorsFrom: (e) => ({
      fields: {},
      form: e instanceof ApiError ? e.message : 'Sorry, that did not work. Try again.',
    }),
    onSuccess: async (_, which) => {
      await refresh();
      if (which === 'all') {
        setStatus('All notifications marked as read');
        pageHeading.current?.focus();
      } else {
        setStatus(`Marked as read: ${which.title}`);
        document.getElementById(headingIdOf(which))?.focus();
      }
    },
    onError: () => void refresh(),
  });

  if (error) return <ServiceProblem error={error} />;

  function markRead(which: NotificationItem | 'all') {
    read.setErrors(NO_ERRORS);
    void read.submit(which);
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
        {read.errors.form && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> {read.errors.form}
          </p>
        )}
        {isPending ? (
          <Loading what="your notifications" />
        ) : (
          <>
            <p>{unreadSentence(unread)} New ones appear here as they arrive, without reloading the page.</p>
            {unread > 0 && (
              <Button
                type="button"
                variant="secondary"
                onClick={() => markRead('all')}
                aria-disabled={read.sending === 'all' || undefined}
              >
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
                          <Link to={link} onClick={() => isUnread && markRead(n)}>
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
                          onClick={() => markRead(n)}
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
