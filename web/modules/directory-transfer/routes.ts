import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const DIRECTORY_TRANSFER_ROUTES: PageRoute[] = [
  { path: 'admin/directory', access: ['directory.manage'], page: lazyPage(() => import('./DirectoryAdminPage'), 'DirectoryAdminPage'), menu: { text: 'Directory data', order: 120, summary: 'Import and export the Directory of Services and merge duplicate listings.' } },
  { path: 'admin/directory/duplicates', access: ['directory.manage'], page: lazyPage(() => import('./DuplicatesPage'), 'DuplicatesPage') },
];
