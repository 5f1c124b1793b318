import { test as base, type Page } from '@playwright/test';
import type { Role } from '../common/roles.js';
import { signIn } from './support/sign-in.js';

// One fixture per role: a page already signed in as that role's demo user (through the API).
interface RolePages {
  referrerPage: Page;
  teamLeadPage: Page;
  linkWorkerPage: Page;
  healthCoachPage: Page;
  careCoordinatorPage: Page;
  vcsPartnerPage: Page;
  commissionerPage: Page;
  adminPage: Page;
}

function signedInAs(role: Role) {
  return async ({ page }: { page: Page }, use: (page: Page) => Promise<void>) => {
    await signIn(page, role);
    await use(page);
  };
}

export const test = base.extend<RolePages>({
  referrerPage: signedInAs('referrer'),
  teamLeadPage: signedInAs('team_lead'),
  linkWorkerPage: signedInAs('link_worker'),
  healthCoachPage: signedInAs('health_coach'),
  careCoordinatorPage: signedInAs('care_coordinator'),
  vcsPartnerPage: signedInAs('vcs_partner'),
  commissionerPage: signedInAs('commissioner'),
  adminPage: signedInAs('admin'),
});

export { expect } from '@playwright/test';
