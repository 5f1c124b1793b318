// The people who use Waymark (DESIGN.md §1). Stored as these strings in the database.
export const ROLES = [
  'referrer',
  'team_lead',
  'link_worker',
  'health_coach',
  'care_coordinator',
  'vcs_partner',
  'commissioner',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  referrer: 'Referrer (GP practice)',
  team_lead: 'Team lead',
  link_worker: 'Social prescribing link worker',
  health_coach: 'Health and wellbeing coach',
  care_coordinator: 'Care coordinator',
  vcs_partner: 'Voluntary sector partner',
  commissioner: 'Commissioner',
  admin: 'Administrator',
} as const satisfies Record<Role, string>;

/** Roles that make up a PCN's social prescribing team. */
export const TEAM_ROLES = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Which kind of organisation a role belongs to; the user's scope follows from it. */
export const ROLE_ORGANISATION = {
  referrer: 'practice',
  team_lead: 'pcn',
  link_worker: 'pcn',
  health_coach: 'pcn',
  care_coordinator: 'pcn',
  vcs_partner: 'vcs',
  commissioner: 'icb',
  admin: 'icb',
} as const satisfies Record<Role, 'practice' | 'pcn' | 'vcs' | 'icb'>;

/** Agenda for Change bands the team roles are employed on (seed documents). */
export const DEFAULT_BAND = {
  team_lead: '6',
  link_worker: '5',
  health_coach: '5',
  care_coordinator: '4',
} as const satisfies Record<TeamRole, string>;
