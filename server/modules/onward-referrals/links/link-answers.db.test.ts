import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, max } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../../test/team.js';
import { notifications } from '../../notifications/notifications.tables.js';
import { processingRestrictions } from '../../records/records.tables.js';
import { onwardEvents, onwardLinks, onwardReferrals } from '../onward-referrals.tables.js';
import { codeEmailedTo, createLinkedCase, TEST_SHARED, type TestLinkedReferral } from './test-links.js';

// The referral behind a secure link and the organisation's answers through it, over HTTP: nothing
// personal without the code's access; with it, the inbox's view and answers, each on the case
// timeline (via 'link'), audited with no actor and the link's id, and told to the worker.

const { ctx, tenancy, worker } = setUpTestApp({ team: { worker: 'link_worker' } });

let requests = 0;
const post = (step: string, payload: object) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/referral-link/${step}`,
    payload,
    remoteAddress: `10.1.${Math.floor(++requests / 250)}.${requests % 250}`,
  });

const newLinked = (): Promise<TestLinkedReferral> => createLinkedCase(ctx.db, tenancy, worker);

async function verified(linked: TestLinkedReferral): Promise<string> {
  expect((await post('code', { token: linked.token })).statusCode).toBe(202);
  const res = await post('verify', { token: linked.token, code: await codeEmailedTo(ctx.db, linked.email) });
  expect(res.statusCode).toBe(200);
  return res.json().access;
}

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const statusOf = async (onwardId: string) =>
  (await ctx.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, onwardId)))[0];

function expectNothingPersonal(body: string) {
  for (const secret of [TEST_SHARED.name, TEST_SHARED.phone, TEST_SHARED.reason, 'Prefers mornings']) {
    expect(body).not.toContain(secret);
  }
}

describe('the referral behind a link', () => {
  it('shows nothing personal to a forwarded link without the code: no access, a made-up one, another link’s', async () => {
    const linked = await newLinked();
    const other = await newLinked();
    const otherAccess = await verified(other);
    const madeUp = randomBytes(32).toString('base64url');

    const none = await post('referral', { token: linked.token });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([{ field: 'access', message: expect.any(String) }]);
    for (const access of [madeUp, otherAccess]) {
      const res = await post('referral', { token: linked.token, access });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toContain('Ask for a new code');
      expectNothingPersonal(res.body);
      const answer = await post('accept', { token: linked.token, access, version: 1 });
      expect(answer.statusCode).toBe(401);
    }
    const row = await statusOf(linked.onwardId);
    expect(row?.status).toBe('sent');
    expect(row?.viewedAt).toBeNull();
  });

  it('shows the shared details after the code, marks it viewed once, and audits every read', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    const before = await lastAuditId();
    const res = await post('referral', { token: linked.token, access });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      id: linked.onwardId,
      status: 'sent',
      tab: 'waiting',
      anonymised: false,
      sharedDetails: TEST_SHARED,
      service: { id: linked.serviceId, name: linked.serviceName },
      version: 1,
    });
    expect((await post('referral', { token: linked.token, access })).statusCode).toBe(200);
    const viewed = await ctx.db
      .select({ via: onwardEvents.via, actor: onwardEvents.actorUserId })
      .from(onwardEvents)
      .where(and(eq(onwardEvents.onwardReferralId, linked.onwardId), eq(onwardEvents.type, 'viewed')));
    expect(viewed).toEqual([{ via: 'link', actor: null }]);
    const rows = await ctx.db
      .select({
        action: auditEvents.action,
        actor: auditEvents.actorUserId,
        icbId: auditEvents.icbId,
        entityId: auditEvents.entityId,
      })
      .from(auditEvents)
      .where(gt(auditEvents.id, before));
    expect(rows).toEqual([
      { action: 'onward.read', actor: null, icbId: tenancy.icbId, entityId: linked.onwardId },
      { action: 'onward.read', actor: null, icbId: tenancy.icbId, entityId: linked.onwardId },
    ]);
  });

  it('shows an anonymised view once the organisation’s access to the details has ended', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    await ctx.db
      .update(onwardReferrals)
      .set({
        status: 'declined',
        declinedAt: new Date(),
        declineReason: 'service_full',
        accessEndsAt: new Date(Date.now() - 1000),
      })
      .where(eq(onwardReferrals.id, linked.onwardId));
    const res = await post('referral', { token: linked.token, access });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ anonymised: true, sharedDetails: null });
    expectNothingPersonal(res.body);
  });
});

describe('answering through the link', () => {
  it('is refused while the person’s processing is restricted: 409 naming why, and nothing changes', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    const onward = await statusOf(linked.onwardId);
    await ctx.db.insert(processingRestrictions).values({
      personId: onward?.personId as string,
      icbId: tenancy.icbId,
      reason: 'accuracy_contested',
    });
    const eventsBefore = await ctx.db
      .select()
      .from(onwardEvents)
      .where(eq(onwardEvents.onwardReferralId, linked.onwardId));
    const res = await post('accept', { token: linked.token, access, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('processing_restricted');
    expect(await statusOf(linked.onwardId)).toEqual(onward);
    expect(await ctx.db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, linked.onwardId))).toEqual(
      eventsBefore,
    );
  });

  it('accepts, records attendance and closes: each on the timeline via the link, audited with the link, told to the worker', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    const before = await lastAuditId();
    const accepted = await post('accept', { token: linked.token, access, version: 1 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
    const today = new Date().toISOString().slice(0, 10);
    const attended = await post('attendance', {
      token: linked.token,
      access,
      version: 2,
      kind: 'attended',
      on: today,
      sessions: 2,
    });
    expect(attended.statusCode).toBe(200);
    expect(attended.json().sessionsAttended).toBe(2);
    const closed = await post('close', {
      token: linked.token,
      access,
      version: 3,
      outcome: 'completed',
      note: 'Finished the course.',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closed: { outcome: 'completed' } });

    const events = await ctx.db
      .select({
        type: onwardEvents.type,
        via: onwardEvents.via,
        actor: onwardEvents.actorUserId,
        details: onwardEvents.details,
      })
      .from(onwardEvents)
      .where(
        and(eq(onwardEvents.onwardReferralId, linked.onwardId), gt(onwardEvents.at, new Date(Date.now() - 60_000))),
      );
    const answers = events.filter((e) => ['accepted', 'attendance', 'closed'].includes(e.type));
    expect(answers.map((e) => [e.type, e.via, e.actor, e.details.linkId])).toEqual([
      ['accepted', 'link', null, linked.linkId],
      ['attendance', 'link', null, linked.linkId],
      ['closed', 'link', null, linked.linkId],
    ]);
    const rows = await ctx.db
      .select({
        action: auditEvents.action,
        actor: auditEvents.actorUserId,
        icbId: auditEvents.icbId,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.outcome, 'success')))
      .orderBy(asc(auditEvents.id));
    expect(rows.map((r) => [r.action, r.actor, r.icbId, (r.details as { linkId?: string }).linkId])).toEqual([
      ['onward.accept', null, tenancy.icbId, linked.linkId],
      ['onward.attendance', null, tenancy.icbId, linked.linkId],
      ['onward.close', null, tenancy.icbId, linked.linkId],
    ]);
    const told = await ctx.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, worker.id));
    expect(told.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['onward.accepted', 'onward.attendance', 'onward.closed']),
    );
  });

  it('declines with a reason; "other" without a note is refused on the field and changes nothing', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    const bad = await post('decline', { token: linked.token, access, version: 1, reason: 'other' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'note', message: expect.any(String) }]);
    expect((await statusOf(linked.onwardId))?.status).toBe('sent');
    const res = await post('decline', { token: linked.token, access, version: 1, reason: 'service_full' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', declined: { reason: 'service_full' } });
  });

  it('answers a stale version with 409 saying what changed', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    expect((await post('accept', { token: linked.token, access, version: 1 })).statusCode).toBe(200);
    const stale = await post('decline', { token: linked.token, access, version: 1, reason: 'service_full' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('was accepted by the organisation through its secure link');
  });

  it('refuses every answer once the link is withdrawn, even with a good access, and changes nothing', async () => {
    const linked = await newLinked();
    const access = await verified(linked);
    await ctx.db.update(onwardLinks).set({ revokedAt: new Date() }).where(eq(onwardLinks.id, linked.linkId));
    const res = await post('accept', { token: linked.token, access, version: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('no longer works');
    expect((await post('referral', { token: linked.token, access })).statusCode).toBe(404);
    expect((await statusOf(linked.onwardId))?.status).toBe('sent');
  });
});
