import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const ALLOCATION_ROUTES: PageRoute[] = [
  { path: 'triage/allocate-all', access: ['referral.allocate'], page: lazyPage(() => import('./AllocateAllPage'), 'AllocateAllPage') },
  { path: 'referrals/:referralId', access: ['referral.read', 'team.read'], page: lazyPage(() => import('./ReferralPage'), 'ReferralPage') },
  { path: 'referrals/:referralId/first-contact', access: ['referral.contact'], page: lazyPage(() => import('./FirstContactPage'), 'FirstContactPage') },
  { path: 'caseload', access: ['caseload.read'], page: lazyPage(() => import('./CaseloadPage'), 'CaseloadPage'), menu: { text: 'Caseload', order: 40, summary: 'See the people allocated to you and the ones you cover, and record first contact.' } },
  { path: 'team/caseloads', access: ['referral.allocate'], page: lazyPage(() => import('./TeamCaseloadsPage'), 'TeamCaseloadsPage'), menu: { text: 'Team caseloads', order: 70, summary: 'See every caseload in the team against each member’s capacity × FTE.' } },
];
