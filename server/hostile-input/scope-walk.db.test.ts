import { and, eq, gt, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../common/permissions.js';
import { ROLES, type Role } from '../../common/roles.js';
import { auditEvents } from '../platform/audit/audit.tables.js';
import { setUpTestApp } from '../test/team.js';
import type { Session } from '../test/toolkit.js';
import {
  BODIES,
  createWalkFixtures,
  currentVersion,
  fillIds,
  ICB_WIDE,
  kindsOf,
  listingBody,
  OWNER,
  QUERIES,
  rank,
  sessions,
  url,
} from './walk-fixtures.js';

// The scope walk (issue 11, point 1): every API route that names a record in its path is asked,
// by every role of another PCN of the same ICB and of another ICB, by a referrer of another
// practice of the same PCN, and by the partner of another VCS organisation of the same ICB, for a
// record of the home team (a VCS organisation's own listings included).
// Each must answer 404 (or 403 where the role lacks the permission), exactly as for a record that
// does not exist. The same request by the home team must get past validation and find the record,
// so a 404 here is the scope speaking, not a bad body. A new route with a path parameter joins the
// walk by itself: the walk fails until it knows which record the parameter names.

const { ctx, tenancy: home } = setUpTestApp();

beforeAll(() => createWalkFixtures(ctx, home), 120_000);

async function lastAuditId(): Promise<bigint> {
  const [row] = await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return row?.id ?? 0n;
}

/**
 * The reads that write an audit row, and its action. A GET that starts to audit, or stops, fails
 * the walk until it is listed here (or taken off). Unlisted GETs with an id show no person's data:
 * organisations and directory listings.
 */
const AUDITED_READS: Record<string, string> = {
  'GET /api/admin/users/:id': 'user.read',
  'GET /api/referrals/:id': 'referral.read',
  'GET /api/referrals/:id/status': 'referral.read-status',
  'GET /api/referrals/:id/allocation-suggestion': 'referral.allocation-suggestion',
  'GET /api/referrals/:id/case': 'case.read',
  'GET /api/referrals/:id/measures': 'outcome.read',
  'GET /api/referrals/:id/gp-message': 'gpmessage.read',
  // Issue 19: a subject access export (who exported whom, when).
  'GET /api/referrals/:id/person/export': 'person.export',
  'GET /api/team/members/:id/handover': 'team.handover.read',
  // Issue 16: a team member's profile, training and supervision (the lead reads it).
  'GET /api/team/members/:id/profile': 'team.profile.read',
  'GET /api/people/:personId/care-plan': 'careplan.read',
  'GET /api/people/:personId/care-plan/versions': 'careplan.read-versions',
  'GET /api/people/:personId/care-plan/versions/compare': 'careplan.compare',
  // Issue 12, impact: who read which organisation's figures (aggregates, no person's data).
  'GET /api/directory/organisations/:id/impact': 'impact.read',
  'GET /api/directory/organisations/:id/impact.csv': 'impact.read',
  // Issue 12, partner inbox: the organisation reads the details it was sent.
  'GET /api/partner/referrals/:id': 'onward.read',
  // Issue 13, analytics: figures are aggregates; a download that leaves the platform is kept.
  'GET /api/analytics/:section.csv': 'analytics.export',
  // Issue 16: a volunteer's record (contact details); a group (its volunteers' names); a register.
  'GET /api/volunteers/:id': 'volunteer.read',
  'GET /api/team-groups/:id': 'team-group.read',
  'GET /api/team-groups/:id/sessions/:sessionId': 'team-group.register-read',
};

/** Parties that stand for one role only: a practice's referrers, a VCS organisation's partners. */
const ONLY_ROLE: Record<string, readonly Role[]> = { otherPractice: ['referrer'], otherVcs: ['vcs_partner'] };

const HOME_ORDER: Role[] = ['team_lead', 'link_worker', 'care_coordinator', 'referrer', 'vcs_partner', 'admin'];

describe('the scope walk: another team asking for the home team’s records by id', () => {
  it('answers 404 to every role of another practice, VCS organisation, PCN and ICB; the home team finds the record, its writes and personal reads are audited', async () => {
    const routes = ctx.routes.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        r.url.includes('/:') &&
        r.method !== 'HEAD' &&
        r.access !== undefined &&
        'permission' in r.access,
    );
    expect(routes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    let intrusions = 0;
    let writes = 0;
    let reads = 0;
    routes.sort((a, b) => rank(a) - rank(b));

    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const permission = (route.access as { permission: Permission }).permission;
      const path = url(route.url) + (QUERIES[key] ?? '');
      const kinds = kindsOf(route.url);
      const body = fillIds(
        BODIES[key] ?? listingBody(key) ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {}),
      );
      const send = (s: Session) =>
        ctx.app.inject({
          method: route.method as 'GET',
          url: path,
          headers: s.headers,
          ...(body === undefined ? {} : { payload: body as object }),
        });

      for (const party of ['otherPractice', 'otherVcs', 'otherPcn', 'otherIcb']) {
        for (const role of ONLY_ROLE[party] ?? ROLES) {
          const shared = party !== 'otherIcb' && kinds.some((k) => ICB_WIDE.has(k) || ICB_WIDE.has(`${k}:${role}`));
          if (shared) continue;
          const res = await send(sessions.get(`${party}:${role}`) as Session);
          const expected = can(role, permission) ? 404 : 403;
          intrusions += 1;
          if (res.statusCode !== expected)
            problems.push(`${party} ${role} ${key}: ${res.statusCode} (expected ${expected})`);
        }
      }

      const homeRole = OWNER[key] ?? (HOME_ORDER.find((r) => can(r, permission)) as Role);
      // The control sends the record's current version, so that it really changes it.
      if (body && typeof body === 'object' && 'version' in body) {
        (body as { version: number }).version = await currentVersion(route.url);
      }
      const homeSession = sessions.get(`home:${homeRole}`) as Session;
      const auditedBefore = await lastAuditId();
      const control = await send(homeSession);
      if ([400, 401, 403, 404].includes(control.statusCode) || control.statusCode >= 500) {
        problems.push(`home ${homeRole} ${key}: ${control.statusCode} ${control.body.slice(0, 200)}`);
      }
      // Reads of personal data are audited: each names its action once, under the request's id.
      if (route.method === 'GET' && control.statusCode === 200) {
        reads += 1;
        const rows = await ctx.db
          .select({ action: auditEvents.action, requestId: auditEvents.requestId })
          .from(auditEvents)
          .where(and(gt(auditEvents.id, auditedBefore), eq(auditEvents.actorUserId, homeSession.me.user.id)));
        const expected = AUDITED_READS[key];
        const got = rows.map((r) => r.action);
        if (expected ? got.join() !== expected : got.length > 0) {
          problems.push(`home ${homeRole} ${key}: audit rows ${JSON.stringify(got)} (expected ${expected ?? 'none'})`);
        }
        if (rows.some((r) => !r.requestId)) problems.push(`home ${homeRole} ${key}: audit row without a request id`);
      }
      // The audit walk rides along: a write that succeeded left a success row by its actor.
      if (route.method !== 'GET' && control.statusCode < 300) {
        writes += 1;
        const rows = await ctx.db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(
            and(
              gt(auditEvents.id, auditedBefore),
              eq(auditEvents.actorUserId, homeSession.me.user.id),
              eq(auditEvents.outcome, 'success'),
            ),
          );
        if (rows.length === 0) problems.push(`home ${homeRole} ${key}: ${control.statusCode} but no audit row`);
      }
    }
    expect(problems).toEqual([]);
    expect(intrusions).toBeGreaterThan(500);
    expect(writes).toBeGreaterThan(15);
    expect(reads).toBeGreaterThan(Object.keys(AUDITED_READS).length);
  }, 300_000);
});
