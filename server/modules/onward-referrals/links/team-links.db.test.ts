import { and, eq, gt, max, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../../test/team.js';
import { outbox } from '../../notifications/notifications.tables.js';
import { createAllocatedReferral } from '../../triage/test-referrals.js';
import { onwardEvents, onwardLinks, onwardReferrals } from '../onward-referrals.tables.js';
import { createLinkedCase, expireLink, type TestLinkedReferral, tokenEmailedTo } from './test-links.js';

// The team's revoke and re-send of a secure link, over HTTP: only who may write the case, another
// PCN's case is not found, a withdrawn or replaced link opens nothing, each step is on the
// timeline and audited.

const { ctx, tenancy, worker, colleague, lead, referrer, stranger } = setUpTestApp({
  tenancies: { neighbour: 'same-icb' },
  team: {
    worker: 'link_worker',
    colleague: 'health_coach',
    lead: 'team_lead',
    referrer: 'referrer',
    stranger: { role: 'link_worker', at: 'neighbour' },
  },
});

let caseId: string;
async function newLinked(): Promise<TestLinkedReferral> {
  const linked = await createLinkedCase(ctx.db, tenancy, worker);
  caseId = linked.caseId;
  return linked;
}

const act = (
  who: { headers: Record<string, string> },
  linked: TestLinkedReferral,
  what: 'revoke' | 'resend',
  caseOf = caseId,
) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${caseOf}/onward-referrals/${linked.onwardId}/link/${what}`,
    headers: who.headers,
  });
const open = async (token: string) =>
  (await ctx.app.inject({ method: 'POST', url: '/api/referral-link/open', payload: { token } })).json().state;
const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const successSince = async (before: bigint) =>
  (
    await ctx.db
      .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.outcome, 'success')))
  ).map((r) => `${r.action}:${r.actor === worker.id ? 'worker' : r.actor}`);
const eventTypes = async (onwardId: string) =>
  (
    await ctx.db
      .select({ type: onwardEvents.type, via: onwardEvents.via })
      .from(onwardEvents)
      .where(eq(onwardEvents.onwardReferralId, onwardId))
      .orderBy(onwardEvents.id)
  ).map((e) => `${e.type}:${e.via}`);

describe('revoking a secure link', () => {
  it('withdraws it: it opens nothing after, on the timeline and audited; a second revoke is a conflict', async () => {
    const linked = await newLinked();
    expect(await open(linked.token)).toBe('valid');
    const before = await lastAuditId();
    const res = await act(worker, linked, 'revoke');
    expect(res.statusCode).toBe(200);
    expect(res.json().link).toMatchObject({ email: linked.email, state: 'revoked' });
    expect(await open(linked.token)).toBe('ended');
    expect(await successSince(before)).toEqual(['onward.link.revoke:worker']);
    expect(await eventTypes(linked.onwardId)).toEqual(['link_sent:team', 'link_opened:link', 'link_revoked:team']);
    const [row] = await ctx.db.select().from(onwardLinks).where(eq(onwardLinks.id, linked.linkId));
    expect(row?.revokedByUserId).toBe(worker.id);

    const again = await act(worker, linked, 'revoke');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('Re-send it');
  });
});

describe('re-sending a secure link', () => {
  it('makes the old link dead and emails a new one that opens; both on the timeline and audited', async () => {
    const linked = await newLinked();
    const before = await lastAuditId();
    const res = await act(worker, linked, 'resend');
    expect(res.statusCode).toBe(200);
    expect(res.json().link).toMatchObject({ email: linked.email, state: 'active' });
    const fresh = await tokenEmailedTo(ctx.db, linked.email);
    expect(fresh).not.toBe(linked.token);
    // Whom to ask when it expires: the case's worker, by name and address.
    const [mail] = await ctx.db
      .select({ text: sql<string>`${outbox.payload}->>'text'` })
      .from(outbox)
      .where(sql`${outbox.payload}->>'text' LIKE ${`%${fresh}%`}`);
    expect(mail?.text).toContain(`for a new one: ${worker.me.user.name}, ${worker.email}.`);
    expect(await open(linked.token)).toBe('ended');
    expect(await open(fresh)).toBe('valid');
    expect(await successSince(before)).toEqual(
      expect.arrayContaining(['onward.link.issue:worker', 'onward.link.resend:worker']),
    );
    expect(await eventTypes(linked.onwardId)).toEqual([
      'link_sent:team',
      'link_revoked:team',
      'link_sent:team',
      'link_opened:link',
    ]);
  });

  it('gives an expired link a new life (nothing live to revoke)', async () => {
    const linked = await newLinked();
    await expireLink(ctx.db, linked.linkId);
    expect((await act(worker, linked, 'resend')).statusCode).toBe(200);
    expect(await open(await tokenEmailedTo(ctx.db, linked.email))).toBe('valid');
  });

  it('is refused once the organisation has nothing left to answer', async () => {
    const linked = await newLinked();
    await ctx.db
      .update(onwardReferrals)
      .set({ status: 'closed', closedAt: new Date(), outcome: 'completed' })
      .where(eq(onwardReferrals.id, linked.onwardId));
    const res = await act(worker, linked, 'resend');
    expect(res.statusCode).toBe(409);
    expect(await open(linked.token)).toBe('valid');
  });
});

describe('who may revoke or re-send', () => {
  let linked: TestLinkedReferral;
  beforeAll(async () => {
    linked = await newLinked();
  });

  it('the lead may; a colleague of the PCN not on the case is told why not (403); a referrer lacks the permission', async () => {
    expect((await act(colleague, linked, 'revoke')).statusCode).toBe(403);
    expect((await act(referrer, linked, 'revoke')).statusCode).toBe(403);
    expect(await open(linked.token)).toBe('valid');
    expect((await act(lead, linked, 'resend')).statusCode).toBe(200);
  });

  it('another PCN gets 404, as does an onward referral named under another case', async () => {
    expect((await act(stranger, linked, 'revoke')).statusCode).toBe(404);
    const other = await createAllocatedReferral(ctx.db, tenancy, worker);
    const wrongCase = await act(worker, linked, 'revoke', other.id);
    expect(wrongCase.statusCode).toBe(404);
    expect(await open(await tokenEmailedTo(ctx.db, linked.email))).toBe('valid');
  });
});
