import { lazyPage, type PageRoute } from '../../app/page-route';

// Each is reached by a full page load (a texted link, a new tab from the case record): the
// server's Permissions-Policy allows camera and microphone on /video… documents only.
// biome-ignore format: one page a line, read as a table
export const VIDEO_ROUTES: PageRoute[] = [
  { path: 'video', access: 'public', page: lazyPage(() => import('./VideoPage'), 'VideoPage') },
  { path: 'video/check', access: 'public', page: lazyPage(() => import('./VideoPage'), 'DeviceCheckPage') },
  { path: 'video/call/:referralId/:appointmentId', access: ['case.write'], page: lazyPage(() => import('./VideoCallPage'), 'VideoCallPage') },
];
