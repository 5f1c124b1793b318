import { lazyPage, type PageRoute } from '../../app/page-route';

// The care and support plan: one per person, shared by the team.
// biome-ignore format: one page a line, read as a table
export const CARE_PLAN_ROUTES: PageRoute[] = [
  { path: 'people/:personId/plan', access: ['careplan.read'], page: lazyPage(() => import('./CarePlanPage'), 'CarePlanPage') },
  { path: 'people/:personId/plan/versions', access: ['careplan.read'], page: lazyPage(() => import('./CarePlanVersionsPage'), 'CarePlanVersionsPage') },
  { path: 'people/:personId/plan/print', access: ['careplan.read'], page: lazyPage(() => import('./CarePlanPrintPage'), 'CarePlanPrintPage') },
];
