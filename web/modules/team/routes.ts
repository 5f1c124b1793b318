import type { PageRoute } from '../../app/page-route';
import { TeamPage } from './TeamPage';

// biome-ignore format: one page a line, read as a table
export const TEAM_ROUTES: PageRoute[] = [
  { path: 'team', access: ['team.read'], page: TeamPage, menu: { text: 'Team', order: 60, summary: "See your PCN's social prescribing team: roles, bands, working hours and caseload capacity." } },
];
