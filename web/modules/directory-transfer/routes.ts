import { lazyPage, type PageRoute } from '../../app/page-route';

const DirectoryAdminPage = lazyPage(() => import('./DirectoryAdminPage'), 'DirectoryAdminPage');
const DuplicatesPage = lazyPage(() => import('./DuplicatesPage'), 'DuplicatesPage');

// biome-ignore format: one page a line, read as a table
export const DIRECTORY_TRANSFER_ROUTES: PageRoute[] = [
  { path: 'admin/directory', access: ['directory.manage'], page: DirectoryAdminPage, menu: { text: 'Directory data', order: 120, summary: 'Import and export the Directory of Services and merge duplicate listings.' } },
  { path: 'admin/directory/duplicates', access: ['directory.manage'], page: DuplicatesPage },
];
