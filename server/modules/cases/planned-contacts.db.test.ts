import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { createTestTeam, setUpTestApp } from '../../test/team.js';
import type { Session, TestUser } from '../../test/toolkit.js';
import { referrals } from '../referrals/referrals.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { caseContacts, plannedContacts } from './cases.tables.js';

const { ctx } = setUpTestApp();

async function createTeam() {
  const team = await createTestTeam(ctx, {
    tom: 'link_worker',
    hannah: 'health_coach',
    lead: { role: 'team_lead', caseloadCapacity: 0 },
  });
  return { ...team, tomS: team.tom, hannahS: team.hannah };
}
type Team = Awaited<ReturnType<typeof createTeam>>;

const { get, post } = requestsAs(ctx);
const plannedOf = (id: string) => ctx.db.select().from(plannedContacts).where(eq(plannedContacts.referralId, id));
const contactsOf = (id: string) => ctx.db.select().from(caseContacts).where(eq(caseContacts.referralId, id));
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();
const contact = (extra: Record<string, unknown> = {}) => ({
  at: fromNow(-2 * HOUR),
  mode: 'phone',
  durationMinutes: 30,
  outcome: 'attended',
  ...extra,
});

/** The instant a London wall-clock time names (test helper; both offsets of the year are tried). */
function london(date: string, time: string): Date {
  for (const offset of ['+00:00', '+01:00']) {
    const d = new Date(`${date}T${time}:00${offset}`);
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(d);
    if (shown === time) return d;
  }
  throw new Error(`no such London time ${date} ${time}`);
}
const londonDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);

const allocatedTo = (team: Team, worker: TestUser) => createAllocatedReferral(ctx.db, team.tenancy, worker);

async function caseloadItem(s: Session, id: string) {
  const res = await get(s, '/api/caseload');
  expect(res.statusCode).toBe(200);
  return res.json().items.find((i: { id: string }) => i.id === id);
}

describe('planned contacts', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  });

  it('a booked contact shows on the caseload as the next contact: the earliest of two', async () => {
    const r = await allocatedTo(team, team.tom);
    expect((await caseloadItem(team.tomS, r.id)).nextContact).toBeNull();

    const later = fromNow(5 * DAY);
    const sooner = fromNow(2 * DAY);
    const first = await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: later, mode: 'video' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ at: later, mode: 'video', modeLabel: 'Video', purpose: null });
    const second = await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, {
      at: sooner,
      mode: 'home_visit',
      purpose: 'Go through the choir timetable together.',
    });
    expect(second.statusCode).toBe(201);

    expect((await caseloadItem(team.tomS, r.id)).nextContact).toEqual({
      at: sooner,
      mode: 'home_visit',
      overdue: false,
    });
    const record = (await get(team.tomS, `/api/referrals/${r.id}/case`)).json();
    expect(record.plannedContacts.map((p: { at: string }) => p.at)).toEqual([sooner, later]);
    expect(record.plannedContacts[0]).toMatchObject({
      mode: 'home_visit',
      purpose: 'Go through the choir timetable together.',
      createdByName: expect.stringMatching(/^Test link worker/),
    });
    const booked = record.timeline.filter((t: { kind: string }) => t.kind === 'planned_contact');
    expect(booked).toHaveLength(2);
    expect(booked.every((t: { state: string }) => t.state === 'open')).toBe(true);
    const audits = (await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id))).filter(
      (a) => a.action === 'case.contact-planned',
    );
    expect(audits).toHaveLength(2);
  });

  it.each([
    ['at', { at: fromNow(-HOUR) }, /must be in the future/],
    ['at', { at: fromNow(400 * DAY) }, /at most a year ahead/],
    ['at', { at: 'next tuesday' }, /date and time/],
    ['mode', { mode: 'carrier_pigeon' }, /one of/],
    ['purpose', { purpose: 'x'.repeat(501) }, /at most 500/],
  ])('bad %s → 400 naming the field, nothing stored', async (field, change, message) => {
    const r = await allocatedTo(team, team.tom);
    const res = await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, {
      at: fromNow(DAY),
      mode: 'phone',
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    expect(await plannedOf(r.id)).toHaveLength(0);
  });

  it('recording a contact settles the planned contacts up to the end of its UK day, not a later one', async () => {
    const r = await allocatedTo(team, team.tom);
    // Planned contacts straight into the table, so their times can be anything around the contact.
    const contactAt = new Date(Date.now() - 3 * DAY);
    const day = londonDate(contactAt);
    const nextDay = londonDate(new Date(london(day, '12:00').getTime() + DAY));
    const base = { referralId: r.id, pcnId: team.tenancy.pcnId, createdByUserId: team.tom.id, mode: 'phone' as const };
    const rows = await ctx.db
      .insert(plannedContacts)
      .values([
        { ...base, plannedFor: new Date(contactAt.getTime() - 2 * DAY) },
        { ...base, plannedFor: london(day, '23:59') },
        { ...base, plannedFor: london(nextDay, '00:00') },
        { ...base, plannedFor: new Date(Date.now() + 2 * DAY) },
      ])
      .returning();
    const [before, lateThatDay, midnightAfter, future] = rows.map((x) => x.id);

    const res = await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: contactAt.toISOString() }));
    expect(res.statusCode).toBe(201);
    const [recorded] = await contactsOf(r.id);
    const byId = new Map((await plannedOf(r.id)).map((p) => [p.id, p]));
    expect(byId.get(before as string)?.settledByContactId).toBe(recorded?.id);
    expect(byId.get(lateThatDay as string)?.settledByContactId).toBe(recorded?.id);
    expect(byId.get(midnightAfter as string)?.settledByContactId).toBeNull();
    expect(byId.get(future as string)?.settledByContactId).toBeNull();

    const item = await caseloadItem(team.tomS, r.id);
    // The one planned for midnight after the contact's day is still open, and now past.
    expect(item.nextContact).toEqual({ at: london(nextDay, '00:00').toISOString(), mode: 'phone', overdue: true });
    const timeline = (await get(team.tomS, `/api/referrals/${r.id}/case`)).json().timeline;
    const states = timeline
      .filter((t: { kind: string }) => t.kind === 'planned_contact')
      .map((t: { id: string; state: string }) => [t.id, t.state]);
    expect(new Map(states)).toEqual(
      new Map([
        [`planned:${before}`, 'settled'],
        [`planned:${lateThatDay}`, 'settled'],
        [`planned:${midnightAfter}`, 'open'],
        [`planned:${future}`, 'open'],
      ]),
    );
  });

  it('books the next contact with a recorded contact, after settling; a past next.at stores nothing at all', async () => {
    const r = await allocatedTo(team, team.tom);
    const bad = await post(
      team.tomS,
      `/api/referrals/${r.id}/contacts`,
      contact({ next: { at: fromNow(-DAY), mode: 'phone' } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'next.at', message: 'must be in the future' }]);
    const badMode = await post(
      team.tomS,
      `/api/referrals/${r.id}/contacts`,
      contact({ next: { at: fromNow(DAY), mode: 'telegram' } }),
    );
    expect(badMode.statusCode).toBe(400);
    expect(badMode.json().errors).toEqual([{ field: 'next.mode', message: expect.stringMatching(/one of/) }]);
    expect(await contactsOf(r.id)).toHaveLength(0);
    expect(await plannedOf(r.id)).toHaveLength(0);
    expect(await referralRow(r.id)).toMatchObject({ status: 'allocated', version: r.version });

    // A contact just now and the next one booked minutes later: settling comes first, so it stays open.
    const next = fromNow(2 * 60_000);
    const res = await post(
      team.tomS,
      `/api/referrals/${r.id}/contacts`,
      contact({ at: fromNow(-60_000), next: { at: next, mode: 'face_to_face', purpose: 'Walk to the library' } }),
    );
    expect(res.statusCode).toBe(201);
    expect(await referralRow(r.id)).toMatchObject({ status: 'first_contact' });
    const [planned] = await plannedOf(r.id);
    expect(planned).toMatchObject({
      mode: 'face_to_face',
      purpose: 'Walk to the library',
      settledByContactId: null,
      cancelledAt: null,
    });
    expect(planned?.plannedFor.toISOString()).toBe(next);
    expect((await caseloadItem(team.tomS, r.id)).nextContact).toMatchObject({ at: next, mode: 'face_to_face' });
  });

  it('cancels an open planned contact; cancelling it again is a conflict; an unknown one is 404', async () => {
    const r = await allocatedTo(team, team.tom);
    const booked = (
      await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' })
    ).json() as { id: string };
    const url = `/api/referrals/${r.id}/planned-contacts/${booked.id}/cancel`;
    const res = await post(team.tomS, url);
    expect(res.statusCode).toBe(200);
    const [row] = await plannedOf(r.id);
    expect(row?.cancelledAt).not.toBeNull();
    expect(row?.cancelledByUserId).toBe(team.tom.id);
    expect((await caseloadItem(team.tomS, r.id)).nextContact).toBeNull();
    expect((await get(team.tomS, `/api/referrals/${r.id}/case`)).json().plannedContacts).toEqual([]);

    expect((await post(team.tomS, url)).statusCode).toBe(409);
    const elsewhere = await allocatedTo(team, team.tom);
    expect(
      (await post(team.tomS, `/api/referrals/${elsewhere.id}/planned-contacts/${booked.id}/cancel`)).statusCode,
    ).toBe(404);
    const audits = (await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id))).filter(
      (a) => a.action === 'case.planned-contact-cancelled' && a.outcome !== 'denied',
    );
    expect(audits).toHaveLength(1);
  });

  it('a settled planned contact cannot be cancelled (409)', async () => {
    const r = await allocatedTo(team, team.tom);
    const [row] = await ctx.db
      .insert(plannedContacts)
      .values({
        referralId: r.id,
        pcnId: team.tenancy.pcnId,
        createdByUserId: team.tom.id,
        mode: 'phone',
        plannedFor: new Date(Date.now() - 4 * HOUR),
      })
      .returning();
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact());
    expect((await plannedOf(r.id))[0]?.settledByContactId).not.toBeNull();
    const res = await post(team.tomS, `/api/referrals/${r.id}/planned-contacts/${row?.id}/cancel`);
    expect(res.statusCode).toBe(409);
    expect((await plannedOf(r.id))[0]?.cancelledAt).toBeNull();
  });

  it('a worker of another PCN gets 404; a colleague who may not write gets 403; nothing changes', async () => {
    const r = await allocatedTo(team, team.tom);
    const booked = (
      await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' })
    ).json() as { id: string };
    const other = await createTeam();
    for (const s of [other.tomS, other.lead]) {
      expect(
        (await post(s, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' })).statusCode,
      ).toBe(404);
      expect((await post(s, `/api/referrals/${r.id}/planned-contacts/${booked.id}/cancel`)).statusCode).toBe(404);
    }
    expect(
      (await post(team.hannahS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' }))
        .statusCode,
    ).toBe(403);
    expect((await post(team.hannahS, `/api/referrals/${r.id}/planned-contacts/${booked.id}/cancel`)).statusCode).toBe(
      403,
    );
    const rows = await plannedOf(r.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cancelledAt).toBeNull();
    const denied = (await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id))).filter(
      (a) => a.outcome === 'denied',
    );
    expect(denied.map((a) => a.action).sort()).toEqual([
      'case.contact-planned',
      'case.contact-planned',
      'case.contact-planned',
      'case.planned-contact-cancelled',
      'case.planned-contact-cancelled',
      'case.planned-contact-cancelled',
    ]);
  });

  it('discharge cancels the open planned contacts of the case', async () => {
    const r = await allocatedTo(team, team.tom);
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact());
    await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' });
    await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(3 * DAY), mode: 'group' });
    const version = (await referralRow(r.id))?.version as number;
    const res = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version,
      reason: 'goals_met',
      summary: 'Goes to the choir every week.',
    });
    expect(res.statusCode).toBe(200);
    const rows = await plannedOf(r.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.cancelledAt).not.toBeNull();
      expect(row.cancelledByUserId).toBe(team.tom.id);
    }
    expect(
      (await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' }))
        .statusCode,
    ).toBe(409);
  });

  it('a person who declines, or cannot be contacted, at first contact keeps nothing booked', async () => {
    for (const outcome of ['declined', 'not_contactable'] as const) {
      const r = await allocatedTo(team, team.tom);
      await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' });
      const version = (await referralRow(r.id))?.version as number;
      const met = outcome === 'declined' ? { mode: 'phone', durationMinutes: 10 } : {};
      const res = await post(team.tomS, `/api/referrals/${r.id}/first-contact`, { version, outcome, ...met });
      expect(res.statusCode).toBe(200);
      const rows = await plannedOf(r.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.cancelledAt).not.toBeNull();
      const audit = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id));
      expect(audit.find((a) => a.action === 'case.planned-contact-cancelled')?.details).toMatchObject({
        reason: outcome,
      });
    }
  });

  it('is overdue on the caseload once its time has passed without a contact', async () => {
    const r = await allocatedTo(team, team.tom);
    const past = new Date(Date.now() - 2 * HOUR);
    await ctx.db.insert(plannedContacts).values({
      referralId: r.id,
      pcnId: team.tenancy.pcnId,
      createdByUserId: team.tom.id,
      mode: 'home_visit',
      plannedFor: past,
    });
    await post(team.tomS, `/api/referrals/${r.id}/planned-contacts`, { at: fromNow(DAY), mode: 'phone' });
    expect((await caseloadItem(team.tomS, r.id)).nextContact).toEqual({
      at: past.toISOString(),
      mode: 'home_visit',
      overdue: true,
    });
  });
});
