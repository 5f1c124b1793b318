import {
  ZNotificationItem,
  ZNotificationList,
  ZNotificationsMarked,
  ZUnreadNotificationCount,
} from '../../../common/notification-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { type LiveEventsDeps, liveEventsRoutes } from './events.routes.js';
import { ZNotificationIdParam, ZNotificationListQuery } from './notifications.schemas.js';
import * as notifications from './notifications.service.js';

export type NotificationsDeps = AppDeps & LiveEventsDeps;

export function notificationsRoutes(app: App, deps: NotificationsDeps): void {
  const { db } = deps;
  const access = { access: { permission: 'notification.read' as const } };

  app.get(
    '/api/notifications',
    {
      schema: { response: { 200: ZNotificationList }, querystring: ZNotificationListQuery, tags: ['notifications'] },
      config: access,
    },
    async (request) => notifications.listNotifications(db, signedInContext(request), request.query.limit),
  );

  app.get(
    '/api/notifications/unread-count',
    { schema: { response: { 200: ZUnreadNotificationCount }, tags: ['notifications'] }, config: access },
    async (request) => ({
      unreadCount: await notifications.countUnreadNotifications(db, signedInContext(request)),
    }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: { response: { 200: ZNotificationItem }, params: ZNotificationIdParam, tags: ['notifications'] },
      config: access,
    },
    async (request) => notifications.markNotificationRead(db, signedInContext(request), request.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { response: { 200: ZNotificationsMarked }, tags: ['notifications'] }, config: access },
    async (request) => ({
      marked: await notifications.markAllNotificationsRead(db, signedInContext(request)),
    }),
  );

  liveEventsRoutes(app, deps);
}
