import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { carePlans } from '../modules/care-plans/care-plans.tables.js';
import { caseContacts, caseNotes } from '../modules/cases/cases.tables.js';
import { directoryReports, directoryServices } from '../modules/directory/directory.tables.js';
import { toListingInput } from '../modules/directory/listings/listings.service.js';
import { createTestListing } from '../modules/directory/listings/test-listings.js';
import { outcomeMeasures } from '../modules/outcomes/outcomes.tables.js';
import { validReferralBody } from '../modules/referrals/referral-fixtures.js';
import { idempotencyKeys, referrals } from '../modules/referrals/referrals.tables.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import { users } from '../modules/users/users.tables.js';
import { staffLeave } from '../modules/workforce/workforce.tables.js';
import { setUpTestApp } from '../test/team.js';
import { createTestUser, type Session } from '../test/toolkit.js';

// Issue 9, finding 5: each hostile input that used to answer 500 (found by hand, one test per
// cause) now answers 400 naming the field, and changes nothing.

const {
  ctx,
  tenancy,
  worker,
  worker: workerS,
  lead,
  referrer,
  coordinator,
  admin,
} = setUpTestApp({
  team: {
    worker: 'link_worker',
    lead: { role: 'team_lead', caseloadCapacity: 0 },
    referrer: 'referrer',
    coordinator: 'care_coordinator',
    admin: 'admin',
  },
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const send = (s: Session | null, method: Method, url: string, payload?: unknown, headers = {}) =>
  ctx.app.inject({
    method,
    url,
    headers: { ...(s ? (method === 'GET' ? { cookie: s.cookie } : s.headers) : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const rows = async (table: PgTable) => (await ctx.db.select({ n: count() }).from(table))[0]?.n;

/** A 400 problem whose errors name `field` (and no 500 hiding behind it). */
function expectFieldRefused(res: Awaited<ReturnType<typeof send>>, field: string, message?: RegExp) {
  expect({ status: res.statusCode, body: res.json() }).toMatchObject({
    status: 400,
    body: { code: 'validation', errors: expect.arrayContaining([expect.objectContaining({ field })]) },
  });
  if (message) {
    const named = res.json().errors.find((e: { field: string }) => e.field === field);
    expect(named.message).toMatch(message);
  }
}

const CONTROL = /control characters/;
const allocated = () =>
  createTestReferral(
    ctx.db,
    tenancy,
    triaged({ status: 'allocated', allocatedWorkerId: worker.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
  );

describe('a NUL character in text (PostgreSQL 22021)', () => {
  it('in a referral: the person’s name and the details are named, and no referral or person is stored', async () => {
    const before = await rows(referrals);
    const res = await send(referrer, 'POST', '/api/referrals', {
      ...validReferralBody({ details: 'Lives alone\u0000' }, { givenName: 'Al\u0000ex' }),
    });
    expectFieldRefused(res, 'person.givenName', CONTROL);
    expectFieldRefused(res, 'details', CONTROL);
    expect(await rows(referrals)).toBe(before);
  });

  it('in a case note, a discharge summary, triage notes and a contact’s notes', async () => {
    const r = await allocated();
    const notes = await rows(caseNotes);
    expectFieldRefused(await send(workerS, 'POST', `/api/referrals/${r.id}/notes`, { body: 'x\u0000y' }), 'body');
    expect(await rows(caseNotes)).toBe(notes);

    const discharge = await send(workerS, 'POST', `/api/referrals/${r.id}/discharge`, {
      version: r.version,
      reason: 'goals_met',
      summary: 'Doing well\u0000',
    });
    expectFieldRefused(discharge, 'summary', CONTROL);

    const contacts = await rows(caseContacts);
    const contact = await send(workerS, 'POST', `/api/referrals/${r.id}/contacts`, {
      at: new Date(Date.now() - 3_600_000).toISOString(),
      mode: 'phone',
      durationMinutes: 20,
      outcome: 'attended',
      notes: '\u0000',
    });
    expectFieldRefused(contact, 'notes', CONTROL);
    expect(await rows(caseContacts)).toBe(contacts);

    const received = await createTestReferral(ctx.db, tenancy);
    const triage = await send(lead, 'POST', `/api/referrals/${received.id}/triage`, {
      version: received.version,
      priority: 'routine',
      complexity: 'low',
      predictedPam: 3,
      notes: 'see\u0000 GP',
    });
    expectFieldRefused(triage, 'notes', CONTROL);
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, received.id));
    expect(row?.status).toBe('received');
  });

  it('in a care plan (stored as jsonb, which refuses \\u0000 too)', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const res = await send(workerS, 'PUT', `/api/people/${r.personId}/care-plan`, {
      whatMattersToMe: 'My allotment\u0000',
      goals: [{ text: 'Walk\u0000', progress: [] }],
    });
    expectFieldRefused(res, 'whatMattersToMe', CONTROL);
    expectFieldRefused(res, 'goals.0.text', CONTROL);
    expect(await ctx.db.select().from(carePlans).where(eq(carePlans.personId, r.personId))).toEqual([]);
  });

  it('in a listing field edited by a reviewer', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Nul Walkers' });
    const res = await send(coordinator, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: { ...toListingInput(listing), name: 'Nul\u0000 Walkers', fees: '\u0000' },
    });
    expectFieldRefused(res, 'listing.name', CONTROL);
    expectFieldRefused(res, 'listing.fees', CONTROL);
    const [row] = await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, listing.id));
    expect(row?.name).toBe('Nul Walkers');
  });

  it('in a new user’s name (admin)', async () => {
    const before = await rows(users);
    const res = await send(admin, 'POST', '/api/admin/users', {
      name: 'Eve\u0000',
      email: `eve.${randomUUID()}@test.example`,
      role: 'referrer',
      organisationId: tenancy.practiceId,
      password: 'long enough password',
    });
    expectFieldRefused(res, 'name', CONTROL);
    expect(await rows(users)).toBe(before);
  });

  it('in the audit search filters', async () => {
    for (const field of ['actor', 'action', 'entity']) {
      expectFieldRefused(await send(admin, 'GET', `/api/admin/audit?${field}=a%00b`), field, CONTROL);
    }
  });

  describe('without signing in', () => {
    it('sign-in with a NUL in the email', async () => {
      const res = await send(null, 'POST', '/api/auth/sign-in', { email: 'a\u0000@test.example', password: 'x' });
      expectFieldRefused(res, 'email', CONTROL);
    });

    it('the public directory search text', async () => {
      expectFieldRefused(await send(null, 'GET', '/api/public/directory/services?text=%00abc'), 'text', CONTROL);
    });

    it('the Open Referral UK search', async () => {
      expectFieldRefused(await send(null, 'GET', '/oruk/services?search=%00'), 'search', CONTROL);
    });

    it('a public "out of date" report’s message: 400, no report stored', async () => {
      const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Reported Readers' });
      const before = await rows(directoryReports);
      const res = await send(null, 'POST', `/api/public/directory/services/${listing.id}/reports`, {
        message: 'Closed now\u0000',
      });
      expectFieldRefused(res, 'message', CONTROL);
      expect(await rows(directoryReports)).toBe(before);
    });
  });
});

describe('integers beyond 32 bits (PostgreSQL 22003)', () => {
  const TOO_BIG = 2 ** 31;

  it('the version of a triage decision, an allocation and a discharge', async () => {
    const received = await createTestReferral(ctx.db, tenancy);
    const triage = await send(lead, 'POST', `/api/referrals/${received.id}/triage`, {
      version: TOO_BIG,
      priority: 'routine',
      complexity: 'low',
      predictedPam: 3,
    });
    expectFieldRefused(triage, 'version');

    const ready = await createTestReferral(ctx.db, tenancy, triaged());
    expectFieldRefused(
      await send(lead, 'POST', `/api/referrals/${ready.id}/allocate`, { version: TOO_BIG, workerId: worker.id }),
      'version',
    );
    const r = await allocated();
    expectFieldRefused(
      await send(workerS, 'POST', `/api/referrals/${r.id}/discharge`, {
        version: -(2 ** 31) - 1,
        reason: 'goals_met',
        summary: 'Done',
      }),
      'version',
    );
    const states = await ctx.db.select().from(referrals).where(eq(referrals.id, ready.id));
    expect(states[0]?.status).toBe('triaged');
  });

  it('the version of a user update (admin)', async () => {
    const someone = await createTestUser(ctx.db, tenancy, 'referrer');
    const res = await send(admin, 'PATCH', `/api/admin/users/${someone.id}`, { version: TOO_BIG, name: 'Renamed' });
    expectFieldRefused(res, 'version');
    const [row] = await ctx.db.select().from(users).where(eq(users.id, someone.id));
    expect(row?.name).not.toBe('Renamed');
  });

  it('the expected version of a listing edit', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Version Vaulters' });
    expectFieldRefused(
      await send(coordinator, 'PUT', `/api/directory/review/services/${listing.id}`, {
        expected_version: TOO_BIG,
        listing: toListingInput(listing),
      }),
      'expected_version',
    );
  });

  it('a care plan saved with If-Match: "2147483648"', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const res = await send(
      workerS,
      'PUT',
      `/api/people/${r.personId}/care-plan`,
      { whatMattersToMe: 'My allotment' },
      { 'if-match': '"2147483648"' },
    );
    expectFieldRefused(res, 'if-match');
    expect(await ctx.db.select().from(carePlans).where(eq(carePlans.personId, r.personId))).toEqual([]);
  });

  it('the versions compared in a care plan’s history', async () => {
    const r = await createTestReferral(ctx.db, tenancy);
    const saved = await send(workerS, 'PUT', `/api/people/${r.personId}/care-plan`, { whatMattersToMe: 'My garden' });
    expect(saved.statusCode).toBe(200);
    const res = await send(workerS, 'GET', `/api/people/${r.personId}/care-plan/versions/compare?from=1&to=2147483648`);
    expectFieldRefused(res, 'to');
  });

  it('the audit search’s `before` beyond a 64-bit id', async () => {
    expectFieldRefused(await send(admin, 'GET', '/api/admin/audit?before=9999999999999999999'), 'before');
  });
});

describe('dates outside PostgreSQL’s or JavaScript’s range, and dates that do not exist', () => {
  it('a contact at year 0', async () => {
    const r = await allocated();
    const before = await rows(caseContacts);
    const res = await send(workerS, 'POST', `/api/referrals/${r.id}/contacts`, {
      at: '0000-06-01T10:00:00Z',
      mode: 'phone',
      durationMinutes: 20,
      outcome: 'attended',
    });
    expectFieldRefused(res, 'at');
    expect(await rows(caseContacts)).toBe(before);
  });

  it('an outcome measure administered on 0000-01-01', async () => {
    const r = await allocated();
    const before = await rows(outcomeMeasures);
    const res = await send(workerS, 'POST', `/api/referrals/${r.id}/measures`, {
      measure: 'ons4',
      timepoint: 'baseline',
      administeredOn: '0000-01-01',
      answers: { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
    });
    expectFieldRefused(res, 'administeredOn');
    expect(await rows(outcomeMeasures)).toBe(before);
  });

  it('leave starting on 0000-01-01 (refused by the shared date schema, before any rule about its length)', async () => {
    const before = await rows(staffLeave);
    const res = await send(lead, 'POST', '/api/team/leave', {
      userId: worker.id,
      startsOn: '0000-01-01',
      endsOn: '2026-01-01',
      reason: 'annual_leave',
    });
    expectFieldRefused(res, 'startsOn');
    expect(await rows(staffLeave)).toBe(before);
  });

  it('a listing schedule valid from year 0', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Ancient Anglers' });
    const input = toListingInput(listing);
    const res = await send(coordinator, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: { ...input, schedules: [{ ...input.schedules[0], valid_from: '0000-01-01' }] },
    });
    expectFieldRefused(res, 'listing.schedules.0.valid_from');
    const [row] = await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, listing.id));
    expect(row?.version).toBe(listing.version);
  });

  it('/oruk/services?modified_after=0000-01-01 and =2025-02-30 (which was read as 2 March)', async () => {
    for (const value of ['0000-01-01', '2025-02-30', '2025-02-30T10:00:00Z', '10000-01-01T00:00:00Z']) {
      expectFieldRefused(await send(null, 'GET', `/oruk/services?modified_after=${value}`), 'modified_after');
    }
    expect((await send(null, 'GET', '/oruk/services?modified_after=2024-02-29')).statusCode).toBe(200);
  });

  it('audit search from/to in year 9999 and 10000', async () => {
    expectFieldRefused(await send(admin, 'GET', '/api/admin/audit?from=9999-12-31'), 'from');
    expectFieldRefused(await send(admin, 'GET', '/api/admin/audit?to=9999-12-31'), 'to');
    expectFieldRefused(await send(admin, 'GET', '/api/admin/audit?to=10000-01-01'), 'to');
    expect((await send(admin, 'GET', '/api/admin/audit?from=2024-02-29&to=2026-01-01')).statusCode).toBe(200);
  });
});

describe('deeply nested JSON', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('5,000 levels on intake with an Idempotency-Key: 400 naming the body, no key claimed', async () => {
    const keys = await rows(idempotencyKeys);
    const body = `{"person":${nestedObject(5000)},"source":"practice"}`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: { ...referrer.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      payload: body,
    });
    expectFieldRefused(res, 'body', /nested/);
    expect(await rows(idempotencyKeys)).toBe(keys);
  });

  it('any route refuses a deeply nested body before it is parsed, even a public one', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: nested(100_000),
    });
    expectFieldRefused(res, 'body', /nested/);
  });

  it('a body over the size limit is 413 naming the body, before anything is parsed', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@test.example', password: 'x'.repeat(2_000_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'body' }] });
  });

  it('a body nested 64 levels deep is still read (and refused on its merits)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":${nested(63)},"password":"x"}`,
    });
    expectFieldRefused(res, 'email');
  });
});
