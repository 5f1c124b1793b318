import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const PARTNER_ROUTES: PageRoute[] = [
  { path: 'partner/referrals', access: ['partner.referrals'], page: lazyPage(() => import('./InboxPage'), 'InboxPage'), menu: { text: 'Referrals to you', order: 105, summary: 'See the people referred to your services, accept or decline them, record attendance and close with an outcome.' } },
  { path: 'partner/referrals/:id', access: ['partner.referrals'], page: lazyPage(() => import('./PartnerReferralPage'), 'PartnerReferralPage') },
];
