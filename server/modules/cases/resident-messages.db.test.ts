import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { createTestTeam, setUpTestApp } from '../../test/team.js';
import type { TestUser } from '../../test/toolkit.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { plannedContacts } from './cases.tables.js';
import { appointmentPersonalisation, londonTomorrow, queueContactReminders } from './use-cases/resident-messages.js';

// Texts and emails to the person about planned contacts: the first-contact appointment, queued
// with the booking, and the reminder the day before. Synthetic people: Ofcom's drama-range
// numbers and example.org addresses.

const CALLBACK_TOKEN = 'timeline-test-callback-token';
const { ctx } = setUpTestApp({ config: { NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN } });
const { get, post } = requestsAs(ctx);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

type Team = Awaited<ReturnType<typeof createTestTeam<{ tom: 'link_worker' }>>>;
let team: Team;
beforeAll(async () => {
  team = await createTestTeam(ctx, { tom: 'link_worker' });
});

type Preference = { preferredContact: string; phone?: string | null; email?: string | null };
const caseFor = (worker: TestUser, person: Preference) =>
  createTestReferral(ctx.db, team.tenancy, {
    ...triaged({ status: 'allocated', allocatedWorkerId: worker.id, allocatedAt: new Date(Date.now() - DAY) }),
    person: { phone: null, email: null, ...person },
  });

const messagesOf = (referralId: string) =>
  ctx.db.select().from(residentMessages).where(eq(residentMessages.referralId, referralId));
const book = (referralId: string, body: Record<string, unknown> = {}) =>
  post(team.tom, `/api/referrals/${referralId}/planned-contacts`, { at: fromNow(3 * DAY), mode: 'phone', ...body });

describe('the first-contact appointment', () => {
  it("says the day and time in London's words, winter and summer", () => {
    expect(appointmentPersonalisation(new Date('2026-12-09T13:30:00Z'), 'video', 'Northshire Central PCN')).toEqual({
      date: 'Wednesday 9 December 2026',
      time: '1:30pm',
      how: 'by video',
      team: 'Northshire Central PCN',
    });
    expect(appointmentPersonalisation(new Date('2026-07-01T09:05:00Z'), 'home_visit', 'T')).toMatchObject({
      date: 'Wednesday 1 July 2026',
      time: '10:05am',
    });
  });

  it('is texted to someone who chose texts, with the date, time, how and team, in the booking', async () => {
    const r = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900401', email: 'both@example.org' });
    const at = fromNow(3 * DAY);
    expect((await book(r.id, { at, mode: 'face_to_face' })).statusCode).toBe(201);
    const messages = await messagesOf(r.id);
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'first_contact_appointment',
        channel: 'sms',
        recipient: '07700 900401',
        personId: r.personId,
        icbId: team.tenancy.icbId,
        status: 'queued',
        personalisation: appointmentPersonalisation(new Date(at), 'face_to_face', expect.any(String) as never),
      }),
    ]);
    expect(messages[0]?.personalisation.how).toBe('face to face');
    expect(messages[0]?.personalisation.team).toMatch(/\S/);
  });

  it('is emailed to someone who chose email', async () => {
    const r = await caseFor(team.tom, {
      preferredContact: 'email',
      phone: '07700 900402',
      email: 'resident@example.org',
    });
    await book(r.id);
    expect(await messagesOf(r.id)).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'resident@example.org' }),
    ]);
  });

  it.each([
    ['a phone call', { preferredContact: 'phone', phone: '07700 900403', email: 'phone@example.org' }],
    ['a letter', { preferredContact: 'letter', phone: '07700 900404', email: 'letter@example.org' }],
    ['texts but gave no number', { preferredContact: 'text', phone: null, email: 'nonumber@example.org' }],
  ])('is not sent to someone who chose %s', async (_what, person) => {
    const r = await caseFor(team.tom, person);
    expect((await book(r.id)).statusCode).toBe(201);
    expect(await messagesOf(r.id)).toEqual([]);
  });

  it('is not sent once the person has been met; a missed first appointment rebooked is', async () => {
    const met = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900405' });
    const contact = { at: fromNow(-2 * HOUR), mode: 'phone', durationMinutes: 30 };
    const attended = await post(team.tom, `/api/referrals/${met.id}/contacts`, {
      ...contact,
      outcome: 'attended',
      next: { at: fromNow(7 * DAY), mode: 'phone' },
    });
    expect(attended.statusCode).toBe(201);
    await book(met.id);
    expect(await messagesOf(met.id)).toEqual([]);

    const missed = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900406' });
    const dna = await post(team.tom, `/api/referrals/${missed.id}/contacts`, {
      ...contact,
      outcome: 'did_not_attend',
      next: { at: fromNow(7 * DAY), mode: 'video' },
    });
    expect(dna.statusCode).toBe(201);
    // By video, the person's one-time link to the call goes too (issue 15).
    const byKind = (await messagesOf(missed.id)).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind).toEqual([
      expect.objectContaining({
        kind: 'first_contact_appointment',
        personalisation: expect.objectContaining({ how: 'by video' }),
      }),
      expect.objectContaining({ kind: 'video_link' }),
    ]);
  });

  it('a booking refused (bad input) queues nothing', async () => {
    const r = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900407' });
    const res = await book(r.id, { at: fromNow(-HOUR) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'at' })]);
    expect(await messagesOf(r.id)).toEqual([]);
  });
});

describe('the reminder the day before a planned contact', () => {
  /** A planned contact straight into the table, at noon UTC (always the same London date) of `day`. */
  async function plannedOn(referralId: string, day: string, extra: Partial<typeof plannedContacts.$inferInsert> = {}) {
    const [row] = await ctx.db
      .insert(plannedContacts)
      .values({
        referralId,
        pcnId: team.tenancy.pcnId,
        plannedFor: new Date(`${day}T12:00:00Z`),
        mode: 'phone',
        createdByUserId: team.tom.id,
        ...extra,
      })
      .returning();
    return row as typeof plannedContacts.$inferSelect;
  }
  const remindersOf = (referralId: string) =>
    ctx.db
      .select()
      .from(residentMessages)
      .where(and(eq(residentMessages.referralId, referralId), eq(residentMessages.kind, 'contact_reminder')));

  it('one per planned contact tomorrow, however many runs; none for cancelled ones or people without texts or emails', async () => {
    const now = new Date();
    const tomorrow = londonTomorrow(now);
    const dayAfter = londonTomorrow(new Date(now.getTime() + DAY));
    const texted = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900408' });
    const emailed = await caseFor(team.tom, { preferredContact: 'email', email: 'reminder@example.org' });
    const phoned = await caseFor(team.tom, { preferredContact: 'phone', phone: '07700 900409' });
    const cancelled = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900410' });
    const later = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900411' });
    const closed = await createTestReferral(ctx.db, team.tenancy, {
      status: 'discharged',
      person: { preferredContact: 'text', phone: '07700 900412' },
    });
    const first = await plannedOn(texted.id, tomorrow, { mode: 'video' });
    await plannedOn(emailed.id, tomorrow);
    await plannedOn(phoned.id, tomorrow);
    await plannedOn(cancelled.id, tomorrow, { cancelledAt: new Date(), cancelledByUserId: team.tom.id });
    await plannedOn(later.id, dayAfter);
    await plannedOn(closed.id, tomorrow);

    const run1 = await queueContactReminders(ctx.db, { now });
    const run2 = await queueContactReminders(ctx.db, { now });
    expect(run1.queued).toBeGreaterThanOrEqual(2);
    expect(run2.queued).toBe(0);
    expect(run2.alreadyQueued).toBe(run1.queued + run1.alreadyQueued);

    const texts = await remindersOf(texted.id);
    expect(texts).toEqual([
      expect.objectContaining({
        channel: 'sms',
        recipient: '07700 900408',
        dedupeKey: `contact_reminder:${first.id}`,
        personalisation: expect.objectContaining({
          how: 'by video',
          date: expect.stringContaining(String(Number(tomorrow.slice(8)))),
        }),
      }),
    ]);
    expect(await remindersOf(emailed.id)).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'reminder@example.org' }),
    ]);
    for (const none of [phoned, cancelled, later, closed]) expect(await remindersOf(none.id)).toEqual([]);
  });

  it("takes tomorrow's contacts by London's midnight, in summer time too", async () => {
    const r = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900414' });
    const at = (iso: string) => plannedOn(r.id, '2000-01-01', { plannedFor: new Date(iso) });
    // Now: 10:00 BST on Monday 29 June 2026; tomorrow is Tuesday 30 June in London.
    const inside = [await at('2026-06-29T23:00:00Z'), await at('2026-06-30T22:59:00Z')]; // 00:00 and 23:59 BST
    await at('2026-06-29T22:59:00Z'); // 23:59 BST on the 29th: today
    await at('2026-06-30T23:00:00Z'); // 00:00 BST on 1 July: the day after
    await queueContactReminders(ctx.db, { now: new Date('2026-06-29T09:00:00Z') });
    expect((await remindersOf(r.id)).map((m) => m.dedupeKey).sort()).toEqual(
      inside.map((p) => `contact_reminder:${p.id}`).sort(),
    );
  });

  it("tomorrow is London's: late on a winter evening and across the clocks going forward", () => {
    expect(londonTomorrow(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): tomorrow is 2 July.
    expect(londonTomorrow(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-02');
    expect(londonTomorrow(new Date('2026-03-28T12:00:00Z'))).toBe('2026-03-29');
    expect(londonTomorrow(new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
  });
});

describe('on the case timeline', () => {
  it('shows each message: what, how and its status, updated by delivery receipts; never the number or words', async () => {
    const r = await caseFor(team.tom, { preferredContact: 'text', phone: '07700 900413' });
    await book(r.id);
    const messageItems = async () =>
      ((await get(team.tom, `/api/referrals/${r.id}/case`)).json().timeline as { kind: string }[]).filter(
        (t) => t.kind === 'resident_message',
      );
    const [queued] = await messageItems();
    expect(queued).toEqual({
      kind: 'resident_message',
      id: expect.stringMatching(/^message:/),
      at: expect.any(String),
      actorName: null,
      messageKind: 'first_contact_appointment',
      channel: 'sms',
      status: 'queued',
      sentAt: null,
      statusAt: null,
    });
    expect(JSON.stringify(queued)).not.toContain('900413');

    // Notify accepted it (the delivery job's write), then its receipt arrives.
    const notifyId = crypto.randomUUID();
    await ctx.db
      .update(residentMessages)
      .set({ status: 'sent', notifyId, sentAt: new Date(), statusAt: new Date() })
      .where(eq(residentMessages.referralId, r.id));
    const receipt = await ctx.app.inject({
      method: 'POST',
      url: '/api/notify/receipts',
      headers: { authorization: `Bearer ${CALLBACK_TOKEN}` },
      payload: {
        id: notifyId,
        reference: null,
        to: '07700900413',
        status: 'permanent-failure',
        created_at: '2026-12-06T10:00:00.000000Z',
        completed_at: '2026-12-06T10:00:05.000000Z',
        sent_at: '2026-12-06T10:00:01.000000Z',
        notification_type: 'sms',
      },
    });
    expect(receipt.statusCode).toBe(200);
    const [failed] = await messageItems();
    expect(failed).toMatchObject({ status: 'permanent-failure', statusAt: '2026-12-06T10:00:05.000Z' });
  });
});
