import type { Role } from '../../common/roles.js';

export const DEMO_PASSWORD = 'waymark-demo-password';

/** The printed demo sign-ins the server seeds (server/seed/demo.ts): synthetic people only. */
export const DEMO_USERS = {
  referrer: { email: 'referrer@northshire.example', name: 'Dr Rachel Morgan' },
  team_lead: { email: 'lead@northshire.example', name: 'Priya Shah' },
  link_worker: { email: 'linkworker@northshire.example', name: 'Tom Okafor' },
  health_coach: { email: 'coach@northshire.example', name: 'Aisha Khan' },
  care_coordinator: { email: 'coordinator@northshire.example', name: 'Ben Clarke' },
  vcs_partner: { email: 'partner@northshire.example', name: 'Joanna Pike' },
  commissioner: { email: 'commissioner@northshire.example', name: 'Michael Dunn' },
  admin: { email: 'admin@northshire.example', name: 'Elaine Foster' },
} as const satisfies Record<Role, { email: string; name: string }>;
