import { expect, type Page } from '@playwright/test';
import type { Me, OrganisationTree, StaffMember } from '../../common/api-types.js';

/**
 * A referrer of the first demo practice, added by the administrator through the API with the
 * temporary password given: each test gets an account of its own to change, lock and reset.
 */
export async function addReferrer(admin: Page, name: string, password: string): Promise<StaffMember> {
  const me = (await (await admin.request.get('/api/auth/me')).json()) as Me;
  const tree = (await (await admin.request.get('/api/organisations')).json()) as OrganisationTree;
  const practice = tree.icbs[0]?.pcns[0]?.practices[0];
  if (!practice) throw new Error('the demo ICB has no practice');
  const suffix = Date.now().toString(36);
  const res = await admin.request.post('/api/admin/users', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: {
      name: `${name} ${suffix}`,
      email: `${name.toLowerCase().replace(/\s+/g, '.')}.${suffix}@northshire.example`,
      role: 'referrer',
      organisationId: practice.id,
      password,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as StaffMember;
}

/** Signs in with the sign-in page's form, as a person would. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
