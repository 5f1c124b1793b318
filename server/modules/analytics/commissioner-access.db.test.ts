import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_PLAN } from '../../../common/care-plan.js';
import { routeLabel } from '../../hostile-input/route-table.js';
import type { RegisteredRoute } from '../../platform/http/access.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { createTestOnward } from '../onward-referrals/test-onward.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';

// Issue 13, point 4: a commissioner never receives person-level data. Walks the LIVE route table
// signed in as a commissioner of the ICB that holds a real person, referral, case, care plan,
// outcome measures and onward referral, each path parameter naming one of those records where it
// can. Every route touching a person's records answers 403 or 404, and the routes that answer a
// commissioner 2xx are exactly the allow-list below: a new person route that forgets its
// permission (or grants one a commissioner holds) fails here until someone decides about it.

const { ctx, tenancy: home } = setUpTestApp();
let commissioner: Session;
const ids: Record<string, string> = {};

/**
 * The routes a commissioner may succeed on, with this walk's requests (writes send `{}`): their
 * own account and notifications, the ICB's organisations, the public directory, evidence of
 * value (aggregates) and the analytics dashboards (aggregates). Entries for routes not yet in the
 * table are ignored; every listed route that exists must answer 2xx.
 */
const ALLOWED_2XX = [
  'GET /api/auth/me',
  'GET /api/auth/second-factor/setup',
  'POST /api/auth/sign-out',
  'GET /api/events',
  'GET /api/notifications',
  'GET /api/notifications/unread-count',
  'POST /api/notifications/read-all',
  'GET /api/organisations',
  'GET /api/organisations/practices/:id',
  'GET /api/public/site',
  'GET /api/public/directory/categories',
  'GET /api/public/directory/services',
  'GET /api/public/directory/services/:id',
  // The residents' self-referral is public: its reasons list and a journey's start hold nothing personal.
  'GET /api/public/self-referral/reasons',
  'POST /api/public/self-referral/start',
  'GET /api/directory/organisations/:id/impact',
  'GET /api/directory/organisations/:id/impact.csv',
  'GET /api/analytics/options',
  'GET /api/analytics/:section',
  'GET /api/analytics/:section.csv',
  // Issue 16: the workforce planner for the ICB (aggregates: WTE by role, never a worker by name).
  'GET /api/workforce-planner/baseline',
  'GET /api/workforce-planner/scenarios',
];

/** Paths whose records are people's: a commissioner must be refused (403) or find nothing (404). */
// The secure-link routes (/api/referral-link/*) are public: they answer to the link's token and
// code, never to a session, and answer a commissioner no 2xx (the allow-list holds none of them).
const PERSON_PATHS = [
  /^\/api\/referrals/,
  /^\/api\/people/,
  /^\/api\/cases/,
  /^\/api\/caseload/,
  /^\/api\/practice\//,
  /^\/api\/care-plans?/,
  /^\/api\/outcomes/,
  /^\/api\/gp-messages?/,
  /^\/api\/onward/,
  /^\/api\/partner/,
  /^\/api\/tasks/,
  /^\/api\/team/,
  /^\/api\/triage/,
  /^\/api\/allocation/,
  /^\/api\/admin\/users/,
  /^\/api\/audit/,
];

/** What a path parameter names, by route prefix (first match wins); anything else: a random id. */
const PARAMS: [RegExp, Record<string, string>][] = [
  [/^\/api\/referrals\/:id/, { id: 'referral', onwardId: 'onward' }],
  [/^\/api\/people\/:personId/, { personId: 'person' }],
  [/^\/api\/partner\/referrals\/:id/, { id: 'onward' }],
  [/^\/api\/team\/members\/:id/, { id: 'worker' }],
  [/^\/api\/admin\/users\/:id/, { id: 'worker' }],
  [/^\/api\/organisations\/practices\/:id/, { id: 'practice' }],
  [/^\/api\/directory\/organisations\/:id/, { id: 'directoryOrganisation' }],
  [/^\/api\/directory\/services\/:id/, { id: 'listing' }],
  [/^\/api\/public\/directory\/services\/:id/, { id: 'listing' }],
  [/^\/api\/analytics\/:section/, { section: 'section' }],
];

/** Query strings some GET routes need to get past validation, so that only access decides. */
const QUERIES: Record<string, string> = {
  'GET /api/people/:personId/care-plan/versions/compare': '?from=1&to=1',
};

function urlOf(pattern: string): string {
  const names = PARAMS.find(([prefix]) => prefix.test(pattern))?.[1] ?? {};
  return pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    const kind = names[name];
    return (kind && ids[kind]) || randomUUID();
  });
}

beforeAll(async () => {
  const worker = await createTestUser(ctx.db, home, 'link_worker');
  ids.worker = worker.id;
  ids.practice = home.practiceId;
  ids.section = 'capacity';
  const workerSession = await signIn(ctx, worker);
  const referral = await createTestReferral(
    ctx.db,
    home,
    triaged({ status: 'active', allocatedWorkerId: worker.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
  );
  ids.referral = referral.id;
  ids.person = referral.personId;
  const plan = await ctx.app.inject({
    method: 'PUT',
    url: `/api/people/${referral.personId}/care-plan`,
    headers: workerSession.headers,
    payload: { ...EMPTY_PLAN, whatMattersToMe: 'Seeing my grandchildren.', version: 0 },
  });
  expect(plan.statusCode).toBe(200);
  const measure = await ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${referral.id}/measures`,
    headers: workerSession.headers,
    payload: {
      measure: 'ons4',
      timepoint: 'baseline',
      answers: { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
    },
  });
  expect(measure.statusCode).toBe(201);
  const listing = await createTestListing(ctx.db, home.icbId);
  ids.listing = listing.id;
  ids.directoryOrganisation = listing.organization_id;
  const partnerOrg = await createTestOrganization(ctx.db, home.icbId, { vcsOrganisationId: home.vcsOrganisationId });
  const onward = await createTestOnward(ctx.db, home, worker, {
    id: listing.id,
    name: listing.name,
    organizationId: partnerOrg.id,
  });
  ids.onward = onward.id;
  commissioner = await signIn(ctx, await createTestUser(ctx.db, home, 'commissioner'));
}, 120_000);

async function ask(route: RegisteredRoute): Promise<LightMyRequestResponse> {
  const write = !['GET', 'HEAD'].includes(route.method);
  // Signing out (or changing a password, enrolling a factor) must not end the walk's own session.
  const session =
    route.url.startsWith('/api/auth/') && write
      ? await signIn(ctx, await createTestUser(ctx.db, home, 'commissioner'))
      : commissioner;
  return ctx.app.inject({
    method: route.method as 'GET',
    url: urlOf(route.url) + (QUERIES[routeLabel(route)] ?? ''),
    headers: session.headers,
    ...(write ? { payload: {} } : {}),
  });
}

describe('a commissioner and the route table', () => {
  it('is refused every person route, and succeeds only on the allow-list', async () => {
    const routes = ctx.routes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'),
    );
    const succeeded: string[] = [];
    const leaks: string[] = [];
    for (const route of routes) {
      const res = await ask(route);
      const label = routeLabel(route);
      if (res.statusCode >= 200 && res.statusCode < 300) succeeded.push(label);
      if (PERSON_PATHS.some((p) => p.test(route.url)) && ![403, 404].includes(res.statusCode)) {
        leaks.push(`${label} → ${res.statusCode}`);
      }
    }
    console.log(`commissioner access: ${routes.length} routes walked`);
    expect(leaks).toEqual([]);
    const present = new Set(routes.map(routeLabel));
    expect(succeeded.sort()).toEqual(ALLOWED_2XX.filter((label) => present.has(label)).sort());
  }, 120_000);
});
