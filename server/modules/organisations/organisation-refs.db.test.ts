import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import { organisationRefs } from './organisation-refs.js';
import { practices } from './organisations.tables.js';

// Organisations' names are kept a minute for the views that name them (organisation-refs.ts): an
// edit through the admin's page is seen at once; a change behind the app's back, within the minute.

const { ctx, tenancy, admin } = setUpTestApp({ team: { admin: { role: 'admin', name: 'Ada Admin' } } });
const nameOf = async (id: string) => (await organisationRefs(ctx.db, [id])).get(id)?.name;

describe('organisation names kept for the views', () => {
  it('names a practice anew at once after an admin renames it', async () => {
    const before = await nameOf(tenancy.practiceId);
    expect(before).toEqual(expect.any(String));
    // Behind the app's back (no edit through it): the kept name stands for the minute.
    await ctx.db.update(practices).set({ name: 'Quayside Surgery' }).where(eq(practices.id, tenancy.practiceId));
    expect(await nameOf(tenancy.practiceId)).toBe(before);

    const renamed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/organisations/${tenancy.practiceId}`,
      headers: admin.headers,
      payload: { name: 'Harbourside Surgery' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(await nameOf(tenancy.practiceId)).toBe('Harbourside Surgery');
  });

  it('reads an organisation it does not know yet, and leaves out an id that is no organisation', async () => {
    const refs = await organisationRefs(ctx.db, [tenancy.pcnId, tenancy.pcnId, '00000000-0000-4000-8000-000000000000']);
    expect([...refs.keys()]).toEqual([tenancy.pcnId]);
    expect(refs.get(tenancy.pcnId)).toMatchObject({ kind: 'pcn', id: tenancy.pcnId });
  });
});
