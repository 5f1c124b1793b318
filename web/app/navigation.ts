import type { Me } from '../../common/api-types';
import type { Permission } from '../../common/permissions';
import type { Role } from '../../common/roles';
import type { NavigationItem } from '../ui/Header';

interface Destination extends NavigationItem {
  /** What the signed-in user must be allowed to do; every listed permission is required. */
  needs: Permission[];
  /** Only for these roles (when permissions alone do not tell the audience apart). */
  roles?: Role[];
  /** One line for the home page's "what you can do" list. */
  summary: string;
  /** false: on the home page but not in the menu (the header's account bar links to it). */
  inMenu?: false;
}

// Only pages that exist today. A new page is added here when it ships, never before.
export const DESTINATIONS: Destination[] = [
  { href: '/', text: 'Home', needs: [], summary: '' },
  {
    href: '/referrals/new',
    text: 'Refer someone',
    needs: ['referral.create'],
    summary: 'Refer a person to your PCN’s social prescribing team.',
  },
  {
    href: '/practice/referrals',
    text: 'Our referrals',
    needs: ['referral.read'],
    roles: ['referrer'],
    summary: 'See the people your practice has referred and where each referral stands.',
  },
  {
    href: '/triage',
    text: 'Triage',
    needs: ['referral.triage'],
    summary: 'Triage new referrals from every practice in the PCN and allocate them to the team.',
  },
  {
    href: '/caseload',
    text: 'Caseload',
    needs: ['caseload.read'],
    summary: 'See the people allocated to you and the ones you cover, and record first contact.',
  },
  {
    href: '/tasks',
    text: 'Tasks',
    needs: ['caseload.read'],
    summary: 'See your reminders: first contacts overdue, care plan reviews due and people not seen for a while.',
  },
  {
    href: '/team',
    text: 'Team',
    needs: ['team.read'],
    summary: "See your PCN's social prescribing team: roles, bands, working hours and caseload capacity.",
  },
  {
    href: '/team/caseloads',
    text: 'Team caseloads',
    needs: ['referral.allocate'],
    summary: 'See every caseload in the team against each member’s capacity × FTE.',
  },
  {
    href: '/team/leave',
    text: 'Leave and cover',
    needs: ['team.read'],
    summary: 'See who is away, record leave and hand cases to a colleague to cover.',
  },
  {
    href: '/directory',
    text: 'Directory',
    needs: ['directory.read'],
    summary: 'Find community groups and services in the Directory of Services, near a person or by need.',
  },
  {
    href: '/directory/review',
    text: 'Directory review',
    needs: ['directory.review'],
    summary: 'Keep the directory up to date: listings due for review, reports from the public, partners’ edits.',
  },
  {
    href: '/directory/our-listings',
    text: 'Our listings',
    needs: ['directory.propose'],
    summary: 'See your organisation’s listings in the Directory of Services and propose changes.',
  },
  {
    href: '/admin/directory',
    text: 'Directory data',
    needs: ['directory.manage'],
    summary: 'Import and export the Directory of Services and merge duplicate listings.',
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
    href: '/notifications',
    text: 'Notifications',
    needs: ['notification.read'],
    inMenu: false,
    summary: 'See what needs your attention, such as referrals allocated to you, as it happens.',
  },
  {
    href: '/account',
    text: 'Your account',
    needs: ['account.self'],
    inMenu: false,
    summary: 'See your details and set up two-factor authentication.',
  },
];

/** The header menu: the destinations not reached from the account bar. */
export function menuFor(me: Me): { href: string; text: string }[] {
  return destinationsFor(me)
    .filter((d) => d.inMenu !== false)
    .map(({ href, text }) => ({ href, text }));
}

export function destinationsFor(me: Me): Destination[] {
  return DESTINATIONS.filter(
    (d) => d.needs.every((p) => me.permissions.includes(p)) && (!d.roles || d.roles.includes(me.user.role)),
  );
}
