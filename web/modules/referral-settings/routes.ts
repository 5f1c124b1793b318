import { lazyPage, type PageRoute } from '../../app/page-route';

// How a service takes referrals: the directory reviewers' page for any service of the ICB, and a
// partner's for its own listings (each behind the permission of its API).
// biome-ignore format: one page a line, read as a table
export const REFERRAL_SETTINGS_ROUTES: PageRoute[] = [
  { path: 'directory/services/:serviceId/referral-settings', access: ['directory.review'], page: lazyPage(() => import('./ReferralSettingsPage'), 'ServiceReferralSettingsPage') },
  { path: 'directory/our-listings/:serviceId/referral-settings', access: ['directory.propose'], page: lazyPage(() => import('./ReferralSettingsPage'), 'OurReferralSettingsPage') },
];
