import { ACCOUNT_ROUTES } from '../modules/account/routes';
import { ADMIN_ROUTES } from '../modules/admin/routes';
import { ALLOCATION_ROUTES } from '../modules/allocation/routes';
import { ANALYTICS_ROUTES } from '../modules/analytics/routes';
import { AUTH_ROUTES } from '../modules/auth/routes';
import { CARE_PLAN_ROUTES } from '../modules/care-plans/routes';
import { CASE_ROUTES } from '../modules/cases/routes';
import { DIRECTORY_ROUTES } from '../modules/directory/routes';
import { DIRECTORY_MAINTENANCE_ROUTES } from '../modules/directory-maintenance/routes';
import { DIRECTORY_TRANSFER_ROUTES } from '../modules/directory-transfer/routes';
import { HOME_ROUTES } from '../modules/home/routes';
import { IMPACT_ROUTES } from '../modules/impact/routes';
import { NOTIFICATION_ROUTES } from '../modules/notifications/routes';
import { ONWARD_REFERRAL_ROUTES } from '../modules/onward-referrals/routes';
import { OUTCOME_ROUTES } from '../modules/outcomes/routes';
import { PARTNER_ROUTES } from '../modules/partner/routes';
import { RECORDS_ROUTES } from '../modules/records/routes';
import { REFERRAL_LINK_ROUTES } from '../modules/referral-link/routes';
import { REFERRAL_SETTINGS_ROUTES } from '../modules/referral-settings/routes';
import { REFERRAL_ROUTES } from '../modules/referrals/routes';
import { REMINDER_ROUTES } from '../modules/reminders/routes';
import { SELF_REFERRAL_ROUTES } from '../modules/self-referral/routes';
import { SHOWCASE_ROUTES } from '../modules/showcase/routes';
import { SITE_ROUTES } from '../modules/site/routes';
import { TEAM_ROUTES } from '../modules/team/routes';
import { TEAM_GROUP_ROUTES } from '../modules/team-groups/routes';
import { TRIAGE_ROUTES } from '../modules/triage/routes';
import { VIDEO_ROUTES } from '../modules/video/routes';
import { VOLUNTEER_ROUTES } from '../modules/volunteers/routes';
import { WORKFORCE_ROUTES } from '../modules/workforce/routes';
import { WORKFORCE_PLANNER_ROUTES } from '../modules/workforce-planner/routes';
import type { PageRoute } from './page-route';

/** Every page of the app, as its module declares it: what the router and the menu both read. */
export const PAGE_ROUTES: PageRoute[] = [
  ...AUTH_ROUTES,
  ...SITE_ROUTES,
  ...DIRECTORY_ROUTES,
  ...SELF_REFERRAL_ROUTES,
  ...HOME_ROUTES,
  ...ACCOUNT_ROUTES,
  ...REFERRAL_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...TRIAGE_ROUTES,
  ...ALLOCATION_ROUTES,
  ...OUTCOME_ROUTES,
  ...CASE_ROUTES,
  ...CARE_PLAN_ROUTES,
  ...REMINDER_ROUTES,
  ...TEAM_ROUTES,
  ...WORKFORCE_ROUTES,
  ...ADMIN_ROUTES,
  ...DIRECTORY_MAINTENANCE_ROUTES,
  ...DIRECTORY_TRANSFER_ROUTES,
  ...ONWARD_REFERRAL_ROUTES,
  ...PARTNER_ROUTES,
  ...REFERRAL_LINK_ROUTES,
  ...IMPACT_ROUTES,
  ...ANALYTICS_ROUTES,
  ...SHOWCASE_ROUTES,
  ...REFERRAL_SETTINGS_ROUTES,
  ...RECORDS_ROUTES,
  ...VIDEO_ROUTES,
  ...WORKFORCE_PLANNER_ROUTES,
  ...VOLUNTEER_ROUTES,
  ...TEAM_GROUP_ROUTES,
];
