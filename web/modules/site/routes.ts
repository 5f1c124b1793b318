import { lazyPage, type PageRoute } from '../../app/page-route';

// Public: the footer's pages, readable signed out.
// biome-ignore format: one page a line, read as a table
export const SITE_ROUTES: PageRoute[] = [
  { path: 'accessibility', access: 'public', page: lazyPage(() => import('./AccessibilityPage'), 'AccessibilityPage') },
  { path: 'privacy', access: 'public', page: lazyPage(() => import('./PrivacyPage'), 'PrivacyPage') },
  { path: 'cookies', access: 'public', page: lazyPage(() => import('./CookiesPage'), 'CookiesPage') },
  { path: 'contact', access: 'public', page: lazyPage(() => import('./ContactPage'), 'ContactPage') },
];
