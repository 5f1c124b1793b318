import { lazyPage, type PageRoute } from '../../app/page-route';

const TriageQueuePage = lazyPage(() => import('./TriageQueuePage'), 'TriageQueuePage');
const TriageSettingsPage = lazyPage(() => import('./TriageSettingsPage'), 'TriageSettingsPage');

// biome-ignore format: one page a line, read as a table
export const TRIAGE_ROUTES: PageRoute[] = [
  { path: 'triage', access: ['referral.triage'], page: TriageQueuePage, menu: { text: 'Triage', order: 30, summary: 'Triage new referrals from every practice in the PCN and allocate them to the team.' } },
  { path: 'triage/settings', access: ['referral.triage'], page: TriageSettingsPage },
];
