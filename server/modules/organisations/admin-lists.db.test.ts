import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationDetail, OrganisationList, UserList } from '../../../common/admin-lists.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type Session, signIn, type TestTenancy } from '../../test/toolkit.js';
import { validReferralBody } from '../referrals/referral-fixtures.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { users } from '../users/users.tables.js';
import { organisationHistory, practices } from './organisations.tables.js';

// Issue 10, point 7: the administrator's lists of users and organisations (search, filters, sort,
// paging) and organisations edited and retired, never deleted, with their history kept.

const {
  ctx,
  tenancy: home,
  elsewhere,
  admin,
} = setUpTestApp({ tenancies: { elsewhere: 'new-icb' }, team: { admin: { role: 'admin', name: 'Ada Admin' } } });

const get = <T>(url: string, s: Session = admin) =>
  ctx.app
    .inject({ method: 'GET', url, headers: { cookie: s.cookie } })
    .then((r) => ({ status: r.statusCode, body: r.json() as T }));
const send = (method: 'POST' | 'PATCH', url: string, payload: object, s: Session = admin) =>
  ctx.app.inject({ method, url, headers: s.headers, payload });

describe('the users list', () => {
  beforeAll(async () => {
    // Names chosen so that each filter and sort order is visible.
    await createTestUser(ctx.db, home, 'link_worker', { name: 'Zara Quill', email: 'zara.quill@list.example' });
    await createTestUser(ctx.db, home, 'link_worker', {
      name: 'Bob Quill',
      email: 'bob.q@list.example',
      active: false,
    });
    await createTestUser(ctx.db, home, 'referrer', { name: 'Carol Quill', email: 'carol@list.example' });
    await createTestUser(ctx.db, home, 'health_coach', { name: 'Dev Other', email: 'dev.quill@list.example' });
    await createTestUser(ctx.db, elsewhere, 'link_worker', { name: 'Quentin Quill', email: 'q@elsewhere.example' });
  });
  const names = (list: UserList) => list.items.map((u) => u.name);

  it('searches name and email, in any case, within the admin’s ICB only', async () => {
    const { status, body } = await get<UserList>('/api/admin/users?q=QUILL');
    expect(status).toBe(200);
    expect(names(body)).toEqual(['Bob Quill', 'Carol Quill', 'Dev Other', 'Zara Quill']);
    expect(body.total).toBe(4);
  });

  it('filters by role, organisation and whether they can sign in', async () => {
    expect(names((await get<UserList>('/api/admin/users?q=quill&role=link_worker')).body)).toEqual([
      'Bob Quill',
      'Zara Quill',
    ]);
    expect(names((await get<UserList>(`/api/admin/users?q=quill&organisationId=${home.practiceId}`)).body)).toEqual([
      'Carol Quill',
    ]);
    expect(names((await get<UserList>('/api/admin/users?q=quill&status=active')).body)).not.toContain('Bob Quill');
    expect(names((await get<UserList>('/api/admin/users?q=quill&status=deactivated')).body)).toEqual(['Bob Quill']);
  });

  it('sorts by name or email, either way, and pages with the total', async () => {
    expect(names((await get<UserList>('/api/admin/users?q=quill&dir=desc')).body)).toEqual([
      'Zara Quill',
      'Dev Other',
      'Carol Quill',
      'Bob Quill',
    ]);
    expect(names((await get<UserList>('/api/admin/users?q=quill&sort=email')).body)).toEqual([
      'Bob Quill',
      'Carol Quill',
      'Dev Other',
      'Zara Quill',
    ]);
    const second = (await get<UserList>('/api/admin/users?q=quill&pageSize=3&page=2')).body;
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(names(second)).toEqual(['Zara Quill']);
  });

  it.each([
    ['pageSize=1000', 'pageSize', /at most 100/],
    ['sort=password', 'sort', /must be one of/],
    ['role=pilot', 'role', /must be one of/],
    ['status=maybe', 'status', /must be one of/],
    ['page=0', 'page', /1 or more/],
    ['organisationId=nope', 'organisationId', /id of an organisation/],
  ])('refuses %s: 400 naming %s', async (query, field, message) => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/users?${query}`,
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });
});

describe('the organisations list', () => {
  it('lists PCNs, practices and VCS organisations with search, type and status filters, sorted and paged', async () => {
    const all = (await get<OrganisationList>('/api/admin/organisations?status=all&pageSize=100')).body;
    expect(all.items.map((o) => o.id).sort()).toEqual([home.pcnId, home.practiceId, home.vcsOrganisationId].sort());
    const practice = all.items.find((o) => o.type === 'practice');
    expect(practice).toMatchObject({ typeLabel: 'GP practice', pcn: { id: home.pcnId }, retiredAt: null });

    const byType = (await get<OrganisationList>('/api/admin/organisations?type=pcn')).body;
    expect(byType.items.map((o) => o.id)).toEqual([home.pcnId]);
    const code = practice?.code as string;
    const searched = (await get<OrganisationList>(`/api/admin/organisations?q=${code.toLowerCase()}`)).body;
    expect(searched.items.map((o) => o.id)).toEqual([home.practiceId]);

    const byTypeDesc = (await get<OrganisationList>('/api/admin/organisations?sort=type&dir=desc')).body;
    expect(byTypeDesc.items.map((o) => o.type)).toEqual(['vcs', 'pcn', 'practice']);
    const paged = (await get<OrganisationList>('/api/admin/organisations?sort=type&pageSize=1&page=3')).body;
    expect(paged).toMatchObject({ total: 3, items: [{ type: 'vcs' }] });

    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/organisations?type=hospital',
      headers: { cookie: admin.cookie },
    });
    expect(res.json().errors).toEqual([{ field: 'type', message: expect.stringMatching(/must be one of/) }]);
  });

  it('is the administrator’s: another role is refused', async () => {
    const lead = await signIn(ctx, await createTestUser(ctx.db, home, 'team_lead'));
    expect((await get('/api/admin/organisations', lead)).status).toBe(403);
  });
});

describe('editing and retiring an organisation', () => {
  let tenancy: TestTenancy;
  beforeAll(async () => {
    tenancy = await createTestTenancy(ctx.db, home.icbId);
  });
  const historyOf = (id: string) =>
    ctx.db.select().from(organisationHistory).where(eq(organisationHistory.organisationId, id));

  it('edits a practice’s name, code and mailbox; the history shows each change, from and to, by name', async () => {
    const before = (await get<OrganisationDetail>(`/api/admin/organisations/${tenancy.practiceId}`)).body;
    const res = await send('PATCH', `/api/admin/organisations/${tenancy.practiceId}`, {
      name: 'Harbour Lights Surgery',
      code: 'y12345',
      email: 'Harbour.Lights@nhs.example',
    });
    expect(res.statusCode).toBe(200);
    const after = res.json() as OrganisationDetail;
    expect(after).toMatchObject({
      name: 'Harbour Lights Surgery',
      code: 'Y12345',
      email: 'harbour.lights@nhs.example',
    });
    expect(after.history[0]).toMatchObject({
      change: 'edited',
      by: 'Ada Admin',
      changes: [
        { field: 'name', from: before.name, to: 'Harbour Lights Surgery' },
        { field: 'code', from: before.code, to: 'Y12345' },
        { field: 'email', from: null, to: 'harbour.lights@nhs.example' },
      ],
    });
    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'organisation.update'), eq(auditEvents.entityId, tenancy.practiceId)));
    expect(audited).toHaveLength(1);
  });

  it.each([
    [{ code: 'B1234' }, 'code', /GP practice ODS code/],
    [{ name: 'X' }, 'name', /at least 2/],
    [{ email: 'not-an-email' }, 'email', /correct format/],
    // Any PCN: moving a practice is refused whatever the target.
    [{ pcnId: '6f1c2b9e-4d3a-4c5b-9e8f-0a1b2c3d4e5f' }, 'pcnId', /cannot be changed: .* does not move them/],
  ])('refuses %j: 400 naming %s, nothing changed', async (change, field, message) => {
    const before = await historyOf(tenancy.practiceId);
    const res = await send('PATCH', `/api/admin/organisations/${tenancy.practiceId}`, change);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await historyOf(tenancy.practiceId)).toHaveLength(before.length);
  });

  it('refuses a code another organisation has (409 naming code); another ICB’s organisation is not found', async () => {
    const [other] = await ctx.db.select().from(practices).where(eq(practices.id, home.practiceId));
    const taken = await send('PATCH', `/api/admin/organisations/${tenancy.practiceId}`, { code: other?.code });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ field: 'code', message: 'is already used by another organisation' }]);
    expect(
      (await send('PATCH', `/api/admin/organisations/${elsewhere.practiceId}`, { name: 'Taken Over' })).statusCode,
    ).toBe(404);
    expect(
      (await send('POST', `/api/admin/organisations/${elsewhere.practiceId}/retire`, { reason: 'x' })).statusCode,
    ).toBe(404);
  });

  it('refuses to retire what still has users, practices or open referrals, saying what to move first', async () => {
    const referrer = await createTestUser(ctx.db, tenancy, 'referrer');
    await createTestReferral(ctx.db, tenancy, triaged());
    const pcn = await send('POST', `/api/admin/organisations/${tenancy.pcnId}/retire`, { reason: 'Merged' });
    expect(pcn.statusCode).toBe(409);
    expect(pcn.json().detail).toMatch(/1 active user .* and 1 GP practice in use .* and 1 open referral/);
    const practice = await send('POST', `/api/admin/organisations/${tenancy.practiceId}/retire`, { reason: 'Merged' });
    expect(practice.statusCode).toBe(409);
    expect(practice.json().detail).toMatch(/1 active user \(deactivate or move them\)/);
    const missing = await send('POST', `/api/admin/organisations/${tenancy.practiceId}/retire`, {});
    expect(missing.json().errors).toEqual([{ field: 'reason', message: 'must say why' }]);

    await ctx.db.update(users).set({ active: false }).where(eq(users.id, referrer.id));
    const retired = await send('POST', `/api/admin/organisations/${tenancy.practiceId}/retire`, {
      reason: 'Merged into Harbour View',
    });
    expect(retired.statusCode).toBe(200);
    const detail = retired.json() as OrganisationDetail;
    expect(detail.retiredAt).toEqual(expect.any(String));
    expect(detail.history[0]).toMatchObject({ change: 'retired', reason: 'Merged into Harbour View', by: 'Ada Admin' });
  });

  it('a deactivated user of a retired practice cannot be reactivated: 400 naming active, still deactivated', async () => {
    // Retiring needs the practice's users deactivated first; reactivating one must not bring a
    // retired practice back into use by the side door (its referrer could refer again).
    const [former] = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.practiceId, tenancy.practiceId), eq(users.active, false)));
    if (!former) throw new Error('the retire test deactivates a referrer of this practice');
    const res = await send('PATCH', `/api/admin/users/${former.id}`, { version: former.version, active: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'active', message: expect.stringMatching(/has been retired: reinstate it, or add them/) },
    ]);
    const [after] = await ctx.db.select().from(users).where(eq(users.id, former.id));
    expect(after).toMatchObject({ active: false, version: former.version });
    // Other changes to the same person (their name, say) are still allowed.
    const renamed = await send('PATCH', `/api/admin/users/${former.id}`, {
      version: former.version,
      name: 'Kept Name',
    });
    expect(renamed.statusCode).toBe(200);
  });

  it('a retired practice leaves the pickers, takes no new user or referral, keeps its history, and can be reinstated', async () => {
    const tree = (await get<{ icbs: { pcns: { practices: { id: string }[] }[] }[] }>('/api/organisations')).body;
    expect(tree.icbs[0]?.pcns.flatMap((p) => p.practices.map((pr) => pr.id))).not.toContain(tenancy.practiceId);
    // Searches of past records (the users list's organisation filter) ask for retired ones too, marked.
    type Tree = { icbs: { pcns: { practices: { id: string; retired?: true }[] }[] }[] };
    const withRetired = (await get<Tree>('/api/organisations?include=retired')).body;
    const practicesWithRetired = withRetired.icbs[0]?.pcns.flatMap((p) => p.practices);
    expect(practicesWithRetired).toContainEqual(expect.objectContaining({ id: tenancy.practiceId, retired: true }));
    expect(practicesWithRetired?.find((p) => p.id === home.practiceId)).not.toHaveProperty('retired');
    const badInclude = await ctx.app.inject({
      method: 'GET',
      url: '/api/organisations?include=everything',
      headers: { cookie: admin.cookie },
    });
    expect(badInclude.statusCode).toBe(400);
    expect(badInclude.json().errors).toEqual([{ field: 'include', message: 'must be retired, or left out' }]);
    expect(
      (await get<OrganisationList>('/api/admin/organisations?status=retired')).body.items.map((o) => o.id),
    ).toEqual([tenancy.practiceId]);

    const newUser = await send('POST', '/api/admin/users', {
      name: 'Late Arrival',
      email: 'late.arrival@list.example',
      role: 'referrer',
      organisationId: tenancy.practiceId,
      password: 'kettle orbit meadow lantern',
    });
    expect(newUser.statusCode).toBe(400);
    expect(newUser.json().errors).toEqual([
      { field: 'organisationId', message: 'has been retired: choose an organisation in use' },
    ]);

    const lead = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'team_lead'));
    const referral = await send(
      'POST',
      '/api/referrals',
      validReferralBody({ source: 'self' }, { registeredPracticeId: tenancy.practiceId }),
      lead,
    );
    expect(referral.statusCode).toBe(400);
    expect(referral.json().errors).toEqual([
      { field: 'person.registeredPracticeId', message: 'has been retired: choose a GP practice in use' },
    ]);

    const edit = await send('PATCH', `/api/admin/organisations/${tenancy.practiceId}`, {
      name: 'Renamed While Retired',
    });
    expect(edit.statusCode).toBe(409);
    const back = await send('POST', `/api/admin/organisations/${tenancy.practiceId}/reinstate`, { reason: 'Reopened' });
    expect(back.statusCode).toBe(200);
    expect((back.json() as OrganisationDetail).history.map((h) => h.change)).toEqual([
      'reinstated',
      'retired',
      'edited',
    ]);
  });
});
