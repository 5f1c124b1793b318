import { lazyPage, type PageRoute } from '../../app/page-route';

// The care and support plan: one per person, shared by the team.
const CarePlanPage = lazyPage(() => import('./CarePlanPage'), 'CarePlanPage');
const CarePlanVersionsPage = lazyPage(() => import('./CarePlanVersionsPage'), 'CarePlanVersionsPage');
const CarePlanPrintPage = lazyPage(() => import('./CarePlanPrintPage'), 'CarePlanPrintPage');

// biome-ignore format: one page a line, read as a table
export const CARE_PLAN_ROUTES: PageRoute[] = [
  { path: 'people/:personId/plan', access: ['careplan.read'], page: CarePlanPage },
  { path: 'people/:personId/plan/versions', access: ['careplan.read'], page: CarePlanVersionsPage },
  { path: 'people/:personId/plan/print', access: ['careplan.read'], page: CarePlanPrintPage },
];
