import { lazyPage, type PageRoute } from '../../app/page-route';

// Admin pages are for a handful of ICB staff: keep them out of everyone else's first download.
const ORGANISATION_ADMIN: PageRoute['access'] = ['organisation.read', 'organisation.manage'];

// biome-ignore format: one page a line, read as a table
export const ADMIN_ROUTES: PageRoute[] = [
  { path: 'admin/users', access: ['user.read'], page: lazyPage(() => import('./users/UsersPage'), 'UsersPage'), menu: { text: 'Users', order: 130, summary: 'Add users, change their role, band, working hours and caseload capacity, or deactivate them.' } },
  { path: 'admin/users/new', access: ['user.manage', 'organisation.read'], page: lazyPage(() => import('./users/AddUserPage'), 'AddUserPage') },
  { path: 'admin/users/:userId', access: ['user.read', 'user.manage'], page: lazyPage(() => import('./users/EditUserPage'), 'EditUserPage') },
  { path: 'admin/organisations', access: ORGANISATION_ADMIN, page: lazyPage(() => import('./organisations/OrganisationsPage'), 'OrganisationsPage'), menu: { text: 'Organisations', order: 140, summary: 'Manage the ICB’s primary care networks, GP practices and voluntary sector organisations.' } },
  { path: 'admin/organisations/:organisationId', access: ORGANISATION_ADMIN, page: lazyPage(() => import('./organisations/OrganisationPage'), 'OrganisationPage') },
  { path: 'admin/organisations/new/:kind', access: ORGANISATION_ADMIN, page: lazyPage(() => import('./organisations/AddOrganisationPage'), 'AddOrganisationPage') },
  { path: 'admin/system-clients', access: ['systemclient.manage', 'organisation.read'], page: lazyPage(() => import('./system-clients/SystemClientsPage'), 'SystemClientsPage'), menu: { text: 'System clients', order: 157, summary: 'Register the GP systems and NHS services that send referrals over FHIR, and revoke them.' } },
  { path: 'admin/audit', access: ['audit.read'], page: lazyPage(() => import('./audit/AuditPage'), 'AuditPage'), menu: { text: 'Audit log', order: 150, summary: 'Search the audit log of sign-ins, changes and refused attempts.' } },
];
