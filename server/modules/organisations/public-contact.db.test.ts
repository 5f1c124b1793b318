import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationDetail } from '../../../common/admin-lists.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, type TestTenancy } from '../../test/toolkit.js';
import { organisationHistory, pcns, practices } from './organisations.tables.js';

// Issue 14: what residents are told comes from data an administrator keeps — a PCN team's phone
// and email (a self-referrer's status page and confirmation) and a practice's postcode (the
// nearest surgery to someone who does not know theirs) — edited like the other details, kept in
// the history, each refused with its field named on bad input.

const { ctx, tenancy: home, admin } = setUpTestApp({ team: { admin: { role: 'admin', name: 'Ada Admin' } } });

const patch = (id: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/admin/organisations/${id}`, headers: admin.headers, payload });
const pcnRow = async (id: string) => (await ctx.db.select().from(pcns).where(eq(pcns.id, id)))[0];
const practiceRow = async (id: string) => (await ctx.db.select().from(practices).where(eq(practices.id, id)))[0];

describe('public contact details', () => {
  let tenancy: TestTenancy;
  beforeAll(async () => {
    tenancy = await createTestTenancy(ctx.db, home.icbId);
  });

  it('a PCN’s phone and email for residents: saved, shown, kept in the history', async () => {
    const res = await patch(tenancy.pcnId, { publicPhone: ' 0191 498 0001 ', publicEmail: 'Team@Northshire.example' });
    expect(res.statusCode).toBe(200);
    const after = res.json() as OrganisationDetail;
    expect(after).toMatchObject({ publicPhone: '0191 498 0001', publicEmail: 'team@northshire.example' });
    expect(after.history[0]?.changes).toEqual([
      { field: 'publicPhone', from: null, to: '0191 498 0001' },
      { field: 'publicEmail', from: null, to: 'team@northshire.example' },
    ]);
    expect(await pcnRow(tenancy.pcnId)).toMatchObject({
      publicPhone: '0191 498 0001',
      publicEmail: 'team@northshire.example',
    });
    const cleared = (await patch(tenancy.pcnId, { publicEmail: null })).json() as OrganisationDetail;
    expect(cleared.publicEmail).toBeNull();
  });

  it('a practice’s postcode: normalised and saved', async () => {
    const res = await patch(tenancy.practiceId, { postcode: 'ne1 4xx' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as OrganisationDetail).postcode).toBe('NE1 4XX');
    expect((await practiceRow(tenancy.practiceId))?.postcode).toBe('NE1 4XX');
  });

  it('bad values and the wrong kind are refused naming each field, and nothing changes', async () => {
    const historyBefore = await ctx.db
      .select()
      .from(organisationHistory)
      .where(eq(organisationHistory.organisationId, tenancy.pcnId));
    const bad = await patch(tenancy.pcnId, { publicPhone: '12345', publicEmail: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['publicEmail', 'publicPhone']);
    const wrongKind = await patch(tenancy.pcnId, { postcode: 'NE1 4XX' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([{ field: 'postcode', message: 'is only kept for GP practices' }]);
    const practiceWrong = await patch(tenancy.practiceId, { publicPhone: '0191 498 0001' });
    expect(practiceWrong.json().errors).toEqual([{ field: 'publicPhone', message: 'is only kept for PCNs' }]);
    const badPostcode = await patch(tenancy.practiceId, { postcode: 'nowhere' });
    expect(badPostcode.json().errors).toEqual([{ field: 'postcode', message: expect.stringMatching(/UK postcode/) }]);
    expect(await pcnRow(tenancy.pcnId)).toMatchObject({ publicPhone: '0191 498 0001', publicEmail: null });
    expect((await practiceRow(tenancy.practiceId))?.postcode).toBe('NE1 4XX');
    const historyAfter = await ctx.db
      .select()
      .from(organisationHistory)
      .where(eq(organisationHistory.organisationId, tenancy.pcnId));
    expect(historyAfter).toHaveLength(historyBefore.length);
  });
});
