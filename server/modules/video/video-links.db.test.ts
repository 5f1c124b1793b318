import { and, eq, gt, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { pcns } from '../organisations/organisations.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { appointmentRow, bookVideo, createVideoCase, inMinutes, TEST_MOBILE, textedToken } from './test-video.js';
import { videoAppointments } from './video.tables.js';

// Booking a video contact, the person's link (texted, hashed, opened only in its window), and the
// team's re-send and withdraw — all through HTTP.

const { ctx, tenancy, tom, hannah, lead, stranger } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    tom: 'link_worker',
    hannah: 'health_coach',
    lead: { role: 'team_lead', caseloadCapacity: 0 },
    stranger: { role: 'team_lead', at: 'other' },
  },
});
const { get, post } = requestsAs(ctx);
const TEAM_PHONE = '0191 498 0001';
beforeAll(async () => {
  await ctx.db.update(pcns).set({ publicPhone: TEAM_PHONE }).where(eq(pcns.id, tenancy.pcnId));
});
/** What any dead link of the test team answers, whatever the reason. */
const DEAD = { status: 'unavailable', team: { name: expect.stringMatching(/^Test PCN/), phone: TEAM_PHONE } };

let requests = 0;
const open = (token: unknown) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/public/video/open',
    payload: { token },
    remoteAddress: `10.1.${Math.floor(++requests / 250)}.${requests % 250}`,
  });

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const auditSince = (since: bigint) =>
  ctx.db
    .select({
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorUserId: auditEvents.actorUserId,
      entityId: auditEvents.entityId,
      icbId: auditEvents.icbId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, since))
    .orderBy(auditEvents.id);
const videoMessagesOf = (referralId: string) =>
  ctx.db
    .select()
    .from(residentMessages)
    .where(and(eq(residentMessages.referralId, referralId), eq(residentMessages.kind, 'video_link')));

describe('booking a contact by video', () => {
  it('creates the appointment and texts the person a one-time link in the fragment, stored only as its hash', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const before = await lastAuditId();
    const { appointment, plannedId, token } = await bookVideo(ctx, tom, r.id, 60);

    expect(appointment).toMatchObject({
      referralId: r.id,
      pcnId: tenancy.pcnId,
      icbId: tenancy.icbId,
      state: 'booked',
    });
    expect(appointment.windowEndsAt.getTime() - appointment.windowStartsAt.getTime()).toBe((15 + 60 + 60) * 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(appointment.tokenHash).not.toContain(token);
    expect(JSON.stringify(appointment)).not.toContain(token);

    const [message] = await videoMessagesOf(r.id);
    expect(message).toMatchObject({ channel: 'sms', recipient: TEST_MOBILE, status: 'queued' });
    expect(message?.personalisation).toMatchObject({
      link: `${ctx.config.publicUrl}/video#token=${token}`,
      test_link: `${ctx.config.publicUrl}/video/check`,
      team: expect.stringMatching(/^Test PCN/),
      date: expect.any(String),
      time: expect.stringMatching(/^\d{1,2}:\d{2}(am|pm)$/),
    });
    const rows = await auditSince(before);
    expect(rows.map((a) => a.action)).toEqual(['case.contact-planned', 'video.link.issue']);
    expect(rows[1]).toMatchObject({
      actorUserId: tom.id,
      entityId: r.id,
      details: { videoAppointmentId: appointment.id, plannedContactId: plannedId, sent: true },
    });

    const list = await get(tom, `/api/referrals/${r.id}/video-appointments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().appointments).toEqual([
      expect.objectContaining({ id: appointment.id, plannedContactId: plannedId, state: 'booked', revoked: false }),
    ]);
  });

  it('books no appointment for a contact of another mode', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const res = await post(tom, `/api/referrals/${r.id}/planned-contacts`, { at: inMinutes(60), mode: 'phone' });
    expect(res.statusCode).toBe(201);
    expect(await ctx.db.select().from(videoAppointments).where(eq(videoAppointments.referralId, r.id))).toEqual([]);
    expect(await videoMessagesOf(r.id)).toEqual([]);
  });

  it('sends nothing to a person who asked to be phoned, and says so', async () => {
    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const before = await lastAuditId();
    const res = await post(tom, `/api/referrals/${r.id}/planned-contacts`, { at: inMinutes(60), mode: 'video' });
    expect(res.statusCode).toBe(201);
    expect(await videoMessagesOf(r.id)).toEqual([]);
    const issued = (await auditSince(before)).find((a) => a.action === 'video.link.issue');
    expect(issued?.details).toMatchObject({ sent: false });
  });

  it('cancelling the planned contact kills the link', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, plannedId, token } = await bookVideo(ctx, tom, r.id);
    expect((await open(token)).json().status).toBe('open');
    const res = await post(tom, `/api/referrals/${r.id}/planned-contacts/${plannedId}/cancel`);
    expect(res.statusCode).toBe(200);
    expect((await appointmentRow(ctx, appointment.id))?.state).toBe('cancelled');
    expect((await open(token)).json()).toEqual(DEAD);
  });
});

describe("opening the person's link", () => {
  it('inside its window: when, with which team, nothing about the person; every open audited, the first marked', async () => {
    const r = await createVideoCase(ctx, tenancy, tom);
    const { appointment, token } = await bookVideo(ctx, tom, r.id, 10);
    const before = await lastAuditId();
    const first = await open(token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      status: 'open',
      at: new Date(appointment.windowStartsAt.getTime() + 15 * 60_000).toISOString(),
      teamName: expect.stringMatching(/^Test PCN/),
      teamPhone: TEAM_PHONE,
      state: 'booked',
    });
    expect(first.body).not.toContain(TEST_MOBILE);
    expect((await open(token)).statusCode).toBe(200);
    expect(await auditSince(before)).toEqual([
      expect.objectContaining({
        action: 'video.link.open',
        outcome: 'success',
        actorUserId: null,
        icbId: tenancy.icbId,
        details: { videoAppointmentId: appointment.id, first: true },
      }),
      expect.objectContaining({
        action: 'video.link.open',
        outcome: 'success',
        details: { videoAppointmentId: appointment.id, first: false },
      }),
    ]);
    expect((await appointmentRow(ctx, appointment.id))?.openedAt).toBeInstanceOf(Date);
  });

  it('too early, expired and withdrawn links all get the same answer (the team to call); unknown ones no team; the audit says which', async () => {
    const early = await createVideoCase(ctx, tenancy, tom);
    const tooEarly = await bookVideo(ctx, tom, early.id, 24 * 60);
    const late = await createVideoCase(ctx, tenancy, tom);
    const expired = await bookVideo(ctx, tom, late.id, 5);
    await ctx.db
      .update(videoAppointments)
      .set({ windowStartsAt: new Date(Date.now() - 3 * 3_600_000), windowEndsAt: new Date(Date.now() - 1_000) })
      .where(eq(videoAppointments.id, expired.appointment.id));
    const gone = await createVideoCase(ctx, tenancy, tom);
    const revoked = await bookVideo(ctx, tom, gone.id, 5);
    expect(
      (await post(tom, `/api/referrals/${gone.id}/planned-contacts/${revoked.plannedId}/video-link/revoke`)).statusCode,
    ).toBe(200);

    const before = await lastAuditId();
    const answers = [];
    for (const token of ['A'.repeat(43), tooEarly.token, expired.token, revoked.token]) {
      const res = await open(token);
      answers.push([res.statusCode, res.body]);
    }
    expect(answers[0]).toEqual([200, '{"status":"unavailable"}']);
    expect(new Set(answers.slice(1).map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[1]?.[0]).toBe(200);
    expect(JSON.parse(String(answers[1]?.[1]))).toEqual(DEAD);
    const rows = await auditSince(before);
    expect(rows.map((a) => [a.action, a.outcome, (a.details as { reason: string }).reason])).toEqual([
      ['video.link.open', 'denied', 'unknown'],
      ['video.link.open', 'denied', 'not-yet'],
      ['video.link.open', 'denied', 'expired'],
      ['video.link.open', 'denied', 'revoked'],
    ]);
    expect(rows[1]).toMatchObject({ entityId: early.id, icbId: tenancy.icbId, actorUserId: null });
  });

  it('camera and microphone are allowed to the video pages only (Permissions-Policy), and CSP stays strict', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/video?x=1' });
    expect(page.headers['permissions-policy']).toMatch(/^camera=\(self\), microphone=\(self\)/);
    const api = await open('A'.repeat(43));
    expect(api.headers['permissions-policy']).toMatch(/^camera=\(\), microphone=\(\)/);
    const other = await ctx.app.inject({ method: 'GET', url: '/caseload' });
    expect(other.headers['permissions-policy']).toMatch(/^camera=\(\), microphone=\(\)/);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it('refuses a malformed token with a 400 naming the field, auditing and changing nothing', async () => {
    const before = await lastAuditId();
    for (const token of ['short', 'not base64url!'.repeat(4), 42, undefined]) {
      const res = await open(token);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'token', message: 'must be the token from the link' }]);
    }
    expect(await auditSince(before)).toEqual([]);
  });
});

describe('re-sending and withdrawing the link', () => {
  let r: { id: string };
  let booked: Awaited<ReturnType<typeof bookVideo>>;
  beforeAll(async () => {
    r = await createVideoCase(ctx, tenancy, tom);
    booked = await bookVideo(ctx, tom, r.id);
  });
  const resendUrl = () => `/api/referrals/${r.id}/planned-contacts/${booked.plannedId}/video-link/resend`;
  const revokeUrl = () => `/api/referrals/${r.id}/planned-contacts/${booked.plannedId}/video-link/revoke`;

  it('re-sending texts a new link; the old one opens nothing', async () => {
    const before = await lastAuditId();
    const res = await post(tom, resendUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ sent: true, appointment: { id: booked.appointment.id, revoked: false } });
    const token = await textedToken(ctx, r.id);
    expect(token).not.toBe(booked.token);
    expect((await open(booked.token)).json()).toEqual({ status: 'unavailable' }); // its hash is gone: unknown
    expect((await open(token)).json().status).toBe('open');
    expect(await videoMessagesOf(r.id)).toHaveLength(2);
    expect((await auditSince(before)).slice(0, 1)).toEqual([
      expect.objectContaining({ action: 'video.link.resend', outcome: 'success', actorUserId: tom.id, entityId: r.id }),
    ]);
  });

  it('withdrawing kills the link until it is sent again; twice is a 409', async () => {
    const before = await lastAuditId();
    const res = await post(lead, revokeUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: booked.appointment.id, revoked: true });
    expect((await open(await textedToken(ctx, r.id))).json()).toEqual(DEAD);
    expect((await auditSince(before))[0]).toMatchObject({ action: 'video.link.revoke', actorUserId: lead.id });
    const again = await post(lead, revokeUrl());
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('This link was already withdrawn.');

    expect((await post(tom, resendUrl())).statusCode).toBe(200);
    expect((await open(await textedToken(ctx, r.id))).json().status).toBe('open');
  });

  it('only the case’s worker, cover or lead may: a colleague gets 403, another PCN 404, both audited, nothing changed', async () => {
    const row = await appointmentRow(ctx, booked.appointment.id);
    const before = await lastAuditId();
    const colleague = await post(hannah, revokeUrl());
    expect(colleague.statusCode).toBe(403);
    expect((await post(hannah, resendUrl())).statusCode).toBe(403);
    expect((await post(stranger, revokeUrl())).statusCode).toBe(404);
    expect((await get(stranger, `/api/referrals/${r.id}/video-appointments`)).statusCode).toBe(404);
    const rows = await auditSince(before);
    expect(rows.map((a) => [a.action, a.outcome, (a.details as { reason?: string }).reason])).toEqual([
      ['video.link.revoke', 'denied', 'forbidden'],
      ['video.link.resend', 'denied', 'forbidden'],
      ['video.link.revoke', 'denied', 'not_found'],
    ]);
    expect(await appointmentRow(ctx, booked.appointment.id)).toEqual(row);
  });

  it('a planned contact of the case that is not a video appointment, or of another case, is 404', async () => {
    const other = await createVideoCase(ctx, tenancy, tom);
    const res = await post(tom, `/api/referrals/${other.id}/planned-contacts/${booked.plannedId}/video-link/resend`);
    expect(res.statusCode).toBe(404);
    const bad = await post(tom, `/api/referrals/${r.id}/planned-contacts/not-a-uuid/video-link/resend`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'plannedId', message: 'must be a valid planned contact id' }]);
  });
});
