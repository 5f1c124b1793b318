import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../common/api-types.js';
import { writeAuditAlone } from '../../platform/audit/audit.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn, type TestUser } from '../../test/toolkit.js';
import { createTestListing } from '../directory/listings/test-listings.js';
import { registerSecretSystem } from '../fhir/testing/test-system-clients.js';

// Audit search is an admin's view of their own ICB's trail: staff names, roles, IP addresses,
// person and referral ids of another ICB must never show, whatever the filter.

const {
  ctx,
  tenancy: icbOne,

  adminOne,
  adminTwo,
} = setUpTestApp({
  tenancies: { icbTwo: 'new-icb' },
  team: { adminOne: 'admin', adminTwo: { role: 'admin', at: 'icbTwo' } },
});
let workerOne: TestUser;
let workerOneName: string;
let listingOne: string;
let legacyEntity: string;

const search = (admin: Session, query = '') =>
  ctx.app.inject({ method: 'GET', url: `/api/admin/audit${query}`, headers: { cookie: admin.cookie } });

const eventsOf = (res: LightMyRequestResponse): AuditEvent[] => {
  expect(res.statusCode).toBe(200);
  return res.json().events;
};

/** Every row of the search, following the pages. */
async function everything(admin: Session, query = ''): Promise<AuditEvent[]> {
  const all: AuditEvent[] = [];
  let before: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const res = await search(admin, before ? `${query}${sep}before=${before}` : query);
    all.push(...eventsOf(res));
    before = res.json().nextBefore;
  } while (before);
  return all;
}

beforeAll(async () => {
  // What happens in ICB 1: a worker signs in (from an address), fails once, is read by the admin;
  // a member of the public reports one of ICB 1's listings; an unknown account is tried.
  workerOne = await createTestUser(ctx.db, icbOne, 'link_worker');
  const worker = await signIn(ctx, workerOne);
  workerOneName = worker.me.user.name;
  await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: workerOne.email, password: 'not the right password' },
    remoteAddress: '198.51.100.7',
  });
  const read = await ctx.app.inject({
    method: 'GET',
    url: `/api/admin/users/${workerOne.id}`,
    headers: { cookie: adminOne.cookie },
  });
  expect(read.statusCode).toBe(200);
  listingOne = (await createTestListing(ctx.db, icbOne.icbId, { name: 'Heron Coffee Morning' })).id;
  const report = await ctx.app.inject({
    method: 'POST',
    url: `/api/public/directory/services/${listingOne}/reports`,
    payload: { message: 'It meets on Thursdays now.' },
  });
  expect(report.statusCode).toBe(201);
  await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: 'nobody-at-all@test.example', password: 'whatever it may be' },
  });
  // A row as written before rows carried an ICB: only its actor tells where it belongs.
  legacyEntity = `legacy-${workerOne.id}`;
  await writeAuditAlone(
    ctx.db,
    { actor: null, ip: '198.51.100.8', requestId: 'legacy' },
    {
      action: 'person.read',
      actorUserId: workerOne.id,
      actorRole: 'link_worker',
      icbId: null,
      entityType: 'person',
      entityId: legacyEntity,
    },
  );
});

describe('GET /api/admin/audit is scoped to the admin’s ICB', () => {
  it('ICB 1’s admin finds ICB 1’s events (sign-ins, reads, a public report, rows from before the ICB column)', async () => {
    const byWorker = await everything(adminOne, `?actor=${encodeURIComponent(workerOne.email)}`);
    expect(byWorker.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['auth.sign-in', 'success'],
        ['auth.sign-in', 'failure'],
        ['person.read', 'success'],
      ]),
    );
    expect(byWorker.find((e) => e.outcome === 'failure')?.ip).toBe('198.51.100.7');
    expect(byWorker.every((e) => e.actorUserId === workerOne.id)).toBe(true);
    expect((await everything(adminOne, `?entity=${workerOne.id}`)).map((e) => e.action)).toContain('user.read');
    expect((await everything(adminOne, `?entity=${listingOne}`)).map((e) => e.action)).toEqual(['directory.report']);
    expect((await everything(adminOne, `?entity=${legacyEntity}`)).map((e) => e.action)).toEqual(['person.read']);
  });

  it('ICB 2’s admin sees none of ICB 1’s rows: not unfiltered, not by actor name or email, not by entity id', async () => {
    const seen = await everything(adminTwo);
    expect(seen.length).toBeGreaterThan(0); // their own sign-in and searches
    const foreignActors = [workerOne.id, adminOne.me.user.id];
    expect(seen.filter((e) => e.actorUserId && foreignActors.includes(e.actorUserId))).toEqual([]);
    expect(seen.filter((e) => e.actorUserId !== adminTwo.me.user.id)).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain('198.51.100.7');
    expect(JSON.stringify(seen)).not.toContain(listingOne);

    for (const query of [
      `?actor=${encodeURIComponent(workerOne.email)}`,
      `?actor=${encodeURIComponent(workerOneName)}`,
      `?entity=${workerOne.id}`,
      `?entity=${listingOne}`,
      `?entity=${legacyEntity}`,
      '?action=auth.sign-in&outcome=failure',
    ]) {
      expect([query, eventsOf(await search(adminTwo, query))]).toEqual([query, []]);
    }
  });

  it('a sign-in attempt for an unknown account belongs to no ICB: no admin sees it', async () => {
    for (const admin of [adminOne, adminTwo]) {
      const tries = await everything(admin, '?action=auth.sign-in&outcome=failure');
      expect(tries.filter((e) => e.details.reason === 'unknown-account')).toEqual([]);
    }
  });

  it('shows the rows of a registered system (role system_client) to its ICB’s admin, by the system’s name: no server error (issue 19, found by the access matrix)', async () => {
    const { id } = await registerSecretSystem(ctx, adminOne, icbOne.practiceId, ['referral.read'], 'Audit GP system');
    const rows = await everything(adminOne, '?action=system-client.token');
    expect(rows).toContainEqual(
      expect.objectContaining({
        actorUserId: id,
        actorName: 'Audit GP system',
        actorRole: 'system_client',
        outcome: 'success',
      }),
    );
    expect(eventsOf(await search(adminTwo, '?action=system-client.token'))).toEqual([]);
  });
});
