import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationTree } from '../../../common/api-types.js';
import type { Role } from '../../../common/roles.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn, type TestTenancy } from '../../test/toolkit.js';
import { pcns, practices, vcsOrganisations } from './organisations.tables.js';

/** ICB A, PCN 1 with practices 1a and 1b (`tenancy`); PCN 2 of ICB A (`neighbour`); ICB B (`elsewhere`). */
const { ctx, tenancy, neighbour, elsewhere, admin } = setUpTestApp({
  tenancies: { neighbour: 'same-icb', elsewhere: 'new-icb' },
  team: { admin: 'admin' },
});
let secondPractice: string;
let adminHeaders: Session['headers'];

const cookies = new Map<string, string>();
async function cookieFor(role: Exclude<Role, 'admin'>, where: TestTenancy = tenancy): Promise<string> {
  const key = `${role}@${where.pcnId}`;
  const known = cookies.get(key);
  if (known) return known;
  const session = await signIn(ctx, await createTestUser(ctx.db, where, role));
  cookies.set(key, session.cookie);
  return session.cookie;
}

beforeAll(async () => {
  const [extra] = await ctx.db
    .insert(practices)
    .values({ pcnId: tenancy.pcnId, code: 'Z99901', name: 'Second Practice Of PCN One' })
    .returning();
  secondPractice = (extra as { id: string }).id;
  adminHeaders = admin.headers;
});

const tree = async (cookie: string): Promise<OrganisationTree> => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/organisations', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const pcnIds = (t: OrganisationTree) => t.icbs.flatMap((i) => i.pcns.map((p) => p.id)).sort();
const practiceIds = (t: OrganisationTree) =>
  t.icbs.flatMap((i) => i.pcns.flatMap((p) => p.practices.map((pr) => pr.id))).sort();
const sorted = (...ids: string[]) => [...ids].sort();

describe('GET /api/organisations: the tree is scoped to the user', () => {
  it('a referrer sees only their own practice (and its PCN)', async () => {
    const t = await tree(await cookieFor('referrer'));
    expect(t.icbs.map((i) => i.id)).toEqual([tenancy.icbId]);
    expect(pcnIds(t)).toEqual([tenancy.pcnId]);
    expect(practiceIds(t)).toEqual([tenancy.practiceId]);
  });

  it('a team lead sees their PCN and all of its practices, not another PCN', async () => {
    const t = await tree(await cookieFor('team_lead'));
    expect(t.icbs.map((i) => i.id)).toEqual([tenancy.icbId]);
    expect(pcnIds(t)).toEqual([tenancy.pcnId]);
    expect(practiceIds(t)).toEqual(sorted(tenancy.practiceId, secondPractice));
  });

  it('a commissioner sees the whole ICB and nothing of another ICB', async () => {
    const t = await tree(await cookieFor('commissioner'));
    expect(t.icbs.map((i) => i.id)).toEqual([tenancy.icbId]);
    expect(pcnIds(t)).toEqual(sorted(tenancy.pcnId, neighbour.pcnId));
    expect(practiceIds(t)).toEqual(sorted(tenancy.practiceId, secondPractice, neighbour.practiceId));
    const vcs = t.icbs.flatMap((i) => i.vcsOrganisations.map((v) => v.id)).sort();
    expect(vcs).toEqual(sorted(tenancy.vcsOrganisationId, neighbour.vcsOrganisationId));
    expect(JSON.stringify(t)).not.toContain(elsewhere.pcnId);
    expect(JSON.stringify(t)).not.toContain(elsewhere.vcsOrganisationId);
  });

  it('an admin sees the whole ICB and nothing of another ICB', async () => {
    const t = await tree(adminHeaders.cookie);
    expect(t.icbs.map((i) => i.id)).toEqual([tenancy.icbId]);
    // Earlier tests in this file may add PCNs to the ICB; the fixed ones must be there, and
    // nothing from ICB B.
    expect(pcnIds(t)).toEqual(expect.arrayContaining([tenancy.pcnId, neighbour.pcnId]));
    expect(practiceIds(t)).toEqual(expect.arrayContaining([tenancy.practiceId, secondPractice, neighbour.practiceId]));
    expect(JSON.stringify(t)).not.toContain(elsewhere.icbId);
    expect(JSON.stringify(t)).not.toContain(elsewhere.pcnId);
    expect(JSON.stringify(t)).not.toContain(elsewhere.practiceId);
  });

  it('without a session: 401', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/organisations' });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/organisations/practices/:id: out of scope is 404, not 403', () => {
  const getPractice = async (cookie: string, id: string) =>
    ctx.app.inject({ method: 'GET', url: `/api/organisations/practices/${id}`, headers: { cookie } });

  it('a referrer reads their own practice (200), not another PCN’s nor a sibling practice (404)', async () => {
    const cookie = await cookieFor('referrer');
    const own = await getPractice(cookie, tenancy.practiceId);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: tenancy.practiceId, pcn: { kind: 'pcn', id: tenancy.pcnId } });
    for (const id of [neighbour.practiceId, elsewhere.practiceId, secondPractice]) {
      const res = await getPractice(cookie, id);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('not_found');
    }
  });

  it('a team lead reads their PCN’s practices (200), not another PCN’s (404)', async () => {
    const cookie = await cookieFor('team_lead');
    expect((await getPractice(cookie, tenancy.practiceId)).statusCode).toBe(200);
    expect((await getPractice(cookie, secondPractice)).statusCode).toBe(200);
    for (const id of [neighbour.practiceId, elsewhere.practiceId]) {
      const res = await getPractice(cookie, id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('a commissioner reads any practice of the ICB (200), not another ICB’s (404)', async () => {
    const cookie = await cookieFor('commissioner');
    expect((await getPractice(cookie, neighbour.practiceId)).statusCode).toBe(200);
    expect((await getPractice(cookie, elsewhere.practiceId)).statusCode).toBe(404);
  });

  it('the 404 for an existing practice elsewhere is the same answer as for no practice at all', async () => {
    const cookie = await cookieFor('referrer');
    const elsewhereRes = await getPractice(cookie, neighbour.practiceId);
    const missing = await getPractice(cookie, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(elsewhereRes.json()).toEqual(missing.json());
  });

  it('a malformed id: 400 naming id', async () => {
    const res = await getPractice(await cookieFor('referrer'), 'B86001');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

let codeCounter = 0;
/** Codes unlikely to clash with the toolkit's (which start with the process id's digits). */
const nextDigits = () => String(80000 + ((process.pid * 7 + ++codeCounter) % 20000)).padStart(5, '0');

const post = (kind: 'pcns' | 'practices' | 'vcs', payload: Record<string, unknown>, headers = adminHeaders) =>
  ctx.app.inject({ method: 'POST', url: `/api/admin/organisations/${kind}`, headers, payload });

const counts = async () => ({
  pcns: await ctx.db.$count(pcns),
  practices: await ctx.db.$count(practices),
  vcs: await ctx.db.$count(vcsOrganisations),
});

function expectFieldError(res: Awaited<ReturnType<typeof post>>, status: number, field: string, reason?: RegExp) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().errors).toEqual(
    expect.arrayContaining([{ field, message: reason ? expect.stringMatching(reason) : expect.any(String) }]),
  );
}

describe('admin creates organisations in their own ICB', () => {
  it('creates a PCN (201), normalising the code to upper case, and audits it', async () => {
    const code = `U${nextDigits()}`;
    const res = await post('pcns', { icbId: tenancy.icbId, code: ` ${code.toLowerCase()} `, name: '  New Town PCN ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code, name: 'New Town PCN', practices: [] });
    const [row] = await ctx.db.select().from(pcns).where(eq(pcns.id, res.json().id));
    expect(row).toMatchObject({ icbId: tenancy.icbId, code, name: 'New Town PCN' });
    const audit = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.json().id));
    expect(audit.map((a) => a.action)).toEqual(['organisation.create']);
  });

  it('creates a practice (201) in a PCN of the ICB', async () => {
    const code = `B${nextDigits()}`;
    const res = await post('practices', { pcnId: neighbour.pcnId, code, name: 'Brook Street Surgery' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code, name: 'Brook Street Surgery' });
    const [row] = await ctx.db.select().from(practices).where(eq(practices.id, res.json().id));
    expect(row).toMatchObject({ pcnId: neighbour.pcnId, code });
  });

  it('creates a VCS organisation (201), with and without a charity number', async () => {
    const charityNumber = `1${nextDigits()}1`;
    const res = await post('vcs', { icbId: tenancy.icbId, name: `Walking Friends ${charityNumber}`, charityNumber });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ charityNumber });
    const [row] = await ctx.db.select().from(vcsOrganisations).where(eq(vcsOrganisations.id, res.json().id));
    expect(row).toMatchObject({ icbId: tenancy.icbId, charityNumber });

    const bare = await post('vcs', { icbId: tenancy.icbId, name: `Tea And Talk ${charityNumber}` });
    expect(bare.statusCode).toBe(201);
    expect(bare.json().charityNumber).toBeNull();
  });

  const badInputs: {
    kind: 'pcns' | 'practices' | 'vcs';
    rule: string;
    payload: () => Record<string, unknown>;
    field: string;
    reason: RegExp;
  }[] = [
    {
      kind: 'pcns',
      rule: 'a PCN code not of the form U + 5 digits',
      payload: () => ({ icbId: tenancy.icbId, code: 'X12345', name: 'Bad PCN' }),
      field: 'code',
      reason: /U followed by 5 digits/,
    },
    {
      kind: 'pcns',
      rule: 'a PCN code one digit short',
      payload: () => ({ icbId: tenancy.icbId, code: 'U1234', name: 'Bad PCN' }),
      field: 'code',
      reason: /U followed by 5 digits/,
    },
    {
      kind: 'pcns',
      rule: 'an empty PCN code',
      payload: () => ({ icbId: tenancy.icbId, code: '  ', name: 'Bad PCN' }),
      field: 'code',
      reason: /PCN ODS code/,
    },
    {
      kind: 'pcns',
      rule: 'a one-letter PCN name',
      payload: () => ({ icbId: tenancy.icbId, code: `U${nextDigits()}`, name: 'P' }),
      field: 'name',
      reason: /at least 2/,
    },
    {
      kind: 'pcns',
      rule: 'a PCN name of spaces',
      payload: () => ({ icbId: tenancy.icbId, code: `U${nextDigits()}`, name: '     ' }),
      field: 'name',
      reason: /at least 2/,
    },
    {
      kind: 'pcns',
      rule: 'a PCN without an ICB id',
      payload: () => ({ icbId: 'QXN', code: `U${nextDigits()}`, name: 'Bad PCN' }),
      field: 'icbId',
      reason: /ICB id/,
    },
    {
      kind: 'practices',
      rule: 'a practice code of 2 letters',
      payload: () => ({ pcnId: tenancy.pcnId, code: 'BB6001', name: 'Bad Practice' }),
      field: 'code',
      reason: /a letter then 5 digits/,
    },
    {
      kind: 'practices',
      rule: 'a practice code one digit short',
      payload: () => ({ pcnId: tenancy.pcnId, code: 'B8600', name: 'Bad Practice' }),
      field: 'code',
      reason: /a letter then 5 digits/,
    },
    {
      kind: 'practices',
      rule: 'a practice name over 200 characters',
      payload: () => ({ pcnId: tenancy.pcnId, code: `B${nextDigits()}`, name: 'x'.repeat(201) }),
      field: 'name',
      reason: /at most 200/,
    },
    {
      kind: 'vcs',
      rule: 'a charity number of 3 digits',
      payload: () => ({ icbId: tenancy.icbId, name: 'Bad Charity', charityNumber: '123' }),
      field: 'charityNumber',
      reason: /6 to 8 digits/,
    },
    {
      kind: 'vcs',
      rule: 'a charity number with letters',
      payload: () => ({ icbId: tenancy.icbId, name: 'Bad Charity', charityNumber: 'ABC1234' }),
      field: 'charityNumber',
      reason: /6 to 8 digits/,
    },
    {
      kind: 'vcs',
      rule: 'a one-letter VCS name',
      payload: () => ({ icbId: tenancy.icbId, name: 'V' }),
      field: 'name',
      reason: /at least 2/,
    },
  ];

  for (const { kind, rule, payload, field, reason } of badInputs) {
    it(`refuses ${rule}: 400 naming ${field}, nothing stored`, async () => {
      const before = await counts();
      const res = await post(kind, payload());
      expectFieldError(res, 400, field, reason);
      expect(res.json().code).toBe('validation');
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a duplicate PCN code: 409 naming code, nothing stored', async () => {
    const code = `U${nextDigits()}`;
    expect((await post('pcns', { icbId: tenancy.icbId, code, name: 'First PCN' })).statusCode).toBe(201);
    const before = await counts();
    // The same code in another case is the same code.
    const res = await post('pcns', { icbId: tenancy.icbId, code: code.toLowerCase(), name: 'Second PCN' });
    expectFieldError(res, 409, 'code', /already exists/);
    expect(await counts()).toEqual(before);
    expect(await ctx.db.$count(pcns, eq(pcns.code, code))).toBe(1);
  });

  it('refuses a duplicate practice code: 409 naming code, nothing stored', async () => {
    const before = await counts();
    const [existing] = await ctx.db.select().from(practices).where(eq(practices.id, neighbour.practiceId));
    const res = await post('practices', { pcnId: tenancy.pcnId, code: existing?.code, name: 'Copycat Surgery' });
    expectFieldError(res, 409, 'code', /already exists/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a duplicate VCS name in the ICB (409 naming name) and a duplicate charity number (409 naming charityNumber)', async () => {
    const charityNumber = `2${nextDigits()}2`;
    const name = `Allotment Society ${charityNumber}`;
    expect((await post('vcs', { icbId: tenancy.icbId, name, charityNumber })).statusCode).toBe(201);
    const before = await counts();
    expectFieldError(await post('vcs', { icbId: tenancy.icbId, name }), 409, 'name', /already exists/);
    expectFieldError(
      await post('vcs', { icbId: tenancy.icbId, name: `${name} Two`, charityNumber }),
      409,
      'charityNumber',
      /already exists/,
    );
    expect(await counts()).toEqual(before);
  });

  it('creating into another ICB (or under another ICB’s PCN) answers 404 and stores nothing', async () => {
    const before = await counts();
    const pcn = await post('pcns', { icbId: elsewhere.icbId, code: `U${nextDigits()}`, name: 'Foreign PCN' });
    expect(pcn.statusCode).toBe(404);
    expect(pcn.json().code).toBe('not_found');
    const practice = await post('practices', {
      pcnId: elsewhere.pcnId,
      code: `B${nextDigits()}`,
      name: 'Foreign Surgery',
    });
    expect(practice.statusCode).toBe(404);
    const vcs = await post('vcs', { icbId: elsewhere.icbId, name: 'Foreign Charity' });
    expect(vcs.statusCode).toBe(404);
    const missingPcn = await post('practices', {
      pcnId: '00000000-0000-4000-8000-000000000000',
      code: `B${nextDigits()}`,
      name: 'Nowhere Surgery',
    });
    expect(missingPcn.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('non-admins are refused (403) and nothing is stored', async () => {
    const lead = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'team_lead'));
    const before = await counts();
    const res = await post(
      'pcns',
      { icbId: tenancy.icbId, code: `U${nextDigits()}`, name: 'Sneaky PCN' },
      lead.headers,
    );
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
