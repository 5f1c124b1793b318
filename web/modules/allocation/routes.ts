import { lazyPage, type PageRoute } from '../../app/page-route';

const AllocateAllPage = lazyPage(() => import('./AllocateAllPage'), 'AllocateAllPage');
const ReferralPage = lazyPage(() => import('./ReferralPage'), 'ReferralPage');
const FirstContactPage = lazyPage(() => import('./FirstContactPage'), 'FirstContactPage');
const CaseloadPage = lazyPage(() => import('./CaseloadPage'), 'CaseloadPage');
const TeamCaseloadsPage = lazyPage(() => import('./TeamCaseloadsPage'), 'TeamCaseloadsPage');

// biome-ignore format: one page a line, read as a table
export const ALLOCATION_ROUTES: PageRoute[] = [
  { path: 'triage/allocate-all', access: ['referral.allocate'], page: AllocateAllPage },
  { path: 'referrals/:referralId', access: ['referral.read', 'team.read'], page: ReferralPage },
  { path: 'referrals/:referralId/first-contact', access: ['referral.contact'], page: FirstContactPage },
  { path: 'caseload', access: ['caseload.read'], page: CaseloadPage, menu: { text: 'Caseload', order: 40, summary: 'See the people allocated to you and the ones you cover, and record first contact.' } },
  { path: 'team/caseloads', access: ['referral.allocate'], page: TeamCaseloadsPage, menu: { text: 'Team caseloads', order: 70, summary: 'See every caseload in the team against each member’s capacity × FTE.' } },
];
