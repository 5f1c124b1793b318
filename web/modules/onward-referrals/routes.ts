import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const ONWARD_REFERRAL_ROUTES: PageRoute[] = [
  { path: 'referrals/:referralId/community-services', access: ['case.write'], page: lazyPage(() => import('./FindServicePage'), 'FindServicePage') },
  { path: 'referrals/:referralId/community-services/:serviceId', access: ['case.write', 'directory.read'], page: lazyPage(() => import('./ReferToServicePage'), 'ReferToServicePage') },
];
