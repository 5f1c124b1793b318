import { lazyPage, type PageRoute } from '../../app/page-route';

const CaseRecordPage = lazyPage(() => import('./CaseRecordPage'), 'CaseRecordPage');

export const CASE_ROUTES: PageRoute[] = [
  { path: 'referrals/:referralId/case', access: ['case.read'], page: CaseRecordPage },
];
