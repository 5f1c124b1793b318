import { lazyPage, type PageRoute } from '../../app/page-route';

const OutcomeMeasuresPage = lazyPage(() => import('./OutcomeMeasuresPage'), 'OutcomeMeasuresPage');

export const OUTCOME_ROUTES: PageRoute[] = [
  { path: 'referrals/:referralId/measures', access: ['outcome.read', 'referral.read'], page: OutcomeMeasuresPage },
];
