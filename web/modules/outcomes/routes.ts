import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const OUTCOME_ROUTES: PageRoute[] = [
  { path: 'referrals/:referralId/measures', access: ['outcome.read', 'referral.read'], page: lazyPage(() => import('./OutcomeMeasuresPage'), 'OutcomeMeasuresPage') },
];
