import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferralStatusView } from '../../../common/api-types.js';
import { referralReference } from '../../../common/referrals.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { practices } from '../organisations/organisations.tables.js';
import { validReferralBody } from './referral-fixtures.js';
import { referrals } from './referrals.tables.js';

// A practice sees the referrals it made and their status, never case or triage notes; a referrer
// of another practice cannot see them at all (404, never 403, which would confirm they exist).

const { ctx, tenancy, referrer, otherPcnReferrer, lead, otherPcnLead } = setUpTestApp({
  tenancies: { otherPcn: 'same-icb' },
  team: {
    referrer: 'referrer',
    otherPcnReferrer: { role: 'referrer', at: 'otherPcn' },
    lead: 'team_lead',
    otherPcnLead: { role: 'team_lead', at: 'otherPcn' },
  },
});
/** A referrer at a second practice of the same PCN. */
let neighbourPractice: Session;
const made: string[] = [];

const get = (url: string, session: Session) =>
  ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

beforeAll(async () => {
  const [second] = await ctx.db
    .insert(practices)
    .values({
      pcnId: tenancy.pcnId,
      code: `S${String(process.pid).slice(-5).padStart(5, '0')}`,
      name: 'Second Practice',
    })
    .returning();
  neighbourPractice = await signIn(
    ctx,
    await createTestUser(ctx.db, { ...tenancy, practiceId: (second as { id: string }).id }, 'referrer'),
  );

  for (let i = 0; i < 3; i++) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: referrer.headers,
      payload: validReferralBody({ details: `Private details ${i}` }),
    });
    expect(res.statusCode).toBe(201);
    made.push(res.json().id);
  }
  // The team has triaged one: its notes are the team's, not the practice's.
  await ctx.db
    .update(referrals)
    .set({ status: 'triaged', triageNotes: 'Team-only triage note', priority: 'soon', triagedAt: new Date() })
    .where(eq(referrals.id, made[0] as string));
  // A referral of the neighbouring practice (same PCN).
  const theirs = await ctx.app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: neighbourPractice.headers,
    payload: validReferralBody(),
  });
  expect(theirs.statusCode).toBe(201);
  made.push(theirs.json().id);
});

describe('GET /api/practice/referrals', () => {
  it('lists the referrals the practice made, newest first, with their status and nothing the team wrote', async () => {
    const res = await get('/api/practice/referrals', referrer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    const list = body.referrals as ReferralStatusView[];
    expect(list.map((r) => r.id)).toEqual([made[2], made[1], made[0]]);
    expect(list[2]).toMatchObject({
      status: 'triaged',
      statusLabel: 'Triaged',
      reasons: [
        { code: 'loneliness', label: 'Loneliness' },
        { code: 'housing', label: 'Housing' },
      ],
      referrerName: referrer.me.user.name,
    });
    expect(res.body).not.toContain('Team-only triage note');
    expect(res.body).not.toContain('Private details');
    expect(list[0]).not.toHaveProperty('triageNotes');
    expect(list[0]).not.toHaveProperty('priority');

    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.list-practice'), eq(auditEvents.actorUserId, referrer.me.user.id)));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('finds a referral by words of the name, NHS number with spaces or the reference, and by open or closed', async () => {
    const rows = await ctx.db.select().from(referrals);
    const mine = rows.filter((r) => made.includes(r.id));
    const first = mine.find((r) => r.id === made[1]) as (typeof mine)[number];
    const list = async (query: string) => {
      const res = await get(`/api/practice/referrals?${query}`, referrer);
      expect([query, res.statusCode]).toEqual([query, 200]);
      return (res.json().referrals as ReferralStatusView[]).map((r) => r.id);
    };
    const { givenName, familyName, nhsNumber } = first.personDetails;
    const nhs = nhsNumber as string;
    expect(await list(`q=${encodeURIComponent(`${familyName.toUpperCase()} ${givenName}`)}`)).toEqual([first.id]);
    expect(await list(`q=${encodeURIComponent(`${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`)}`)).toEqual([
      first.id,
    ]);
    expect(await list(`q=${encodeURIComponent(referralReference(first.id))}`)).toEqual([first.id]);
    expect(await list('q=%25')).toEqual([]); // a LIKE wildcard is a character, not "anything"
    const ofPractice = rows.filter((r) => r.practiceId === tenancy.practiceId);
    const idsWhere = (keep: (status: string) => boolean) =>
      ofPractice
        .filter((r) => keep(r.status))
        .map((r) => r.id)
        .sort();
    const open = ['received', 'triaged', 'allocated', 'first_contact', 'active'];
    expect((await list('status=triaged')).sort()).toEqual(idsWhere((st) => st === 'triaged'));
    expect((await list('status=open')).sort()).toEqual(idsWhere((st) => open.includes(st)));
    expect((await list('status=closed')).sort()).toEqual(idsWhere((st) => !open.includes(st)));
    expect(idsWhere((st) => st === 'triaged')).toEqual([made[0]]);
    const bad = await get('/api/practice/referrals?status=lost', referrer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('status');
  });

  it('a referrer of another practice does not see them', async () => {
    const res = await get('/api/practice/referrals', neighbourPractice);
    expect(res.statusCode).toBe(200);
    expect((res.json().referrals as ReferralStatusView[]).map((r) => r.id)).toEqual([made[3]]);
    const other = await get('/api/practice/referrals', otherPcnReferrer);
    expect(other.json()).toMatchObject({ referrals: [], total: 0 });
  });

  it('is a practice’s list: a team member gets 404, a malformed page 400', async () => {
    expect((await get('/api/practice/referrals', lead)).statusCode).toBe(404);
    const bad = await get('/api/practice/referrals?page=0', referrer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'page', message: expect.stringMatching(/1 or more/) }]);
  });
});

describe('GET /api/referrals/:id/status', () => {
  it('the referring practice sees the status of its referral', async () => {
    const res = await get(`/api/referrals/${made[0]}/status`, referrer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: made[0], status: 'triaged', statusLabel: 'Triaged' });
    expect(res.body).not.toContain('Team-only triage note');
  });

  it('a referrer of another practice (same PCN or another) gets 404, and the answer is the same as for no referral', async () => {
    const nobody = await get('/api/referrals/00000000-0000-4000-8000-000000000000/status', neighbourPractice);
    for (const session of [neighbourPractice, otherPcnReferrer]) {
      const res = await get(`/api/referrals/${made[0]}/status`, session);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(nobody.json());
    }
  });

  it('a malformed id is a 400, not a 500', async () => {
    expect((await get('/api/referrals/not-an-id/status', referrer)).statusCode).toBe(400);
  });
});

describe('GET /api/referrals/:id: the team’s view', () => {
  it('the PCN team sees the whole referral', async () => {
    const res = await get(`/api/referrals/${made[0]}`, lead);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: made[0],
      triageNotes: 'Team-only triage note',
      details: 'Private details 0',
      events: [expect.objectContaining({ type: 'received', toStatus: 'received' })],
    });
  });

  it('another PCN’s team gets 404', async () => {
    expect((await get(`/api/referrals/${made[0]}`, otherPcnLead)).statusCode).toBe(404);
  });

  it('practice staff get 404 for every id alike, even their own referral (their view is the status page); audited', async () => {
    const own = await get(`/api/referrals/${made[0]}`, referrer);
    const none = await get('/api/referrals/00000000-0000-4000-8000-000000000000', referrer);
    expect([own.statusCode, none.statusCode]).toEqual([404, 404]);
    expect(own.json()).toEqual(none.json());
    expect(own.body).not.toContain('Team-only triage note');
    const denied = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'referral.read'),
          eq(auditEvents.outcome, 'denied'),
          eq(auditEvents.entityId, made[0] as string),
        ),
      );
    expect(denied).toHaveLength(1);
  });

  it('roles without referral.read get 403', async () => {
    const partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
    expect((await get(`/api/referrals/${made[0]}/status`, partner)).statusCode).toBe(403);
    expect((await get('/api/practice/referrals', partner)).statusCode).toBe(403);
  });
});
