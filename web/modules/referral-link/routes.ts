import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const REFERRAL_LINK_ROUTES: PageRoute[] = [
  { path: 'referral-link', access: 'public', page: lazyPage(() => import('./ReferralLinkPage'), 'ReferralLinkPage') },
];
