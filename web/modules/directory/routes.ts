import { lazyPage, type PageRoute } from '../../app/page-route';

// Public: residents find services without signing in; signed-in staff see the same pages.
// biome-ignore format: one page a line, read as a table
export const DIRECTORY_ROUTES: PageRoute[] = [
  { path: 'directory', access: 'public', page: lazyPage(() => import('./DirectorySearchPage'), 'DirectorySearchPage'), menu: { text: 'Directory', order: 90, listedFor: ['directory.read'], summary: 'Find community groups and services in the Directory of Services, near a person or by need.' } },
  { path: 'directory/services/:serviceId', access: 'public', page: lazyPage(() => import('./ServicePage'), 'ServicePage') },
];
