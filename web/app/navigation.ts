import type { Me } from '../../common/api-types';
import type { Permission } from '../../common/permissions';
import type { NavigationItem } from '../ui/Header';

interface Destination extends NavigationItem {
  /** What the signed-in user must be allowed to do; every listed permission is required. */
  needs: Permission[];
  /** One line for the home page's "what you can do" list. */
  summary: string;
}

// Only pages that exist today. A new page is added here when it ships, never before.
export const DESTINATIONS: Destination[] = [
  { href: '/', text: 'Home', needs: [], summary: '' },
  {
    href: '/team',
    text: 'Team',
    needs: ['team.read'],
    summary: "See your PCN's social prescribing team: roles, bands, working hours and caseload capacity.",
  },
  {
    href: '/admin/users',
    text: 'Users',
    needs: ['user.read'],
    summary: 'Add users, change their role, band, working hours and caseload capacity, or deactivate them.',
  },
  {
    href: '/admin/organisations',
    text: 'Organisations',
    needs: ['organisation.read', 'organisation.manage'],
    summary: 'Manage the ICB’s primary care networks, GP practices and voluntary sector organisations.',
  },
  {
    href: '/admin/audit',
    text: 'Audit log',
    needs: ['audit.read'],
    summary: 'Search the audit log of sign-ins, changes and refused attempts.',
  },
  {
    href: '/account',
    text: 'Your account',
    needs: ['account.self'],
    summary: 'See your details and set up two-factor authentication.',
  },
];

export function destinationsFor(me: Me): Destination[] {
  return DESTINATIONS.filter((d) => d.needs.every((p) => me.permissions.includes(p)));
}
