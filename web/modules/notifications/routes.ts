import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const NOTIFICATION_ROUTES: PageRoute[] = [
  { path: 'notifications', access: ['notification.read'], page: lazyPage(() => import('./NotificationsPage'), 'NotificationsPage'), menu: { text: 'Notifications', order: 160, inMenu: false, summary: 'See what needs your attention, such as referrals allocated to you, as it happens.' } },
];
