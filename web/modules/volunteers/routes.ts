import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const VOLUNTEER_ROUTES: PageRoute[] = [
  { path: 'volunteers', access: ['volunteer.read'], page: lazyPage(() => import('./VolunteersPage'), 'VolunteersPage'), menu: { text: 'Volunteers', order: 82, summary: 'Your befrienders, group helpers and community champions: their checks, hours and whom they support.' } },
  { path: 'volunteers/new', access: ['volunteer.manage'], page: lazyPage(() => import('./NewVolunteerPage'), 'NewVolunteerPage') },
  { path: 'volunteers/:volunteerId', access: ['volunteer.read'], page: lazyPage(() => import('./VolunteerPage'), 'VolunteerPage') },
  { path: 'volunteers/:volunteerId/edit', access: ['volunteer.manage'], page: lazyPage(() => import('./EditVolunteerPage'), 'EditVolunteerPage') },
];
