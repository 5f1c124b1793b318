// API response shapes of the notifications module, shared by server and web.

/** One in-app notification of the signed-in user. */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  /** A path inside the web app (starting with a single '/'), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  /** Newest first. */
  items: NotificationItem[];
  unreadCount: number;
}

export interface UnreadNotificationCount {
  unreadCount: number;
}
