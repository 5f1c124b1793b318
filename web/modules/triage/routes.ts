import { lazyPage, type PageRoute } from '../../app/page-route';

// biome-ignore format: one page a line, read as a table
export const TRIAGE_ROUTES: PageRoute[] = [
  { path: 'triage', access: ['referral.triage'], page: lazyPage(() => import('./TriageQueuePage'), 'TriageQueuePage'), menu: { text: 'Triage', order: 30, summary: 'Triage new referrals from every practice in the PCN and allocate them to the team.' } },
  { path: 'triage/settings', access: ['referral.triage'], page: lazyPage(() => import('./TriageSettingsPage'), 'TriageSettingsPage') },
];
