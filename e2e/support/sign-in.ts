import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Browser, expect, type Page } from '@playwright/test';
import type { Me, SignInResult } from '../../common/api-types.js';
import type { Role } from '../../common/roles.js';
import { adminSecret, freshCode, saveAdminSecret } from './admin-totp.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';

/**
 * Signs in through the API. `page.request` shares the browser context's cookies, so the page is
 * signed in too. The administrator's second factor is answered (or set up, on a fresh database).
 */
export async function signInThroughApi(page: Page, role: Role): Promise<Me> {
  const { email } = DEMO_USERS[role];
  const response = await page.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status(), `sign-in as ${role}`).toBe(200);
  const result = (await response.json()) as SignInResult;
  if (result.status === 'signed-in') return result.me;

  let path: string;
  let secret: string;
  if (result.status === 'second-factor-setup-required') {
    secret = result.setup.secret;
    saveAdminSecret(secret);
    path = '/api/auth/second-factor/enrol';
  } else {
    secret = adminSecret();
    path = '/api/auth/second-factor';
  }
  const second = await page.request.post(path, { data: { code: await freshCode(secret) } });
  expect(second.status(), `second factor for ${role}`).toBe(200);
  return ((await second.json()) as { me: Me }).me;
}

// Every admin sign-in costs an unused authenticator code (a wait of up to 30 s when the current
// and next steps are used), so admin tests share one session: its cookies are kept here and
// reused while the server still accepts them.
const ADMIN_COOKIES = '.tmp/e2e-state/admin-cookies.json';

/** A page in a browser context of its own (its own cookies), signed in as the role's demo user. */
export async function signedInPage(browser: Browser, role: Role): Promise<{ page: Page; me: Me }> {
  const page = await (await browser.newContext()).newPage();
  const me = await signInThroughApi(page, role);
  return { page, me };
}

export async function rememberAdminSession(page: Page): Promise<void> {
  mkdirSync('.tmp/e2e-state', { recursive: true });
  writeFileSync(ADMIN_COOKIES, JSON.stringify(await page.context().cookies()));
}

async function reuseAdminSession(page: Page): Promise<boolean> {
  let cookies: Parameters<ReturnType<Page['context']>['addCookies']>[0];
  try {
    cookies = JSON.parse(readFileSync(ADMIN_COOKIES, 'utf8'));
  } catch {
    return false;
  }
  await page.context().addCookies(cookies);
  const me = await page.request.get('/api/auth/me');
  if (me.ok()) return true;
  await page.context().clearCookies();
  return false;
}

/** A page signed in as the role's demo user; the admin reuses a live session when there is one. */
export async function signIn(page: Page, role: Role): Promise<void> {
  if (role === 'admin' && (await reuseAdminSession(page))) return;
  await signInThroughApi(page, role);
  if (role === 'admin') await rememberAdminSession(page);
}

/** Fills in the real sign-in page's email and password, and presses Sign in. */
export async function submitSignInForm(page: Page, role: Role): Promise<void> {
  await page.getByLabel('Email address').fill(DEMO_USERS[role].email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
