import { lazyPage, type PageRoute } from '../../app/page-route';

const TasksPage = lazyPage(() => import('./TasksPage'), 'TasksPage');

// biome-ignore format: one page a line, read as a table
export const REMINDER_ROUTES: PageRoute[] = [
  { path: 'tasks', access: ['caseload.read'], page: TasksPage, menu: { text: 'Tasks', order: 50, summary: 'See your reminders: first contacts overdue, care plan reviews due and people not seen for a while.' } },
];
