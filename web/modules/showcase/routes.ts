import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const SHOWCASE_ROUTES: PageRoute[] = [
  { path: 'directory/our-events', access: ['directory.propose'], page: lazyPage(() => import('./SessionsPage'), 'SessionsPage'), menu: { text: 'Sessions and events', order: 111, summary: 'Publish your upcoming sessions and events: they show on your listings and in social prescribers’ search.' } },
  { path: 'directory/our-proposals', access: ['directory.propose'], page: lazyPage(() => import('./ProposeListingPage'), 'ProposeListingPage') },
  { path: 'directory/review/proposals/:proposalId', access: ['directory.review'], page: lazyPage(() => import('./ProposalReviewPage'), 'ProposalReviewPage') },
];
