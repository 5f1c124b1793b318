import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { staffNamesAndRoles, userNames } from './users.service.js';
import { users } from './users.tables.js';

/**
 * The admin's ICB: one PCN (with a practice and a VCS organisation) (`tenancy`), a second PCN in
 * the same ICB (`neighbour`), and a different ICB altogether (`elsewhere`).
 */
const { ctx, tenancy, neighbour, elsewhere, admin } = setUpTestApp({
  tenancies: { neighbour: 'same-icb', elsewhere: 'new-icb' },
  team: { admin: 'admin' },
});
let adminHeaders: Session['headers'];

beforeAll(() => {
  adminHeaders = admin.headers;
});

const countUsers = () => ctx.db.$count(users);
const userRow = async (id: string) => (await ctx.db.select().from(users).where(eq(users.id, id)))[0];
let emailCounter = 0;
const freshEmail = () => `new.user.${process.pid}.${++emailCounter}.${Date.now()}@test.example`;

const createUser = (payload: Record<string, unknown>, headers = adminHeaders) =>
  ctx.app.inject({ method: 'POST', url: '/api/admin/users', headers, payload });
const patchUser = (id: string, payload: Record<string, unknown>, headers = adminHeaders) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers, payload });

const validLinkWorker = () => ({
  name: 'Morgan Example',
  email: freshEmail(),
  role: 'link_worker',
  organisationId: tenancy.pcnId,
  password: 'a long enough passphrase',
  band: '5',
  fte: 0.8,
  caseloadCapacity: 40,
});

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('GET /api/admin/users: the admin sees the users of their own ICB only', () => {
  it('lists users of the ICB (all of its PCNs) and none of another ICB', async () => {
    const own = await createTestUser(ctx.db, tenancy, 'referrer');
    const ownOtherPcn = await createTestUser(ctx.db, neighbour, 'link_worker');
    const foreign = await createTestUser(ctx.db, elsewhere, 'link_worker');
    const foreignAdmin = await createTestUser(ctx.db, elsewhere, 'admin');

    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/users?pageSize=100',
      headers: { cookie: adminHeaders.cookie },
    });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([admin.id, own.id, ownOtherPcn.id]));
    expect(ids).not.toContain(foreign.id);
    expect(ids).not.toContain(foreignAdmin.id);
    const listed = (res.json().items as { id: string; organisation: { kind: string; id: string } }[]).find(
      (u) => u.id === own.id,
    );
    expect(listed?.organisation).toMatchObject({ kind: 'practice', id: tenancy.practiceId });
  });

  it('GET by id: 200 for a user of the ICB, 404 (not 403) for a user of another ICB', async () => {
    const own = await createTestUser(ctx.db, neighbour, 'health_coach');
    const foreign = await createTestUser(ctx.db, elsewhere, 'health_coach');
    const ok = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/users/${own.id}`,
      headers: { cookie: adminHeaders.cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: own.id, email: own.email, role: 'health_coach' });
    expect(ok.json()).not.toHaveProperty('passwordHash');

    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/users/${foreign.id}`,
      headers: { cookie: adminHeaders.cookie },
    });
    expectProblem(res, 404);
    expect(res.json().code).toBe('not_found');
    expect(res.body).not.toContain(foreign.email);
  });

  it('a malformed id is a 400 naming the id, not a 500', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/users/not-a-uuid',
      headers: { cookie: adminHeaders.cookie },
    });
    expectProblem(res, 400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

describe('POST /api/admin/users', () => {
  it('creates a user (201) who can then sign in, and audits the creation', async () => {
    const before = await countUsers();
    const input = { ...validLinkWorker(), email: `  Mixed.Case.${Date.now()}@Test.Example ` };
    const res = await createUser(input);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    const email = input.email.trim().toLowerCase();
    expect(created).toMatchObject({
      email,
      role: 'link_worker',
      organisation: { kind: 'pcn', id: tenancy.pcnId },
      band: '5',
      fte: 0.8,
      caseloadCapacity: 40,
      effectiveCapacity: 32,
      active: true,
      version: 1,
    });
    expect(created).not.toHaveProperty('passwordHash');
    expect(await countUsers()).toBe(before + 1);

    const row = await userRow(created.id);
    expect(row).toMatchObject({ email, icbId: tenancy.icbId, pcnId: tenancy.pcnId, practiceId: null });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);

    const session = await signIn(ctx, { email, password: input.password });
    expect(session.me.user.id).toBe(created.id);
    expect(session.me.organisation.id).toBe(tenancy.pcnId);

    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.create'), eq(auditEvents.entityId, created.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(admin.id);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(input.password);
  });

  it('creates a referrer at a practice with its PCN filled in', async () => {
    const res = await createUser({
      name: 'Dr Example',
      email: freshEmail(),
      role: 'referrer',
      organisationId: neighbour.practiceId,
      password: 'another long passphrase',
    });
    expect(res.statusCode).toBe(201);
    const row = await userRow(res.json().id);
    expect(row).toMatchObject({ practiceId: neighbour.practiceId, pcnId: neighbour.pcnId, icbId: tenancy.icbId });
  });

  const badInputs: { rule: string; change: () => Record<string, unknown>; field: string; reason: RegExp }[] = [
    {
      rule: 'password shorter than 12 characters',
      change: () => ({ password: 'elevenchars' }),
      field: 'password',
      reason: /^must be 12 characters or more$/,
    },
    {
      rule: 'a common password dressed up with digits',
      change: () => ({ password: 'Password123456!' }),
      field: 'password',
      reason: /^is too common/,
    },
    {
      rule: 'email that is not an email address',
      change: () => ({ email: 'not-an-email' }),
      field: 'email',
      reason: /^must be in the correct format, like name@example\.org$/,
    },
    { rule: 'unknown role', change: () => ({ role: 'wizard' }), field: 'role', reason: /must be one of/ },
    {
      rule: 'organisation of the wrong kind for the role (referrer at a PCN)',
      change: () => ({ role: 'referrer', organisationId: tenancy.pcnId }),
      field: 'organisationId',
      reason: /GP practice/,
    },
    {
      rule: 'organisation of the wrong kind for the role (link worker at a practice)',
      change: () => ({ organisationId: tenancy.practiceId }),
      field: 'organisationId',
      reason: /PCN/,
    },
    {
      rule: 'organisation in another ICB',
      change: () => ({ organisationId: elsewhere.pcnId }),
      field: 'organisationId',
      reason: /not an organisation in your ICB/,
    },
    {
      rule: 'organisation id that exists nowhere',
      change: () => ({ organisationId: '00000000-0000-4000-8000-000000000000' }),
      field: 'organisationId',
      reason: /not an organisation in your ICB/,
    },
    { rule: 'FTE of 0', change: () => ({ fte: 0 }), field: 'fte', reason: /more than 0/ },
    { rule: 'FTE above 1', change: () => ({ fte: 1.2 }), field: 'fte', reason: /at most 1/ },
    // Found by the fuzzing: 2.5e-323 rounded to 0.00 in the numeric(3,2) column and broke its check (500).
    {
      rule: 'FTE finer than the column holds',
      change: () => ({ fte: 2.5e-323 }),
      field: 'fte',
      reason: /two decimal places/,
    },
    {
      rule: 'band that is not an Agenda for Change band',
      change: () => ({ band: '10' }),
      field: 'band',
      reason: /Agenda for Change/,
    },
    {
      rule: 'negative caseload capacity',
      change: () => ({ caseloadCapacity: -1 }),
      field: 'caseloadCapacity',
      reason: /0 or more/,
    },
    { rule: 'one-letter name', change: () => ({ name: 'A' }), field: 'name', reason: /at least 2/ },
  ];

  for (const { rule, change, field, reason } of badInputs) {
    it(`refuses a ${rule}: 400 naming ${field}, and no user is stored`, async () => {
      const before = await countUsers();
      const payload = { ...validLinkWorker(), ...change() };
      const res = await createUser(payload);
      expectProblem(res, 400);
      const body = res.json();
      expect(body.code).toBe('validation');
      expect(body.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(reason) }]));
      // Only the broken field is blamed.
      expect(body.errors.every((e: { field: string }) => e.field === field)).toBe(true);
      expect(await countUsers()).toBe(before);
      if (typeof payload.email === 'string' && payload.email.includes('@')) {
        expect(await ctx.db.$count(users, eq(users.email, payload.email))).toBe(0);
      }
    });
  }

  it('refuses a duplicate email (whatever its case): 409 naming email, nothing stored', async () => {
    const first = validLinkWorker();
    expect((await createUser(first)).statusCode).toBe(201);
    const before = await countUsers();
    const res = await createUser({ ...validLinkWorker(), email: first.email.toUpperCase(), name: 'Someone Else' });
    expectProblem(res, 409);
    expect(res.json().code).toBe('conflict');
    expect(res.json().errors).toEqual([{ field: 'email', message: expect.stringMatching(/already in use/) }]);
    expect(await countUsers()).toBe(before);
    const rows = await ctx.db.select().from(users).where(eq(users.email, first.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe(first.name);
  });

  it('needs the CSRF token like every signed-in write', async () => {
    const before = await countUsers();
    const res = await createUser(validLinkWorker(), { cookie: adminHeaders.cookie } as typeof adminHeaders);
    expectProblem(res, 403);
    expect(await countUsers()).toBe(before);
  });
});

describe('PATCH /api/admin/users/:id', () => {
  it('a change with the current version succeeds and bumps the version', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const res = await patchUser(user.id, { version: 1, name: 'Renamed Person', fte: 0.5, band: '6' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      name: 'Renamed Person',
      fte: 0.5,
      band: '6',
      version: 2,
      effectiveCapacity: 15,
    });
    const row = await userRow(user.id);
    expect(row).toMatchObject({ name: 'Renamed Person', fte: '0.50', band: '6', version: 2 });

    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.update'), eq(auditEvents.entityId, user.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ fields: expect.arrayContaining(['name', 'fte', 'band']) });
  });

  it('a rename is shown at once wherever staff names are listed, though they are kept a minute', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const before = (await userNames(ctx.db, [user.id])).get(user.id);
    expect(before).toBe((await userRow(user.id))?.name);
    // Kept: a change behind the app's back is not read again within the minute…
    await ctx.db.update(users).set({ name: 'Changed Behind' }).where(eq(users.id, user.id));
    expect((await userNames(ctx.db, [user.id])).get(user.id)).toBe(before);
    // …but a rename through the app is.
    expect((await patchUser(user.id, { version: 1, name: 'Renamed Through App' })).statusCode).toBe(200);
    expect((await userNames(ctx.db, [user.id])).get(user.id)).toBe('Renamed Through App');
  });

  it('a change of role is shown at once where a case names its worker, though name and role are kept a minute', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const kept = async () => (await staffNamesAndRoles(ctx.db, [user.id])).get(user.id);
    expect(await kept()).toEqual({ name: (await userRow(user.id))?.name, role: 'link_worker' });
    // Kept: a change behind the app's back is not read again within the minute…
    await ctx.db.update(users).set({ role: 'care_coordinator' }).where(eq(users.id, user.id));
    expect((await kept())?.role).toBe('link_worker');
    // …but a change through the app is.
    expect((await patchUser(user.id, { version: 1, role: 'health_coach' })).statusCode).toBe(200);
    expect((await kept())?.role).toBe('health_coach');
  });

  it('a change with a stale version is refused with 409 and changes nothing', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    expect((await patchUser(user.id, { version: 1, name: 'First Writer' })).statusCode).toBe(200);
    const before = await userRow(user.id);
    const res = await patchUser(user.id, { version: 1, name: 'Second Writer', band: '7' });
    expectProblem(res, 409);
    expect(res.json().code).toBe('conflict');
    expect(res.json().detail).toMatch(/changed by someone else/);
    expect(await userRow(user.id)).toEqual(before);
    expect(before).toMatchObject({ name: 'First Writer', version: 2 });
  });

  it('two admins saving the same version at once: exactly one wins', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'health_coach');
    const results = await Promise.all([
      patchUser(user.id, { version: 1, name: 'Writer One' }),
      patchUser(user.id, { version: 1, name: 'Writer Two' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json().name;
    expect(await userRow(user.id)).toMatchObject({ name: winner, version: 2 });
  });

  it('bad input to an update is a 400 naming the field and changes nothing', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const before = await userRow(user.id);
    for (const [payload, field] of [
      [{ version: 1, fte: 1.5 }, 'fte'],
      [{ version: 1, band: '8e' }, 'band'],
      [{ version: 1, role: 'superuser' }, 'role'],
      [{ name: 'No Version' }, 'version'],
    ] as const) {
      const res = await patchUser(user.id, payload);
      expectProblem(res, 400);
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await userRow(user.id)).toEqual(before);
  });

  it('an admin cannot update a user of another ICB: 404, row unchanged', async () => {
    const foreign = await createTestUser(ctx.db, elsewhere, 'link_worker');
    const before = await userRow(foreign.id);
    const res = await patchUser(foreign.id, { version: 1, active: false });
    expectProblem(res, 404);
    expect(await userRow(foreign.id)).toEqual(before);
  });

  it('deactivating a user ends their access: their existing session gets 401 and they cannot sign in', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const session = await signIn(ctx, user);
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect((await me()).statusCode).toBe(200);

    const res = await patchUser(user.id, { version: 1, active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);

    const after = await me();
    expectProblem(after, 401);
    const team = await ctx.app.inject({ method: 'GET', url: '/api/team', headers: { cookie: session.cookie } });
    expect(team.statusCode).toBe(401);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    expect(again.statusCode).toBe(401);
  });

  it('reactivating a user does not bring their old session back', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'health_coach');
    const session = await signIn(ctx, user);
    expect((await patchUser(user.id, { version: 1, active: false })).statusCode).toBe(200);
    expect((await patchUser(user.id, { version: 2, active: true })).statusCode).toBe(200);
    // The session existed before the account was switched off; it must stay dead.
    const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(401);
    // Signing in afresh works again.
    expect((await signIn(ctx, user)).me.user.id).toBe(user.id);
  });

  it('a change of role applies to the user’s session from its next request (no sign-in again)', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const session = await signIn(ctx, user);
    const queue = () =>
      ctx.app.inject({ method: 'GET', url: '/api/triage/queue', headers: { cookie: session.cookie } });
    expectProblem(await queue(), 403);

    expect((await patchUser(user.id, { version: 1, role: 'team_lead' })).statusCode).toBe(200);
    expect((await queue()).statusCode).toBe(200);

    expect((await patchUser(user.id, { version: 2, role: 'link_worker' })).statusCode).toBe(200);
    expectProblem(await queue(), 403);
  });

  it('refuses a role change to a role of another kind of organisation (400 on role), row unchanged', async () => {
    const user = await createTestUser(ctx.db, tenancy, 'link_worker');
    const before = await userRow(user.id);
    for (const role of ['referrer', 'vcs_partner', 'commissioner', 'admin']) {
      const res = await patchUser(user.id, { version: 1, role });
      expectProblem(res, 400);
      expect(res.json().errors).toEqual([{ field: 'role', message: expect.stringMatching(/cannot change to/) }]);
    }
    expect(await userRow(user.id)).toEqual(before);

    // Within the same kind of organisation the change is allowed.
    const ok = await patchUser(user.id, { version: 1, role: 'health_coach' });
    expect(ok.statusCode).toBe(200);
    expect(await userRow(user.id)).toMatchObject({ role: 'health_coach', version: 2 });
  });

  it('an admin cannot switch off their own account', async () => {
    const [me] = await ctx.db.select().from(users).where(eq(users.id, admin.id));
    const res = await patchUser(admin.id, { version: me?.version as number, active: false });
    expectProblem(res, 400);
    expect(res.json().errors).toEqual([{ field: 'active', message: expect.any(String) }]);
    expect((await userRow(admin.id))?.active).toBe(true);
  });
});

describe('GET /api/team', () => {
  it("a team lead sees their PCN's team with effective capacity = floor(capacity × FTE)", async () => {
    const lead = await createTestUser(ctx.db, tenancy, 'team_lead', { fte: '1.00', caseloadCapacity: 15 });
    const partTime = await createTestUser(ctx.db, tenancy, 'link_worker', { fte: '0.60', caseloadCapacity: 40 });
    const odd = await createTestUser(ctx.db, tenancy, 'health_coach', { fte: '0.70', caseloadCapacity: 25 });
    // 0.29 × 100 is 28.999… in binary floating point: the answer must still be 29.
    const tricky = await createTestUser(ctx.db, tenancy, 'care_coordinator', { fte: '0.29', caseloadCapacity: 100 });
    const unset = await createTestUser(ctx.db, tenancy, 'care_coordinator', { fte: null, caseloadCapacity: null });
    const referrer = await createTestUser(ctx.db, tenancy, 'referrer');
    const otherPcnMember = await createTestUser(ctx.db, neighbour, 'link_worker');
    const otherIcbMember = await createTestUser(ctx.db, elsewhere, 'link_worker');

    const session = await signIn(ctx, lead);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/team', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pcn).toMatchObject({ kind: 'pcn', id: tenancy.pcnId });
    const byId = new Map((body.members as { id: string; effectiveCapacity: number | null }[]).map((m) => [m.id, m]));
    expect(byId.get(lead.id)).toMatchObject({ role: 'team_lead', fte: 1, caseloadCapacity: 15, effectiveCapacity: 15 });
    expect(byId.get(partTime.id)).toMatchObject({ fte: 0.6, caseloadCapacity: 40, effectiveCapacity: 24 });
    expect(byId.get(odd.id)).toMatchObject({ fte: 0.7, caseloadCapacity: 25, effectiveCapacity: 17 });
    expect(byId.get(tricky.id)).toMatchObject({ fte: 0.29, caseloadCapacity: 100, effectiveCapacity: 29 });
    expect(byId.get(unset.id)).toMatchObject({ fte: null, caseloadCapacity: null, effectiveCapacity: null });
    // Only the team: not the practice's referrer, not another PCN's or ICB's staff.
    expect(byId.has(referrer.id)).toBe(false);
    expect(byId.has(otherPcnMember.id)).toBe(false);
    expect(byId.has(otherIcbMember.id)).toBe(false);
    expect(
      body.members.every((m: { role: string }) =>
        ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'].includes(m.role),
      ),
    ).toBe(true);
  });

  it('a team member of another PCN sees their own team, not this one', async () => {
    const here = await createTestUser(ctx.db, tenancy, 'link_worker');
    const there = await createTestUser(ctx.db, neighbour, 'link_worker');
    const session = await signIn(ctx, there);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/team', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().pcn.id).toBe(neighbour.pcnId);
    const ids = (res.json().members as { id: string }[]).map((m) => m.id);
    expect(ids).toContain(there.id);
    expect(ids).not.toContain(here.id);
  });

  for (const role of ['referrer', 'commissioner', 'vcs_partner'] as const) {
    it(`a ${role} is refused the team: 403`, async () => {
      const user = await createTestUser(ctx.db, tenancy, role);
      const session = await signIn(ctx, user);
      const res = await ctx.app.inject({ method: 'GET', url: '/api/team', headers: { cookie: session.cookie } });
      expectProblem(res, 403);
      expect(res.json().code).toBe('forbidden');
    });
  }

  it('non-admins are refused the user administration routes: 403 and nothing created', async () => {
    const lead = await createTestUser(ctx.db, tenancy, 'team_lead');
    const session = await signIn(ctx, lead);
    const before = await countUsers();
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: session.cookie } });
    expectProblem(list, 403);
    const create = await createUser(validLinkWorker(), session.headers);
    expectProblem(create, 403);
    expect(await countUsers()).toBe(before);
  });
});
