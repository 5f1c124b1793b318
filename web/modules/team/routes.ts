import { lazyPage, type PageRoute } from '../../app/page-route';
import { TeamPage } from './TeamPage';

// Issue 16: a member's pages are for the member themself and whoever manages the team (the
// server answers 404 to anyone else), so they ask only for a signed-in user (account.self).
// biome-ignore format: one page a line, read as a table
export const TEAM_ROUTES: PageRoute[] = [
  { path: 'team', access: ['team.read'], page: TeamPage, menu: { text: 'Team', order: 60, summary: "See your PCN's social prescribing team: roles, bands, working hours and caseload capacity." } },
  { path: 'team/members/:memberId', access: ['account.self'], page: lazyPage(() => import('./MemberProfilePage'), 'MemberProfilePage') },
  { path: 'team/members/:memberId/training', access: ['account.self'], page: lazyPage(() => import('./MemberTrainingPage'), 'MemberTrainingPage') },
  { path: 'team/members/:memberId/supervision', access: ['account.self'], page: lazyPage(() => import('./MemberSupervisionPage'), 'MemberSupervisionPage') },
  { path: 'admin/team-settings', access: ['team.settings'], page: lazyPage(() => import('./TeamSettingsPage'), 'TeamSettingsPage'), menu: { text: 'Team settings', order: 155, summary: 'Keep the list of skills and specialisms, the training each role needs and how often each role has supervision.' } },
];
