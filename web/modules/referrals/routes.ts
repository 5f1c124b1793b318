import { lazyPage, type PageRoute } from '../../app/page-route';

// Referral pages: only for those who refer, loaded when first opened.
// biome-ignore format: one page a line, read as a table
export const REFERRAL_ROUTES: PageRoute[] = [
  { path: 'referrals/new', access: ['referral.create', 'organisation.read'], page: lazyPage(() => import('./ReferralFormPage'), 'ReferralFormPage'), menu: { text: 'Refer someone', order: 10, summary: 'Refer a person to your PCN’s social prescribing team.' } },
  { path: 'referrals/:referralId/sent', access: ['referral.create'], page: lazyPage(() => import('./ReferralSentPage'), 'ReferralSentPage') },
  { path: 'practice/referrals', access: ['referral.read'], page: lazyPage(() => import('./PracticeReferralsPage'), 'PracticeReferralsPage'), menu: { text: 'Our referrals', order: 20, roles: ['referrer'], summary: 'See the people your practice has referred and where each referral stands.' } },
  { path: 'practice/referrals/:referralId', access: ['referral.read'], page: lazyPage(() => import('./ReferralStatusPage'), 'ReferralStatusPage') },
];
