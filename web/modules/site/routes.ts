import { lazyPage, type PageRoute } from '../../app/page-route';

// Public: the footer's pages, readable signed out.
const AccessibilityPage = lazyPage(() => import('./AccessibilityPage'), 'AccessibilityPage');
const PrivacyPage = lazyPage(() => import('./PrivacyPage'), 'PrivacyPage');
const CookiesPage = lazyPage(() => import('./CookiesPage'), 'CookiesPage');
const ContactPage = lazyPage(() => import('./ContactPage'), 'ContactPage');

// biome-ignore format: one page a line, read as a table
export const SITE_ROUTES: PageRoute[] = [
  { path: 'accessibility', access: 'public', page: AccessibilityPage },
  { path: 'privacy', access: 'public', page: PrivacyPage },
  { path: 'cookies', access: 'public', page: CookiesPage },
  { path: 'contact', access: 'public', page: ContactPage },
];
