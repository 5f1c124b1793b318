import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../modules/account/AccountPage';
import { SignInPage } from '../modules/auth/SignInPage';
import { HomePage } from '../modules/home/HomePage';
import { TeamPage } from '../modules/team/TeamPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { RouteError } from './RouteError';
import { SessionGate } from './SessionGate';

// Admin pages are for a handful of ICB staff: keep them out of everyone else's first download.
const UsersPage = lazy(() => import('../modules/admin/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const AddUserPage = lazy(() => import('../modules/admin/users/AddUserPage').then((m) => ({ default: m.AddUserPage })));
const EditUserPage = lazy(() =>
  import('../modules/admin/users/EditUserPage').then((m) => ({ default: m.EditUserPage })),
);
const OrganisationsPage = lazy(() =>
  import('../modules/admin/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
const AddOrganisationPage = lazy(() =>
  import('../modules/admin/organisations/AddOrganisationPage').then((m) => ({ default: m.AddOrganisationPage })),
);
const AuditPage = lazy(() => import('../modules/admin/audit/AuditPage').then((m) => ({ default: m.AuditPage })));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      {
        element: <SessionGate />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'account', element: <AccountPage /> },
          {
            path: 'team',
            element: (
              <RequirePermission needs={['team.read']}>
                <TeamPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequirePermission needs={['user.read']}>
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users/new',
            element: (
              <RequirePermission needs={['user.manage', 'organisation.read']}>
                <AddUserPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users/:userId',
            element: (
              <RequirePermission needs={['user.read', 'user.manage']}>
                <EditUserPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/organisations',
            element: (
              <RequirePermission needs={['organisation.read', 'organisation.manage']}>
                <OrganisationsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/organisations/new/:kind',
            element: (
              <RequirePermission needs={['organisation.read', 'organisation.manage']}>
                <AddOrganisationPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequirePermission needs={['audit.read']}>
                <AuditPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
