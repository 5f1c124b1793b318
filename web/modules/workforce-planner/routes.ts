import { lazyPage, type PageRoute } from '../../app/page-route';

// Loaded when first opened: a handful of leads, commissioners and administrators use these.
// biome-ignore format: one page a line, read as a table
export const WORKFORCE_PLANNER_ROUTES: PageRoute[] = [
  { path: 'workforce-planner', access: ['workforce.plan'], page: lazyPage(() => import('./PlannerPage'), 'PlannerPage'), menu: { text: 'Workforce planner', order: 87, summary: 'Work out the team your demand needs, role by role, and its cost against the ARRS maximums; save scenarios.' } },
  { path: 'admin/workforce-rates', access: ['workforce.rates'], page: lazyPage(() => import('./RatesPage'), 'RatesPage'), menu: { text: 'Pay and ARRS figures', order: 156, summary: 'Enter each year’s pay points, employer on-cost rates and ARRS maximums, with their sources.' } },
];
