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
const OrganisationPage = lazy(() =>
  import('../modules/admin/organisations/OrganisationPage').then((m) => ({ default: m.OrganisationPage })),
);
const AddOrganisationPage = lazy(() =>
  import('../modules/admin/organisations/AddOrganisationPage').then((m) => ({ default: m.AddOrganisationPage })),
);
const NotificationsPage = lazy(() =>
  import('../modules/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const AuditPage = lazy(() => import('../modules/admin/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// Referral pages: only for those who refer, loaded when first opened.
const ReferralFormPage = lazy(() =>
  import('../modules/referrals/ReferralFormPage').then((m) => ({ default: m.ReferralFormPage })),
);
const ReferralSentPage = lazy(() =>
  import('../modules/referrals/ReferralSentPage').then((m) => ({ default: m.ReferralSentPage })),
);
const PracticeReferralsPage = lazy(() =>
  import('../modules/referrals/PracticeReferralsPage').then((m) => ({ default: m.PracticeReferralsPage })),
);
const ReferralStatusPage = lazy(() =>
  import('../modules/referrals/ReferralStatusPage').then((m) => ({ default: m.ReferralStatusPage })),
);

// Team pages (triage, allocation, caseload, leave): loaded when first opened.
const TriageQueuePage = lazy(() =>
  import('../modules/triage/TriageQueuePage').then((m) => ({ default: m.TriageQueuePage })),
);
const TriageSettingsPage = lazy(() =>
  import('../modules/triage/TriageSettingsPage').then((m) => ({ default: m.TriageSettingsPage })),
);
const ReferralPage = lazy(() =>
  import('../modules/allocation/ReferralPage').then((m) => ({ default: m.ReferralPage })),
);
const AllocateAllPage = lazy(() =>
  import('../modules/allocation/AllocateAllPage').then((m) => ({ default: m.AllocateAllPage })),
);
const CaseloadPage = lazy(() =>
  import('../modules/allocation/CaseloadPage').then((m) => ({ default: m.CaseloadPage })),
);
const TeamCaseloadsPage = lazy(() =>
  import('../modules/allocation/TeamCaseloadsPage').then((m) => ({ default: m.TeamCaseloadsPage })),
);
const FirstContactPage = lazy(() =>
  import('../modules/allocation/FirstContactPage').then((m) => ({ default: m.FirstContactPage })),
);
const OutcomeMeasuresPage = lazy(() =>
  import('../modules/outcomes/OutcomeMeasuresPage').then((m) => ({ default: m.OutcomeMeasuresPage })),
);
const CaseRecordPage = lazy(() =>
  import('../modules/cases/CaseRecordPage').then((m) => ({ default: m.CaseRecordPage })),
);
const LeavePage = lazy(() => import('../modules/workforce/LeavePage').then((m) => ({ default: m.LeavePage })));
const HandoverPage = lazy(() => import('../modules/workforce/HandoverPage').then((m) => ({ default: m.HandoverPage })));
const TasksPage = lazy(() => import('../modules/reminders/TasksPage').then((m) => ({ default: m.TasksPage })));
// The care and support plan: one per person, shared by the team.
const CarePlanPage = lazy(() =>
  import('../modules/care-plans/CarePlanPage').then((m) => ({ default: m.CarePlanPage })),
);
const CarePlanVersionsPage = lazy(() =>
  import('../modules/care-plans/CarePlanVersionsPage').then((m) => ({ default: m.CarePlanVersionsPage })),
);
const CarePlanPrintPage = lazy(() =>
  import('../modules/care-plans/CarePlanPrintPage').then((m) => ({ default: m.CarePlanPrintPage })),
);

// The Directory of Services: public search and listing pages, maintenance, admin.
const DirectorySearchPage = lazy(() =>
  import('../modules/directory/DirectorySearchPage').then((m) => ({ default: m.DirectorySearchPage })),
);
const ServicePage = lazy(() => import('../modules/directory/ServicePage').then((m) => ({ default: m.ServicePage })));
const ReviewQueuePage = lazy(() =>
  import('../modules/directory-maintenance/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })),
);
const ReviewServicePage = lazy(() =>
  import('../modules/directory-maintenance/ReviewServicePage').then((m) => ({ default: m.ReviewServicePage })),
);
const ModerationPage = lazy(() =>
  import('../modules/directory-maintenance/ModerationPage').then((m) => ({ default: m.ModerationPage })),
);
const PartnerListingsPage = lazy(() =>
  import('../modules/directory-maintenance/PartnerListingsPage').then((m) => ({ default: m.PartnerListingsPage })),
);
const ProposeEditPage = lazy(() =>
  import('../modules/directory-maintenance/ProposeEditPage').then((m) => ({ default: m.ProposeEditPage })),
);
const DirectoryAdminPage = lazy(() =>
  import('../modules/directory-transfer/DirectoryAdminPage').then((m) => ({ default: m.DirectoryAdminPage })),
);
const DuplicatesPage = lazy(() =>
  import('../modules/directory-transfer/DuplicatesPage').then((m) => ({ default: m.DuplicatesPage })),
);

const ForgotPasswordPage = lazy(() =>
  import('../modules/auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('../modules/auth/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../modules/account/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);
const AccessibilityPage = lazy(() =>
  import('../modules/site/AccessibilityPage').then((m) => ({ default: m.AccessibilityPage })),
);
const PrivacyPage = lazy(() => import('../modules/site/PrivacyPage').then((m) => ({ default: m.PrivacyPage })));
const CookiesPage = lazy(() => import('../modules/site/CookiesPage').then((m) => ({ default: m.CookiesPage })));
const ContactPage = lazy(() => import('../modules/site/ContactPage').then((m) => ({ default: m.ContactPage })));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      // Public: residents find services without signing in; signed-in staff see the same pages.
      { path: 'directory', element: <DirectorySearchPage /> },
      { path: 'directory/services/:serviceId', element: <ServicePage /> },
      // Public: the footer's pages, readable signed out.
      { path: 'accessibility', element: <AccessibilityPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
      { path: 'cookies', element: <CookiesPage /> },
      { path: 'contact', element: <ContactPage /> },
      {
        element: <SessionGate />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'account/password', element: <ChangePasswordPage /> },
          {
            path: 'referrals/new',
            element: (
              <RequirePermission needs={['referral.create', 'organisation.read']}>
                <ReferralFormPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals/:referralId/sent',
            element: (
              <RequirePermission needs={['referral.create']}>
                <ReferralSentPage />
              </RequirePermission>
            ),
          },
          {
            path: 'practice/referrals',
            element: (
              <RequirePermission needs={['referral.read']}>
                <PracticeReferralsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'practice/referrals/:referralId',
            element: (
              <RequirePermission needs={['referral.read']}>
                <ReferralStatusPage />
              </RequirePermission>
            ),
          },
          {
            path: 'notifications',
            element: (
              <RequirePermission needs={['notification.read']}>
                <NotificationsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'triage',
            element: (
              <RequirePermission needs={['referral.triage']}>
                <TriageQueuePage />
              </RequirePermission>
            ),
          },
          {
            path: 'triage/settings',
            element: (
              <RequirePermission needs={['referral.triage']}>
                <TriageSettingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'triage/allocate-all',
            element: (
              <RequirePermission needs={['referral.allocate']}>
                <AllocateAllPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals/:referralId',
            element: (
              <RequirePermission needs={['referral.read', 'team.read']}>
                <ReferralPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals/:referralId/measures',
            element: (
              <RequirePermission needs={['outcome.read', 'referral.read']}>
                <OutcomeMeasuresPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals/:referralId/case',
            element: (
              <RequirePermission needs={['case.read']}>
                <CaseRecordPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals/:referralId/first-contact',
            element: (
              <RequirePermission needs={['referral.contact']}>
                <FirstContactPage />
              </RequirePermission>
            ),
          },
          {
            path: 'people/:personId/plan',
            element: (
              <RequirePermission needs={['careplan.read']}>
                <CarePlanPage />
              </RequirePermission>
            ),
          },
          {
            path: 'people/:personId/plan/versions',
            element: (
              <RequirePermission needs={['careplan.read']}>
                <CarePlanVersionsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'people/:personId/plan/print',
            element: (
              <RequirePermission needs={['careplan.read']}>
                <CarePlanPrintPage />
              </RequirePermission>
            ),
          },
          {
            path: 'caseload',
            element: (
              <RequirePermission needs={['caseload.read']}>
                <CaseloadPage />
              </RequirePermission>
            ),
          },
          {
            path: 'tasks',
            element: (
              <RequirePermission needs={['caseload.read']}>
                <TasksPage />
              </RequirePermission>
            ),
          },
          {
            path: 'team/caseloads',
            element: (
              <RequirePermission needs={['referral.allocate']}>
                <TeamCaseloadsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'team/leave',
            element: (
              <RequirePermission needs={['team.read']}>
                <LeavePage />
              </RequirePermission>
            ),
          },
          {
            path: 'team/leave/:memberId/handover',
            element: (
              <RequirePermission needs={['leave.manage']}>
                <HandoverPage />
              </RequirePermission>
            ),
          },
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
            path: 'admin/organisations/:organisationId',
            element: (
              <RequirePermission needs={['organisation.read', 'organisation.manage']}>
                <OrganisationPage />
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
          {
            path: 'directory/review',
            element: (
              <RequirePermission needs={['directory.review']}>
                <ReviewQueuePage />
              </RequirePermission>
            ),
          },
          {
            path: 'directory/review/services/:serviceId',
            element: (
              <RequirePermission needs={['directory.review']}>
                <ReviewServicePage />
              </RequirePermission>
            ),
          },
          {
            path: 'directory/review/changes/:changeId',
            element: (
              <RequirePermission needs={['directory.review']}>
                <ModerationPage />
              </RequirePermission>
            ),
          },
          {
            path: 'directory/our-listings',
            element: (
              <RequirePermission needs={['directory.propose']}>
                <PartnerListingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'directory/our-listings/:serviceId/edit',
            element: (
              <RequirePermission needs={['directory.propose']}>
                <ProposeEditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/directory',
            element: (
              <RequirePermission needs={['directory.manage']}>
                <DirectoryAdminPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/directory/duplicates',
            element: (
              <RequirePermission needs={['directory.manage']}>
                <DuplicatesPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
