import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { createTestTeam, setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type TestUser } from '../../test/toolkit.js';
import { notifications, outbox } from '../notifications/notifications.tables.js';
import { practices } from '../organisations/organisations.tables.js';
import { referralEvents, referrals } from '../referrals/referrals.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { caseContacts, caseNotes, gpMessages } from './cases.tables.js';

const { ctx } = setUpTestApp();

async function createTeam() {
  const team = await createTestTeam(ctx, {
    tom: 'link_worker',
    hannah: 'health_coach',
    lead: { role: 'team_lead', caseloadCapacity: 0 },
    referrer: 'referrer',
  });
  return { ...team, tomS: team.tom, hannahS: team.hannah };
}
type Team = Awaited<ReturnType<typeof createTeam>>;

const { get, post } = requestsAs(ctx);
const referralRow = async (id: string) => (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0];
const contactsOf = (id: string) => ctx.db.select().from(caseContacts).where(eq(caseContacts.referralId, id));
const eventsOf = (id: string) => ctx.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const contact = (extra: Record<string, unknown> = {}) => ({
  at: hoursAgo(2),
  mode: 'phone',
  durationMinutes: 30,
  outcome: 'attended',
  notes: 'Talked about the walking group.',
  ...extra,
});

/** A referral allocated to Tom, triaged a day ago. */
const allocatedTo = (team: Team, worker: TestUser, extra = {}) =>
  createAllocatedReferral(ctx.db, team.tenancy, worker, extra);

describe('contacts', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  });

  it.each([
    ['at', { at: new Date(Date.now() + 3 * 3_600_000).toISOString() }, /future/],
    ['at', { at: 'yesterday' }, /date and time/],
    ['mode', { mode: 'carrier_pigeon' }, /one of/],
    ['durationMinutes', { durationMinutes: 0 }, /at least 1/],
    ['durationMinutes', { durationMinutes: 481 }, /at most 480/],
    ['durationMinutes', { durationMinutes: 12.5 }, /whole number/],
    ['outcome', { outcome: 'maybe' }, /one of/],
    ['notes', { notes: 'x'.repeat(4001) }, /at most 4000/],
  ])('bad %s → 400 naming the field, nothing stored', async (field, change, message) => {
    const r = await allocatedTo(team, team.tom);
    const res = await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact(change));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    expect(await contactsOf(r.id)).toHaveLength(0);
    expect(await referralRow(r.id)).toMatchObject({ status: 'allocated', version: r.version });
  });

  it('the first attended contact sets the first-contact milestone, coded; the next makes the case active', async () => {
    const r = await allocatedTo(team, team.tom);
    const missed = await post(
      team.tomS,
      `/api/referrals/${r.id}/contacts`,
      contact({ outcome: 'did_not_attend', at: hoursAgo(5) }),
    );
    expect(missed.statusCode).toBe(201);
    expect(await referralRow(r.id)).toMatchObject({ status: 'allocated', firstContactAt: null });

    const at = hoursAgo(3);
    const first = await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at, mode: 'face_to_face' }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'contact', mode: 'face_to_face', outcome: 'attended' });
    const row = await referralRow(r.id);
    expect(row).toMatchObject({ status: 'first_contact' });
    expect(row?.firstContactAt?.toISOString()).toBe(at);
    const milestone = (await eventsOf(r.id)).find((e) => e.type === 'first_contact');
    expect(milestone).toMatchObject({ toStatus: 'first_contact', snomedCode: '871731000000106' });

    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact());
    expect(await referralRow(r.id)).toMatchObject({ status: 'active' });
    expect((await referralRow(r.id))?.firstContactAt?.toISOString()).toBe(at);
    expect((await eventsOf(r.id)).filter((e) => e.type === 'first_contact')).toHaveLength(1);
    // An active case is still on the worker's caseload, with first contact made.
    const caseload = (await get(team.tomS, '/api/caseload')).json();
    expect(caseload.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({
      status: 'active',
      firstContactDue: 'made',
    });
  });

  it('a colleague in the PCN may read the case but not write to it (403); the lead may write', async () => {
    const r = await allocatedTo(team, team.tom);
    expect((await get(team.hannahS, `/api/referrals/${r.id}/case`)).statusCode).toBe(200);
    expect((await post(team.hannahS, `/api/referrals/${r.id}/contacts`, contact())).statusCode).toBe(403);
    expect((await post(team.hannahS, `/api/referrals/${r.id}/notes`, { body: 'x' })).statusCode).toBe(403);
    expect(await contactsOf(r.id)).toHaveLength(0);
    expect((await post(team.lead, `/api/referrals/${r.id}/notes`, { body: 'Called the practice.' })).statusCode).toBe(
      201,
    );
  });

  it('a worker of another PCN gets 404 for the case, its contacts and notes; a referrer has no case access (403)', async () => {
    const r = await allocatedTo(team, team.tom);
    const other = await createTeam();
    for (const s of [other.tomS, other.lead]) {
      expect((await get(s, `/api/referrals/${r.id}/case`)).statusCode).toBe(404);
      expect((await post(s, `/api/referrals/${r.id}/contacts`, contact())).statusCode).toBe(404);
      expect((await post(s, `/api/referrals/${r.id}/notes`, { body: 'x' })).statusCode).toBe(404);
    }
    expect((await get(team.referrer, `/api/referrals/${r.id}/case`)).statusCode).toBe(403);
    expect(await contactsOf(r.id)).toHaveLength(0);
    // Each refusal is audited as a denied attempt on the referral.
    const denied = (await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id))).filter(
      (a) => a.outcome === 'denied',
    );
    expect(denied.map((a) => a.action).sort()).toEqual([
      'case.contact-recorded',
      'case.contact-recorded',
      'case.note-added',
      'case.note-added',
      'case.read',
      'case.read',
    ]);
  });

  it('notes: empty or too long → 400 naming body; stored as typed and shown as text', async () => {
    const r = await allocatedTo(team, team.tom);
    for (const body of ['   ', 'x'.repeat(4001)]) {
      const res = await post(team.tomS, `/api/referrals/${r.id}/notes`, { body });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('body');
    }
    const html = '<img src=x onerror=alert(1)> likes gardening';
    expect((await post(team.tomS, `/api/referrals/${r.id}/notes`, { body: html })).statusCode).toBe(201);
    const notes = await ctx.db.select().from(caseNotes).where(eq(caseNotes.referralId, r.id));
    expect(notes.map((n) => n.body)).toEqual([html]);
  });
});

describe('the case timeline', () => {
  it('merges events, contacts and notes newest first, and the read is audited', async () => {
    const team = await createTeam();
    const r = await allocatedTo(team, team.tom);
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: hoursAgo(10), outcome: 'did_not_attend' }));
    await post(team.tomS, `/api/referrals/${r.id}/notes`, { body: 'Left a voicemail.' });
    const res = await get(team.tomS, `/api/referrals/${r.id}/case`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.referral.id).toBe(r.id);
    const kinds = body.timeline.map((t: { kind: string }) => t.kind);
    expect(kinds[0]).toBe('note');
    expect(kinds).toContain('contact');
    expect(kinds).toContain('event');
    const ats = body.timeline.map((t: { at: string }) => t.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(body.may).toEqual({ write: true, discharge: false, reassign: false });
    expect(body.contacts).toEqual({ total: 1, attended: 0 });
    const reads = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id));
    expect(reads.filter((a) => a.action === 'case.read' && a.actorUserId === team.tom.id)).toHaveLength(1);
  });
});

describe('handover', () => {
  it('keeps the whole history: the new worker reads the earlier contacts and notes, and is told', async () => {
    const team = await createTeam();
    const r = await allocatedTo(team, team.tom);
    await post(
      team.tomS,
      `/api/referrals/${r.id}/contacts`,
      contact({ at: hoursAgo(4), notes: 'Met at the library.' }),
    );
    await post(team.tomS, `/api/referrals/${r.id}/notes`, { body: 'Wants to try the choir.' });
    // Before the handover Hannah may read but not write.
    expect((await post(team.hannahS, `/api/referrals/${r.id}/notes`, { body: 'x' })).statusCode).toBe(403);

    const version = (await referralRow(r.id))?.version as number;
    // Only the lead hands over.
    const denied = await post(team.tomS, `/api/referrals/${r.id}/reassign`, {
      version,
      workerId: team.hannah.id,
      reason: 'x',
    });
    expect(denied.statusCode).toBe(403);
    const noReason = await post(team.lead, `/api/referrals/${r.id}/reassign`, { version, workerId: team.hannah.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');

    const res = await post(team.lead, `/api/referrals/${r.id}/reassign`, {
      version,
      workerId: team.hannah.id,
      reason: 'Low activation: coaching suits better',
    });
    expect(res.statusCode).toBe(200);
    expect(await referralRow(r.id)).toMatchObject({ status: 'active', allocatedWorkerId: team.hannah.id });
    const event = (await eventsOf(r.id)).at(-1);
    expect(event).toMatchObject({ type: 'reassigned', fromStatus: 'first_contact', toStatus: 'active' });
    expect(event?.details).toMatchObject({
      fromWorkerId: team.tom.id,
      reason: 'Low activation: coaching suits better',
    });

    const seen = (await get(team.hannahS, `/api/referrals/${r.id}/case`)).json();
    const contacts = seen.timeline.filter((t: { kind: string }) => t.kind === 'contact');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      notes: 'Met at the library.',
      actorName: expect.stringContaining('link worker'),
    });
    expect(seen.timeline.find((t: { kind: string }) => t.kind === 'note')?.body).toBe('Wants to try the choir.');
    expect(seen.may.write).toBe(true);
    // The previous worker no longer writes to it; the new one does.
    expect((await post(team.tomS, `/api/referrals/${r.id}/notes`, { body: 'x' })).statusCode).toBe(403);
    expect((await post(team.hannahS, `/api/referrals/${r.id}/notes`, { body: 'Hello from Hannah' })).statusCode).toBe(
      201,
    );
    const told = await ctx.db.select().from(notifications).where(eq(notifications.userId, team.hannah.id));
    expect(told.map((n) => n.link)).toContain(`/referrals/${r.id}/case`);

    // A stale version is a conflict; someone outside the team cannot be chosen.
    const stale = await post(team.lead, `/api/referrals/${r.id}/reassign`, {
      version,
      workerId: team.tom.id,
      reason: 'Back to Tom',
    });
    expect(stale.statusCode).toBe(409);
    const stranger = await createTestUser(ctx.db, await createTestTenancy(ctx.db), 'link_worker');
    const bad = await post(team.lead, `/api/referrals/${r.id}/reassign`, {
      version: version + 1,
      workerId: stranger.id,
      reason: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('workerId');
  });
});

describe('discharge and the message back to the GP', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
    await ctx.db
      .update(practices)
      .set({ email: 'practice.mailbox@test.example' })
      .where(eq(practices.id, team.tenancy.practiceId));
  });

  async function caseUnderWay() {
    const r = await allocatedTo(team, team.tom);
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: hoursAgo(30), mode: 'phone' }));
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: hoursAgo(20), mode: 'face_to_face' }));
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: hoursAgo(10), mode: 'face_to_face' }));
    await post(team.tomS, `/api/referrals/${r.id}/contacts`, contact({ at: hoursAgo(5), outcome: 'did_not_attend' }));
    return { r, version: (await referralRow(r.id))?.version as number };
  }

  it('creates the message back with the right codes; the practice reads it, another practice gets 404', async () => {
    const { r, version } = await caseUnderWay();
    const res = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version,
      reason: 'goals_met',
      summary: 'Joined the walking group and the choir; feels less alone.',
    });
    expect(res.statusCode).toBe(200);
    expect(await referralRow(r.id)).toMatchObject({ status: 'discharged', closureReason: 'goals_met' });
    const message = res.json();
    expect(message.codes).toEqual([
      expect.objectContaining({ system: 'http://snomed.info/sct', code: '871731000000106' }),
    ]);
    expect(message.offered).toMatchObject({
      contactsTotal: 4,
      attended: 3,
      byMode: [
        { mode: 'face_to_face', label: 'Face to face', count: 2 },
        { mode: 'phone', label: 'Phone', count: 1 },
      ],
    });
    expect(message.offered.attendedDates).toHaveLength(3);
    expect(message.onwardReferrals).toEqual([]);
    expect(message.outcomeChange).toBeNull();

    const read = await get(team.referrer, `/api/referrals/${r.id}/gp-message`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ dischargeReason: 'goals_met', summary: message.summary, codes: message.codes });
    expect((await get(team.lead, `/api/referrals/${r.id}/gp-message`)).statusCode).toBe(200);

    const other = await createTeam();
    expect((await get(other.referrer, `/api/referrals/${r.id}/gp-message`)).statusCode).toBe(404);
    expect((await get(other.lead, `/api/referrals/${r.id}/gp-message`)).statusCode).toBe(404);

    const emails = (await ctx.db.select().from(outbox)).filter((e) => e.payload.subject.includes('discharge summary'));
    const email = emails.find((e) => e.payload.to === 'practice.mailbox@test.example');
    expect(email?.payload.text).toMatch(/initials/);
    expect(email?.payload.text).not.toMatch(/walking group/);
  });

  it('the outcome change from baseline to discharge goes in the message', async () => {
    const { r, version } = await caseUnderWay();
    const measure = (timepoint: string, answer: number) =>
      post(team.tomS, `/api/referrals/${r.id}/measures`, {
        measure: 'ucla3',
        timepoint,
        answers: { ucla1: answer, ucla2: answer, ucla3: answer },
      });
    expect((await measure('baseline', 3)).statusCode).toBe(201);
    expect((await measure('discharge', 1)).statusCode).toBe(201);
    const res = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version,
      reason: 'goals_met',
      summary: 'Less lonely.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcomeChange).toEqual({
      measures: [
        {
          measure: 'ucla3',
          label: expect.stringContaining('UCLA'),
          indicators: [expect.objectContaining({ baseline: 9, latest: 3, direction: 'improved' })],
        },
      ],
    });
  });

  it('declined further support adds the "social prescribing declined" code', async () => {
    const { r, version } = await caseUnderWay();
    const res = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version,
      reason: 'declined_further_support',
      summary: 'Did not want to continue after two sessions.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().codes.map((c: { code: string }) => c.code)).toEqual(['871731000000106', '871711000000103']);
  });

  it('discharge of a referral that is not under way → 409, no message; a bad reason → 400', async () => {
    const r = await allocatedTo(team, team.tom);
    const res = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version: r.version,
      reason: 'goals_met',
      summary: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/allocated cannot be moved to discharged/);
    const bad = await post(team.tomS, `/api/referrals/${r.id}/discharge`, {
      version: r.version,
      reason: 'bored',
      summary: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('reason');
    expect(await ctx.db.select().from(gpMessages).where(eq(gpMessages.referralId, r.id))).toHaveLength(0);
    expect((await get(team.referrer, `/api/referrals/${r.id}/gp-message`)).statusCode).toBe(404);

    // Discharged once: a second discharge is a conflict too, and contacts are refused.
    const { r: done, version } = await caseUnderWay();
    const body = { version, reason: 'moved_away', summary: 'Moved to Leeds.' };
    expect((await post(team.tomS, `/api/referrals/${done.id}/discharge`, body)).statusCode).toBe(200);
    expect(
      (await post(team.tomS, `/api/referrals/${done.id}/discharge`, { ...body, version: version + 1 })).statusCode,
    ).toBe(409);
    expect((await post(team.tomS, `/api/referrals/${done.id}/contacts`, contact())).statusCode).toBe(409);
  });
});
