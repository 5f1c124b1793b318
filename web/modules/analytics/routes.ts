import { lazyPage, type PageRoute } from '../../app/page-route';

// Loaded when first opened: the charts stay out of the first page's download.
// biome-ignore format: one page a line, read as a table
export const ANALYTICS_ROUTES: PageRoute[] = [
  { path: 'analytics', access: ['analytics.read'], page: lazyPage(() => import('./AnalyticsPage'), 'AnalyticsIndexPage'), menu: { text: 'Figures', order: 85, summary: 'Demand, flow, waits, capacity, outcomes, onward referrals and equality, month by month, with the national figures to download.' } },
  { path: 'analytics/:section', access: ['analytics.read'], page: lazyPage(() => import('./AnalyticsPage'), 'AnalyticsSectionPage') },
];
