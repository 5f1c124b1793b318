import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const REMINDER_ROUTES: PageRoute[] = [
  { path: 'tasks', access: ['caseload.read'], page: lazyPage(() => import('./TasksPage'), 'TasksPage'), menu: { text: 'Tasks', order: 50, summary: 'See your reminders: first contacts overdue, care plan reviews due and people not seen for a while.' } },
];
