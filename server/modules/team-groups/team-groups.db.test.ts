import { and, count, eq, gt, max } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestListing } from '../directory/listings/test-listings.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { teamGroupAttendance, teamGroups } from './team-groups.tables.js';

const { ctx, tenancy, other, far, lead, coach, worker, otherLead, farLead } = setUpTestApp({
  tenancies: { other: 'same-icb', far: 'new-icb' },
  team: {
    lead: 'team_lead',
    coach: { role: 'health_coach', name: 'Aisha Khan' },
    worker: 'link_worker',
    otherLead: { role: 'team_lead', at: 'other' },
    farLead: { role: 'team_lead', at: 'far' },
  },
});

const call = (s: Session, method: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method: method as 'GET', url, headers: s.headers, payload: payload as object });
const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const auditSince = async (since: bigint, action: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, since), eq(auditEvents.action, action)));
const groupCount = async () => (await ctx.db.select({ n: count() }).from(teamGroups))[0]?.n ?? 0;

const groupBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Wednesday walk and talk',
  description: 'A gentle hour around the park, at the pace of the slowest walker.',
  schedule: 'Wednesdays, 10am to 11am',
  venue: 'Leazes Park bandstand',
  capacity: 12,
  directoryServiceId: null,
  staffIds: [],
  volunteerIds: [],
  ...extra,
});
let people = 0;
const openCase = (givenName = `Walker${++people}x${Date.now() % 100000}`) =>
  createTestReferral(ctx.db, tenancy, {
    ...triaged({ status: 'active', allocatedWorkerId: worker.id, allocatedAt: new Date() }),
    person: { givenName },
  });

describe('team-run groups', () => {
  it('a coach sets up a group linked to a directory listing, runs a session register with two people with cases, and both timelines show it', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Walk and talk (Central PCN)' });
    const created = await call(
      coach,
      'POST',
      '/api/team-groups',
      groupBody({ directoryServiceId: listing.id, staffIds: [coach.id] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json();
    expect(group.listing).toMatchObject({ id: listing.id, name: 'Walk and talk (Central PCN)' });
    expect(group.facilitators).toEqual([expect.objectContaining({ kind: 'staff', name: 'Aisha Khan' })]);

    const startsAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const withSession = await call(coach, 'POST', `/api/team-groups/${group.id}/sessions`, {
      startsAt,
      durationMinutes: 60,
    });
    expect(withSession.statusCode, withSession.body).toBe(201);
    const session = withSession.json().sessions[0];
    const again = await call(coach, 'POST', `/api/team-groups/${group.id}/sessions`, { startsAt, durationMinutes: 60 });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors.map((e: { field: string }) => e.field)).toEqual(['startsAt']);

    const name = `Registerperson${Date.now() % 100000}`;
    const [a, b] = [await openCase(name), await openCase()];
    const found = await call(coach, 'GET', `/api/team/open-cases?q=${encodeURIComponent(name)}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().map((c: { referralId: string }) => c.referralId)).toContain(a.id);

    const saved = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: [a.id, b.id],
      othersCount: 5,
      version: 1,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().attendees).toHaveLength(2);
    expect(saved.json().session).toMatchObject({ registerTaken: true, othersCount: 5, caseAttendances: 2 });

    for (const r of [a, b]) {
      const timeline = (await call(worker, 'GET', `/api/referrals/${r.id}/case`)).json().timeline;
      expect(timeline.filter((t: { kind: string }) => t.kind === 'group_attendance')).toEqual([
        expect.objectContaining({ groupName: 'Wednesday walk and talk', venue: 'Leazes Park bandstand', at: startsAt }),
      ]);
    }
    // The figures the lead reads on the groups page.
    const overview = (await call(lead, 'GET', '/api/team-groups')).json();
    expect(overview.groups.find((g: { id: string }) => g.id === group.id)).toMatchObject({
      sessionsHeld: 1,
      caseAttendances: 2,
      peopleWithCases: 2,
      otherAttendances: 5,
    });

    // A stale version is refused; a correction removes one person from the register and their timeline.
    const stale = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: [a.id],
      othersCount: 5,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const corrected = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: [a.id],
      othersCount: 6,
      version: 2,
    });
    expect(corrected.statusCode).toBe(200);
    const bTimeline = (await call(worker, 'GET', `/api/referrals/${b.id}/case`)).json().timeline;
    expect(bTimeline.filter((t: { kind: string }) => t.kind === 'group_attendance')).toEqual([]);

    // Reading the register (names) is audited.
    const before = await lastAuditId();
    expect((await call(lead, 'GET', `/api/team-groups/${group.id}/sessions/${session.id}`)).statusCode).toBe(200);
    expect(await auditSince(before, 'team-group.register-read')).toHaveLength(1);
  });

  it('a register naming a case of another PCN, a closed case or a bad id is refused naming the entry; nothing stored', async () => {
    const group = (await call(coach, 'POST', '/api/team-groups', groupBody({ name: 'Coffee morning' }))).json();
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const session = (
      await call(coach, 'POST', `/api/team-groups/${group.id}/sessions`, { startsAt, durationMinutes: 90 })
    ).json().sessions[0];
    const mine = await openCase();
    const closed = await createTestReferral(ctx.db, tenancy, triaged({ status: 'discharged' }));
    const theirs = await createTestReferral(ctx.db, other, triaged({ status: 'active' }));
    const res = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: [mine.id, closed.id, theirs.id],
      othersCount: 0,
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['referralIds.1', 'referralIds.2']);
    const bad = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: ['not-an-id'],
      othersCount: -1,
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['othersCount', 'referralIds.0']);
    const stored = await ctx.db.select().from(teamGroupAttendance).where(eq(teamGroupAttendance.sessionId, session.id));
    expect(stored).toEqual([]);
  });

  it('a register cannot be taken before the day of the session', async () => {
    const group = (await call(coach, 'POST', '/api/team-groups', groupBody({ name: 'Future group' }))).json();
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const session = (
      await call(coach, 'POST', `/api/team-groups/${group.id}/sessions`, { startsAt, durationMinutes: 60 })
    ).json().sessions[0];
    const res = await call(coach, 'PUT', `/api/team-groups/${group.id}/sessions/${session.id}/register`, {
      referralIds: [],
      othersCount: 3,
      version: 1,
    });
    expect(res.statusCode).toBe(409);
  });

  it.each([
    ['name', { name: '' }],
    ['capacity', { capacity: 0 }],
    ['venue', { venue: 'a'.repeat(301) }],
    ['directoryServiceId', { directoryServiceId: 'nope' }],
    ['staffIds.0', { staffIds: ['00000000-0000-4000-8000-000000000000'] }],
    ['volunteerIds.0', { volunteerIds: ['00000000-0000-4000-8000-000000000000'] }],
  ])('bad input → 400 naming %s, nothing stored', async (field, change) => {
    const before = await groupCount();
    const res = await call(coach, 'POST', '/api/team-groups', groupBody(change));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await groupCount()).toBe(before);
  });

  it("a listing of another ICB cannot be linked; another PCN's lead finds no group (404) and none in the list", async () => {
    const farListing = await createTestListing(ctx.db, far.icbId);
    const res = await call(coach, 'POST', '/api/team-groups', groupBody({ directoryServiceId: farListing.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'directoryServiceId', message: 'must be a listing in your directory' },
    ]);

    const group = (await call(coach, 'POST', '/api/team-groups', groupBody({ name: 'Home only' }))).json();
    expect((await call(otherLead, 'GET', `/api/team-groups/${group.id}`)).statusCode).toBe(404);
    expect((await call(farLead, 'GET', `/api/team-groups/${group.id}`)).statusCode).toBe(404);
    const list = (await call(otherLead, 'GET', '/api/team-groups')).json();
    expect(list.groups.map((g: { id: string }) => g.id)).not.toContain(group.id);
    const edit = await call(otherLead, 'PUT', `/api/team-groups/${group.id}`, {
      ...groupBody(),
      version: 1,
      closed: false,
    });
    expect(edit.statusCode).toBe(404);
  });

  it('volunteers of the PCN can facilitate; the group shows them', async () => {
    const v = (
      await call(lead, 'POST', '/api/volunteers', {
        name: 'Gwen Helper',
        email: null,
        phone: null,
        postcode: null,
        role: 'group_helper',
        availability: null,
        startedOn: '2025-01-01',
      })
    ).json();
    const group = await call(
      coach,
      'POST',
      '/api/team-groups',
      groupBody({ name: 'Helped group', volunteerIds: [v.id] }),
    );
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json().facilitators).toEqual([
      expect.objectContaining({ kind: 'volunteer', name: 'Gwen Helper', roleLabel: 'Volunteer: group helper' }),
    ]);
  });
});
