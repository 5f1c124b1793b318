import type { Role } from './roles.js';

// The one registry of permissions. Every API route declares one of these (or `public`);
// a test walks the router and snapshots {method, path, permission}: a diff there is a
// permission change and is reviewed as one.
export const PERMISSIONS = [
  'account.self', // own session, own second factor
  'organisation.read', // organisations within the user's scope
  'organisation.manage',
  'team.read', // the PCN's social prescribing team: roles, bands, FTE, capacity
  'user.read',
  'user.manage',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['account.self', 'organisation.read'];
const TEAM: Permission[] = [...EVERYONE, 'team.read'];

export const ROLE_PERMISSIONS = {
  referrer: EVERYONE,
  team_lead: TEAM,
  link_worker: TEAM,
  health_coach: TEAM,
  care_coordinator: TEAM,
  vcs_partner: EVERYONE,
  commissioner: EVERYONE,
  admin: [...EVERYONE, 'organisation.manage', 'user.read', 'user.manage', 'audit.read'],
} satisfies Record<Role, Permission[]>;

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
