import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const WORKFORCE_ROUTES: PageRoute[] = [
  { path: 'team/leave', access: ['team.read'], page: lazyPage(() => import('./LeavePage'), 'LeavePage'), menu: { text: 'Leave and cover', order: 80, summary: 'See who is away, record leave and hand cases to a colleague to cover.' } },
  { path: 'team/leave/:memberId/handover', access: ['leave.manage'], page: lazyPage(() => import('./HandoverPage'), 'HandoverPage') },
];
