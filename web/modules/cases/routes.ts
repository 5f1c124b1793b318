import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const CASE_ROUTES: PageRoute[] = [
  { path: 'referrals/:referralId/case', access: ['case.read'], page: lazyPage(() => import('./CaseRecordPage'), 'CaseRecordPage') },
];
