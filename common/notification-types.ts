// API response shapes of the notifications module, shared by server and web.
import { z } from 'zod';

/** One in-app notification of the signed-in user. */
export const ZNotificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  /** A path inside the web app (starting with a single '/'), or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof ZNotificationItem>;

export const ZNotificationList = z.object({
  /** Newest first. */
  items: z.array(ZNotificationItem),
  unreadCount: z.number(),
});
export type NotificationList = z.infer<typeof ZNotificationList>;

export const ZUnreadNotificationCount = z.object({ unreadCount: z.number() });
export type UnreadNotificationCount = z.infer<typeof ZUnreadNotificationCount>;

/** How many notifications "mark all as read" marked. */
export const ZNotificationsMarked = z.object({ marked: z.number() });
