import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationItem, NotificationList, UnreadNotificationCount } from '../../../common/notification-types';
import { api } from '../../app/api';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list'],
    queryFn: () => api<NotificationList>('/api/notifications'),
  });
}

export function useUnreadNotificationCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => api<UnreadNotificationCount>('/api/notifications/unread-count'),
  });
}

/** Refetches the notifications when one arrives, or after the live connection came back. */
export function useLiveNotificationRefresh(): void {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    if (event.type === 'notification.created' || event.type === LIVE_CONNECTED) {
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    }
  });
}

export function markNotificationRead(id: string) {
  return api<NotificationItem>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function markAllNotificationsRead() {
  return api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' });
}

/** Only paths inside this web app are followed: never another site, whatever a row says. */
export function safeInternalLink(link: string | null): string | null {
  return link && /^\/(?![/\\])/.test(link) ? link : null;
}
