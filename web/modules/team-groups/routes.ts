import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const TEAM_GROUP_ROUTES: PageRoute[] = [
  { path: 'groups', access: ['group.read'], page: lazyPage(() => import('./GroupsPage'), 'GroupsPage'), menu: { text: 'Groups', order: 81, summary: 'The groups your team runs itself: sessions, registers, and who came.' } },
  { path: 'groups/new', access: ['group.manage'], page: lazyPage(() => import('./GroupFormPage'), 'GroupFormPage') },
  { path: 'groups/:groupId', access: ['group.read'], page: lazyPage(() => import('./GroupPage'), 'GroupPage') },
  { path: 'groups/:groupId/edit', access: ['group.manage'], page: lazyPage(() => import('./GroupFormPage'), 'GroupFormPage') },
  { path: 'groups/:groupId/sessions/:sessionId', access: ['group.read'], page: lazyPage(() => import('./RegisterPage'), 'RegisterPage') },
];
