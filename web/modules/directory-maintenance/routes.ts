import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const DIRECTORY_MAINTENANCE_ROUTES: PageRoute[] = [
  { path: 'directory/review', access: ['directory.review'], page: lazyPage(() => import('./ReviewQueuePage'), 'ReviewQueuePage'), menu: { text: 'Directory review', order: 100, summary: 'Keep the directory up to date: listings due for review, reports from the public, partners’ edits.' } },
  { path: 'directory/review/services/:serviceId', access: ['directory.review'], page: lazyPage(() => import('./ReviewServicePage'), 'ReviewServicePage') },
  { path: 'directory/review/changes/:changeId', access: ['directory.review'], page: lazyPage(() => import('./ModerationPage'), 'ModerationPage') },
  { path: 'directory/our-listings', access: ['directory.propose'], page: lazyPage(() => import('./PartnerListingsPage'), 'PartnerListingsPage'), menu: { text: 'Our listings', order: 110, summary: 'See your organisation’s listings in the Directory of Services and propose changes.' } },
  { path: 'directory/our-listings/:serviceId/edit', access: ['directory.propose'], page: lazyPage(() => import('./ProposeEditPage'), 'ProposeEditPage') },
];
