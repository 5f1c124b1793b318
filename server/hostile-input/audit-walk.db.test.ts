import { and, eq, gt, max } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../common/directory-transfer.js';
import { totpCode } from '../modules/auth/totp.js';
import { ensureSocialPrescribingTaxonomy } from '../modules/directory/listings/listings.service.js';
import {
  createTestListing,
  createTestOrganization,
  testListingInput,
} from '../modules/directory/listings/test-listings.js';
import { outbox } from '../modules/notifications/notifications.tables.js';
import { residentMessages } from '../modules/notifications/resident-messages.tables.js';
import { codeEmailedTo, createLinkedCase } from '../modules/onward-referrals/links/test-links.js';
import { validReferralBody } from '../modules/referrals/referral-fixtures.js';
import { beginSelfReferral, selfReferralAnswers } from '../modules/referrals/test-self-referrals.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import { bookVideo, createVideoCase } from '../modules/video/test-video.js';
import { auditEvents } from '../platform/audit/audit.tables.js';
import { setUpTestApp } from '../test/team.js';
import { createTestUser, type Session, sessionCookieFrom, signIn } from '../test/toolkit.js';

// The audit walk (issue 11, point 2) for the writes whose path names no record — the scope walk
// covers those that do. Every POST/PUT/PATCH/DELETE of the live route table without a path
// parameter is made once, successfully, by someone allowed to, and must leave at least one
// success row of its own action in the audit trail. A new write route fails the walk until it
// is taught here how to make it succeed and which action it records.

const {
  ctx,
  tenancy: home,
  lead,
  referrer,
  worker,
  admin,
  partner,
} = setUpTestApp({
  config: {
    LOCKOUT_THRESHOLD: '100000',
    PUBLIC_URL: 'https://waymark.test.example/',
    NOTIFY_CALLBACK_TOKEN: 'audit-walk-callback-token',
  },
  team: {
    lead: 'team_lead',
    referrer: 'referrer',
    worker: { role: 'link_worker', signIn: false },
    admin: 'admin',
    partner: 'vcs_partner',
  },
});
const NEW_PASSWORD = 'a walk through the audit trail';

const post = (url: string, s: Session | null, payload?: unknown, method = 'POST') =>
  ctx.app.inject({ method: method as 'POST', url, headers: s?.headers ?? {}, payload: payload as object });

// ---- Issue 12, link helper: the secure link's public steps (no path id; the token in the body) ----
/** A new onward referral sent by link, and (with `verify`) the access its one-time code gives. */
async function linkHolder(opts: { verify?: boolean; accept?: boolean } = {}) {
  const linked = await createLinkedCase(ctx.db, home, worker);
  if (!opts.verify) return { token: linked.token, access: '' };
  await post('/api/referral-link/code', null, { token: linked.token });
  const verified = await post('/api/referral-link/verify', null, {
    token: linked.token,
    code: await codeEmailedTo(ctx.db, linked.email),
  });
  const holder = { token: linked.token, access: verified.json().access as string };
  if (opts.accept) await post('/api/referral-link/accept', null, { ...holder, version: 1 });
  return holder;
}
const LINK_WRITES: Record<string, { action: string; run(): Promise<{ statusCode: number; body: string }> }> = {
  'POST /api/referral-link/open': {
    action: 'onward.link.open',
    run: async () => post('/api/referral-link/open', null, { token: (await linkHolder()).token }),
  },
  'POST /api/referral-link/code': {
    action: 'onward.link.code',
    run: async () => post('/api/referral-link/code', null, { token: (await linkHolder()).token }),
  },
  'POST /api/referral-link/verify': {
    action: 'onward.link.verify',
    run: async () => {
      const linked = await createLinkedCase(ctx.db, home, worker);
      await post('/api/referral-link/code', null, { token: linked.token });
      return post('/api/referral-link/verify', null, {
        token: linked.token,
        code: await codeEmailedTo(ctx.db, linked.email),
      });
    },
  },
  'POST /api/referral-link/referral': {
    action: 'onward.read',
    run: async () => post('/api/referral-link/referral', null, await linkHolder({ verify: true })),
  },
  'POST /api/referral-link/accept': {
    action: 'onward.accept',
    run: async () => post('/api/referral-link/accept', null, { ...(await linkHolder({ verify: true })), version: 1 }),
  },
  'POST /api/referral-link/decline': {
    action: 'onward.decline',
    run: async () =>
      post('/api/referral-link/decline', null, {
        ...(await linkHolder({ verify: true })),
        version: 1,
        reason: 'service_full',
      }),
  },
  'POST /api/referral-link/attendance': {
    action: 'onward.attendance',
    run: async () =>
      post('/api/referral-link/attendance', null, {
        ...(await linkHolder({ verify: true, accept: true })),
        version: 2,
        kind: 'attended',
        on: new Date().toISOString().slice(0, 10),
      }),
  },
  'POST /api/referral-link/close': {
    action: 'onward.close',
    run: async () =>
      post('/api/referral-link/close', null, {
        ...(await linkHolder({ verify: true, accept: true })),
        version: 2,
        outcome: 'engaged_continuing',
        note: 'Comes every week.',
      }),
  },
};

/** A self-referral from the public app, sent as a resident would (issue 14). */
async function sendSelfReferral(givenName: string) {
  const formToken = await beginSelfReferral(ctx);
  return post('/api/public/self-referrals', null, {
    answers: selfReferralAnswers(home.practiceId, { givenName, phone: '07700 900 990' }),
    formToken,
  });
}

/**
 * POSTs that change nothing, so leave no audit row: the self-referral's page check validates a
 * page's answers and stores nothing (self-referral.db.test.ts shows nothing is kept).
 */
const CHANGES_NOTHING = new Set([
  'POST /api/public/self-referral/check',
  // Issue 16: the workforce planner works a plan out and keeps nothing (the db test shows it).
  'POST /api/workforce-planner/calculate',
]);

/** How to make each write succeed, and the audit action it must record. */
const WRITES: Record<string, { action: string; run(): Promise<{ statusCode: number; body: string }> }> = {
  'POST /api/public/self-referral/start': {
    action: 'self-referral.start',
    run: () => post('/api/public/self-referral/start', null),
  },
  'POST /api/public/self-referrals': {
    action: 'referral.create',
    run: () => sendSelfReferral('Walker'),
  },
  'POST /api/public/self-referrals/status': {
    action: 'referral.status-checked',
    run: async () => {
      const sent = await sendSelfReferral('Statuswalker');
      return post('/api/public/self-referrals/status', null, {
        reference: sent.json().reference,
        dateOfBirth: '1961-07-14',
      });
    },
  },
  'POST /api/referrals': {
    action: 'referral.create',
    run: () => post('/api/referrals', referrer, validReferralBody()),
  },
  'POST /api/people/matches': {
    action: 'person.match-search',
    run: () =>
      post('/api/people/matches', referrer, { givenName: 'Walk', familyName: 'Match', dateOfBirth: '1970-01-01' }),
  },
  'POST /api/triage/allocate-all': {
    action: 'referral.allocate-all',
    run: async () => {
      await createTestReferral(ctx.db, home, triaged());
      return post('/api/triage/allocate-all', lead, {});
    },
  },
  'PUT /api/pcn/triage-settings': {
    action: 'triage.settings.update',
    run: () => post('/api/pcn/triage-settings', lead, { urgentDays: 2, soonDays: 7, routineDays: 21 }, 'PUT'),
  },
  // Issue 16: the ICB's team lists, saved as the admin read them, plus a target changed.
  'PUT /api/team/settings': {
    action: 'team.settings.update',
    run: async () => {
      const read = await ctx.app.inject({ method: 'GET', url: '/api/team/settings', headers: admin.headers });
      const s = read.json();
      return post(
        '/api/team/settings',
        admin,
        {
          skills: s.skills,
          requirements: s.requirements,
          targets: [{ role: 'care_coordinator', intervalDays: 42, note: 'Walk test' }],
        },
        'PUT',
      );
    },
  },
  // Issue 16: volunteers and the groups the team runs.
  'POST /api/volunteers': {
    action: 'volunteer.create',
    run: () =>
      post('/api/volunteers', lead, {
        name: 'Audit Walk Volunteer',
        email: null,
        phone: null,
        postcode: null,
        role: 'befriender',
        availability: null,
        startedOn: '2025-01-06',
      }),
  },
  'POST /api/team-groups': {
    action: 'team-group.create',
    run: () =>
      post('/api/team-groups', lead, {
        name: 'Audit walk group',
        description: '',
        schedule: 'Mondays, 2pm',
        venue: 'The library',
        capacity: 10,
        directoryServiceId: null,
        staffIds: [],
        volunteerIds: [],
      }),
  },
  'POST /api/team/leave': {
    action: 'leave.create',
    run: () =>
      post('/api/team/leave', lead, {
        userId: worker.id,
        startsOn: '2031-01-06',
        endsOn: '2031-01-10',
        reason: 'annual_leave',
      }),
  },
  'POST /api/notifications/read-all': {
    action: 'notification.read_all',
    run: () => post('/api/notifications/read-all', lead),
  },
  'POST /api/admin/users': {
    action: 'user.create',
    run: () =>
      post('/api/admin/users', admin, {
        name: 'Walk Created',
        email: `walk.${Date.now()}@test.example`,
        role: 'referrer',
        organisationId: home.practiceId,
        password: NEW_PASSWORD,
      }),
  },
  'POST /api/admin/organisations/pcns': {
    action: 'organisation.create',
    run: () => post('/api/admin/organisations/pcns', admin, { icbId: home.icbId, code: 'U99101', name: 'Walk PCN' }),
  },
  'POST /api/admin/organisations/practices': {
    action: 'organisation.create',
    run: () =>
      post('/api/admin/organisations/practices', admin, { pcnId: home.pcnId, code: 'W99001', name: 'Walk Surgery' }),
  },
  'POST /api/admin/organisations/vcs': {
    action: 'organisation.create',
    run: () => post('/api/admin/organisations/vcs', admin, { icbId: home.icbId, name: 'Walk Friends' }),
  },
  'POST /api/directory/import/oruk': {
    action: 'directory.import',
    run: () => post('/api/directory/import/oruk', admin, []),
  },
  'POST /api/directory/import/csv': {
    action: 'directory.import',
    run: () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/directory/import/csv',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        payload: CSV_COLUMNS.map((c) => c.name).join(','),
      }),
  },
  'POST /api/directory/duplicates/merge': {
    action: 'directory.merge',
    run: async () => {
      const keep = await createTestListing(ctx.db, home.icbId);
      const merge = await createTestListing(ctx.db, home.icbId);
      return post('/api/directory/duplicates/merge', admin, { keep_id: keep.id, merge_id: merge.id, reason: 'Walk' });
    },
  },
  'POST /api/auth/sign-in': {
    action: 'auth.sign-in',
    run: async () => {
      const u = await createTestUser(ctx.db, home, 'link_worker');
      return post('/api/auth/sign-in', null, { email: u.email, password: u.password });
    },
  },
  'POST /api/auth/sign-out': {
    action: 'auth.sign-out',
    run: async () => post('/api/auth/sign-out', await signIn(ctx, await createTestUser(ctx.db, home, 'link_worker'))),
  },
  'POST /api/auth/second-factor/enrol': {
    action: 'auth.second-factor.enrol',
    run: async () => {
      const u = await createTestUser(ctx.db, home, 'admin');
      const first = await post('/api/auth/sign-in', null, { email: u.email, password: u.password });
      const secret = first.json().setup.secret as string;
      return ctx.app.inject({
        method: 'POST',
        url: '/api/auth/second-factor/enrol',
        headers: { cookie: sessionCookieFrom(first) ?? '' },
        payload: { code: totpCode(secret) },
      });
    },
  },
  'POST /api/auth/second-factor': {
    action: 'auth.second-factor',
    run: async () => {
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      const u = await createTestUser(ctx.db, home, 'link_worker', { totpSecret: secret, totpEnabled: true });
      const first = await post('/api/auth/sign-in', null, { email: u.email, password: u.password });
      return ctx.app.inject({
        method: 'POST',
        url: '/api/auth/second-factor',
        headers: { cookie: sessionCookieFrom(first) ?? '' },
        payload: { code: totpCode(secret) },
      });
    },
  },
  'POST /api/account/password': {
    action: 'auth.password.change',
    run: async () => {
      const u = await createTestUser(ctx.db, home, 'link_worker');
      return post('/api/account/password', await signIn(ctx, u), {
        currentPassword: u.password,
        newPassword: NEW_PASSWORD,
      });
    },
  },
  'POST /api/notify/receipts': {
    action: 'resident-message.receipt',
    run: async () => {
      // A message Notify accepted (straight into the table: sending is not this route's business).
      const notifyId = crypto.randomUUID();
      await ctx.db.insert(residentMessages).values({
        icbId: home.icbId,
        kind: 'contact_reminder',
        channel: 'sms',
        recipient: '07700 900456',
        personalisation: {},
        status: 'sent',
        notifyId,
      });
      return ctx.app.inject({
        method: 'POST',
        url: '/api/notify/receipts',
        headers: { authorization: 'Bearer audit-walk-callback-token' },
        payload: {
          id: notifyId,
          reference: null,
          to: '07700 900456',
          status: 'delivered',
          created_at: '2026-12-06T12:15:30.000000Z',
          completed_at: '2026-12-06T12:15:35.000000Z',
          sent_at: '2026-12-06T12:15:31.000000Z',
          notification_type: 'sms',
        },
      });
    },
  },
  'POST /api/auth/password-reset': {
    action: 'auth.password-reset.request',
    run: async () => post('/api/auth/password-reset', null, { email: worker.email }),
  },
  'POST /api/auth/password-reset/complete': {
    action: 'auth.password-reset.complete',
    run: async () => {
      const u = await createTestUser(ctx.db, home, 'link_worker');
      await post('/api/auth/password-reset', null, { email: u.email });
      const email = (await ctx.db.select().from(outbox)).find((m) => m.payload.to === u.email);
      const token = /reset-password#token=([A-Za-z0-9_-]+)/.exec(email?.payload.text ?? '')?.[1];
      return post('/api/auth/password-reset/complete', null, { token, newPassword: NEW_PASSWORD });
    },
  },
  // ---- showcase (issue 12, point 7): a partner proposes a brand-new listing ----
  'POST /api/directory/our-proposals': {
    action: 'directory.proposal.submit',
    run: async () => {
      await ensureSocialPrescribingTaxonomy(ctx.db);
      const org = await createTestOrganization(ctx.db, home.icbId, { vcsOrganisationId: home.vcsOrganisationId });
      return post('/api/directory/our-proposals', partner, { proposed: testListingInput(org.id) });
    },
  },
  // ---- end showcase ----
  ...LINK_WRITES,
  // ---- issue 16: a workforce scenario saved by the lead; a pay figure changed by the administrator ----
  'POST /api/workforce-planner/scenarios': {
    action: 'workforce.scenario-saved',
    run: async () => {
      const baseline = await ctx.app.inject({
        method: 'GET',
        url: '/api/workforce-planner/baseline',
        headers: lead.headers,
      });
      return post('/api/workforce-planner/scenarios', lead, { name: 'Audit walk', inputs: baseline.json().defaults });
    },
  },
  'PUT /api/workforce-planner/rates': {
    action: 'workforce.rate-changed',
    run: () =>
      post(
        '/api/workforce-planner/rates',
        admin,
        { code: 'oncost:ni_rate', year: '2025/26', amount: 15, verified: false, source: 'Audit walk figure' },
        'PUT',
      ),
  },
  // ---- issue 17: an admin registers a system client ----
  'POST /api/admin/system-clients': {
    action: 'system-client.register',
    run: () =>
      post('/api/admin/system-clients', admin, {
        name: 'Walk GP system',
        organisationId: home.practiceId,
        authMethod: 'client_secret',
        scopes: ['referral.create'],
      }),
  },
  // ---- issue 19: records retention (the ICB administrator): destroy what the dry run showed; the nightly switch ----
  'POST /api/admin/retention/destroy': {
    action: 'retention.destroy-run',
    run: async () => {
      const report = await ctx.app.inject({ method: 'GET', url: '/api/admin/retention', headers: admin.headers });
      return post('/api/admin/retention/destroy', admin, { confirm: true, expectedPeople: report.json().due.people });
    },
  },
  'PUT /api/admin/retention/settings': {
    action: 'retention.settings',
    run: () => post('/api/admin/retention/settings', admin, { scheduledDestruction: false, version: 1 }, 'PUT'),
  },
  // ---- issue 15: the person opens their link to a video appointment ----
  'POST /api/public/video/open': {
    action: 'video.link.open',
    run: async () => {
      const kase = await createVideoCase(ctx, home, worker);
      const { token } = await bookVideo(ctx, lead, kase.id);
      return post('/api/public/video/open', null, { token });
    },
  },
};

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;

describe('the audit walk: every write without a record in its path', () => {
  it('knows every such route of the live route table', () => {
    const writes = ctx.routes
      .filter(
        (r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url.startsWith('/api/') && !r.url.includes(':'),
      )
      .map((r) => `${r.method} ${r.url}`);
    const unknown = writes.filter((w) => !WRITES[w] && !CHANGES_NOTHING.has(w));
    expect(unknown, 'teach the audit walk how to make these succeed').toEqual([]);
    expect(
      Object.keys(WRITES).filter((w) => !writes.includes(w)),
      'routes that no longer exist',
    ).toEqual([]);
  });

  it('each, made successfully, leaves a success row of its own action', async () => {
    const problems: string[] = [];
    for (const [route, { action, run }] of Object.entries(WRITES)) {
      const before = await lastAuditId();
      const res = await run();
      if (res.statusCode >= 300) {
        problems.push(`${route}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      // The reset request answers before its row is written (a floor against timing): wait for it.
      const rows = async () =>
        ctx.db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(and(gt(auditEvents.id, before), eq(auditEvents.outcome, 'success'), eq(auditEvents.action, action)));
      let found = await rows();
      for (let i = 0; i < 20 && found.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        found = await rows();
      }
      if (found.length === 0) problems.push(`${route}: no success row of ${action}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
