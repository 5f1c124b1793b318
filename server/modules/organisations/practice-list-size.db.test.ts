import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationDetail } from '../../../common/admin-lists.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, type TestTenancy } from '../../test/toolkit.js';
import { organisationHistory, practices } from './organisations.tables.js';

// Issue 13, point 2: a practice's list size (registered patients) is the denominator of referral
// rates, so the administrator records it like the practice's other details, with its history.

const { ctx, tenancy: home, admin } = setUpTestApp({ team: { admin: { role: 'admin', name: 'Ada Admin' } } });

const patch = (id: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/admin/organisations/${id}`, headers: admin.headers, payload });
const listSizeOf = async (id: string) =>
  (await ctx.db.select({ listSize: practices.listSize }).from(practices).where(eq(practices.id, id)))[0]?.listSize;
const historyOf = (id: string) =>
  ctx.db.select().from(organisationHistory).where(eq(organisationHistory.organisationId, id));

describe('a practice’s list size', () => {
  let tenancy: TestTenancy;
  beforeAll(async () => {
    tenancy = await createTestTenancy(ctx.db, home.icbId);
  });

  it('is recorded, shown and kept in the history; cleared again with null', async () => {
    const set = await patch(tenancy.practiceId, { listSize: 6420 });
    expect(set.statusCode).toBe(200);
    const after = set.json() as OrganisationDetail;
    expect(after.listSize).toBe(6420);
    expect(after.history[0]).toMatchObject({
      change: 'edited',
      by: 'Ada Admin',
      changes: [{ field: 'listSize', from: null, to: '6420' }],
    });
    expect(await listSizeOf(tenancy.practiceId)).toBe(6420);
    const shown = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/organisations/${tenancy.practiceId}`,
      headers: { cookie: admin.cookie },
    });
    expect((shown.json() as OrganisationDetail).listSize).toBe(6420);

    const cleared = (await patch(tenancy.practiceId, { listSize: null })).json() as OrganisationDetail;
    expect(cleared.listSize).toBeNull();
    expect(cleared.history[0]?.changes).toEqual([{ field: 'listSize', from: '6420', to: null }]);
  });

  it.each([
    [-1, /0 or more/],
    [200_001, /at most 200,000/],
    [12.5, /whole number/],
    ['6000', /whole number/],
  ])('refuses %j: 400 naming listSize, nothing changed', async (listSize, message) => {
    await patch(tenancy.practiceId, { listSize: 5000 });
    const before = await historyOf(tenancy.practiceId);
    const res = await patch(tenancy.practiceId, { listSize });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'listSize', message: expect.stringMatching(message) }]);
    expect(await listSizeOf(tenancy.practiceId)).toBe(5000);
    expect(await historyOf(tenancy.practiceId)).toHaveLength(before.length);
  });

  it('is only kept for practices: a PCN’s is refused (400 naming listSize)', async () => {
    const res = await patch(tenancy.pcnId, { listSize: 30000 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'listSize', message: 'is only kept for GP practices' }]);
  });
});
