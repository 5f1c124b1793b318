import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const RECORDS_ROUTES: PageRoute[] = [
  { path: 'admin/retention', access: ['retention.manage'], page: lazyPage(() => import('./RetentionPage'), 'RetentionPage'), menu: { text: 'Records retention', order: 158, summary: 'See which closed records are past retention, destroy them, and switch on nightly destruction.' } },
  { path: 'referrals/:referralId/person/export', access: ['person.export'], page: lazyPage(() => import('./SubjectAccessPage'), 'SubjectAccessPage') },
];
