import { and, count, eq, gt, max } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';
import { checkState } from './volunteers.service.js';
import { befriendingAssignments, volunteerHours, volunteers } from './volunteers.tables.js';

const { ctx, tenancy, lead, worker, coordinator, otherLead } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    lead: 'team_lead',
    worker: 'link_worker',
    coordinator: 'care_coordinator',
    otherLead: { role: 'team_lead', at: 'other' },
  },
});

const today = () => londonToday();
const call = (s: Session, method: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method: method as 'GET', url, headers: s.headers, payload: payload as object });
const details = (extra: Record<string, unknown> = {}) => ({
  name: 'Margaret Ellis',
  email: 'margaret.ellis@example.org',
  phone: '07700 900 123',
  postcode: 'ne1 4xx',
  role: 'befriender',
  availability: 'Tuesday and Thursday afternoons',
  startedOn: today(),
  ...extra,
});
const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;
const auditSince = async (since: bigint, action: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, since), eq(auditEvents.action, action)));
const volunteerCount = async () => (await ctx.db.select({ n: count() }).from(volunteers))[0]?.n ?? 0;

describe('volunteers', () => {
  it('the coordinator records a volunteer; the team reads the record and every read is audited', async () => {
    const created = await call(coordinator, 'POST', '/api/volunteers', details());
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json();
    expect(v).toMatchObject({ name: 'Margaret Ellis', postcode: 'NE1 4XX', roleLabel: 'Befriender', status: 'active' });

    const before = await lastAuditId();
    const read = await call(worker, 'GET', `/api/volunteers/${v.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ email: 'margaret.ellis@example.org', may: { manage: false } });
    expect(await auditSince(before, 'volunteer.read')).toHaveLength(1);
    const list = await call(worker, 'GET', '/api/volunteers');
    expect(list.json().map((x: { id: string }) => x.id)).toContain(v.id);
    expect(await auditSince(before, 'volunteer.list')).toHaveLength(1);
  });

  it("another PCN's lead gets 404 for the record, sees none in the list, and the refusal is audited", async () => {
    const v = (await call(lead, 'POST', '/api/volunteers', details({ name: 'Private Volunteer' }))).json();
    const before = await lastAuditId();
    const res = await call(otherLead, 'GET', `/api/volunteers/${v.id}`);
    expect(res.statusCode).toBe(404);
    const denied = await auditSince(before, 'volunteer.read');
    expect(denied.map((r) => r.outcome)).toEqual(['denied']);
    const list = await call(otherLead, 'GET', '/api/volunteers');
    expect(list.json().map((x: { id: string }) => x.id)).not.toContain(v.id);
    const edit = await call(otherLead, 'PUT', `/api/volunteers/${v.id}`, { ...details(), version: 1 });
    expect(edit.statusCode).toBe(404);
  });

  it('a link worker may read volunteers but not record them (403)', async () => {
    const res = await call(worker, 'POST', '/api/volunteers', details());
    expect(res.statusCode).toBe(403);
  });

  it.each([
    ['name', { name: '' }],
    ['email', { email: 'not an email' }],
    ['postcode', { postcode: 'XYZ' }],
    ['role', { role: 'captain' }],
    ['phone', { phone: 'call me maybe' }],
    ['startedOn', { startedOn: '2026-02-30' }],
    ['startedOn', { startedOn: '2199-01-01' }],
    ['availability', { availability: 'a'.repeat(501) }],
  ])('bad input → 400 naming %s, nothing stored', async (field, change) => {
    const before = await volunteerCount();
    const res = await call(lead, 'POST', '/api/volunteers', details(change));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await volunteerCount()).toBe(before);
  });

  it('records checks with expiry (expired flagged), hours, and an ending with its reason', async () => {
    const v = (
      await call(lead, 'POST', '/api/volunteers', details({ name: 'Check Person', startedOn: '2024-01-10' }))
    ).json();
    const dbs = await call(lead, 'POST', `/api/volunteers/${v.id}/checks`, {
      kind: 'dbs',
      detail: 'Enhanced',
      completedOn: '2024-01-05',
      expiresOn: '2025-01-05',
    });
    expect(dbs.statusCode).toBe(201);
    expect(dbs.json().checks[0]).toMatchObject({ kindLabel: 'DBS check', state: 'expired' });
    const badCheck = await call(lead, 'POST', `/api/volunteers/${v.id}/checks`, {
      kind: 'training',
      detail: null,
      completedOn: '2025-01-05',
      expiresOn: '2025-01-01',
    });
    expect(badCheck.statusCode).toBe(400);
    expect(badCheck.json().errors).toEqual([{ field: 'expiresOn', message: 'must be after the date it was done' }]);
    const list = (await call(lead, 'GET', '/api/volunteers')).json();
    expect(list.find((x: { id: string }) => x.id === v.id).expiredChecks).toBe(1);

    const hours = await call(lead, 'POST', `/api/volunteers/${v.id}/hours`, {
      workedOn: today(),
      minutes: 150,
      activity: 'Walking group helper',
    });
    expect(hours.statusCode).toBe(201);
    expect(hours.json().totalMinutes).toBe(150);
    const tooMany = await call(lead, 'POST', `/api/volunteers/${v.id}/hours`, {
      workedOn: today(),
      minutes: 900,
      activity: 'x',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors.map((e: { field: string }) => e.field)).toEqual(['minutes']);
    const stored = await ctx.db.select().from(volunteerHours).where(eq(volunteerHours.volunteerId, v.id));
    expect(stored).toHaveLength(1);

    const ended = await call(lead, 'POST', `/api/volunteers/${v.id}/end`, {
      endedOn: today(),
      reason: 'moved_away',
      version: v.version,
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endReasonLabel: 'Moved away', may: { manage: false } });
    const after = await call(lead, 'POST', `/api/volunteers/${v.id}/hours`, {
      workedOn: today(),
      minutes: 30,
      activity: 'After the end',
    });
    expect(after.statusCode).toBe(409);
  });

  it('a befriender assigned to a case shows on its timeline; ending it (or the volunteer) ends it there', async () => {
    const referral = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'active', allocatedWorkerId: worker.id, allocatedAt: new Date() }),
    );
    const v = (await call(lead, 'POST', '/api/volunteers', details({ name: 'Bea Friend' }))).json();
    // Not the case's worker: the coordinator may not change the case.
    const notYours = await call(coordinator, 'POST', `/api/volunteers/${v.id}/befriending`, {
      referralId: referral.id,
    });
    expect(notYours.statusCode).toBe(403);
    const started = await call(worker, 'POST', `/api/volunteers/${v.id}/befriending`, { referralId: referral.id });
    expect(started.statusCode).toBe(201);
    expect(started.json().befriending).toHaveLength(1);
    const twice = await call(worker, 'POST', `/api/volunteers/${v.id}/befriending`, { referralId: referral.id });
    expect(twice.statusCode).toBe(409);
    const elsewhere = await call(otherLead, 'POST', `/api/volunteers/${v.id}/befriending`, { referralId: referral.id });
    expect(elsewhere.statusCode).toBe(404);

    const timeline = (await call(worker, 'GET', `/api/referrals/${referral.id}/case`)).json().timeline;
    expect(timeline.filter((t: { kind: string }) => t.kind === 'befriending')).toEqual([
      expect.objectContaining({ volunteerName: 'Bea Friend', state: 'started' }),
    ]);

    const ended = await call(lead, 'POST', `/api/volunteers/${v.id}/end`, {
      endedOn: today(),
      reason: 'no_longer_available',
      version: 1,
    });
    expect(ended.statusCode).toBe(200);
    const rows = await ctx.db.select().from(befriendingAssignments).where(eq(befriendingAssignments.volunteerId, v.id));
    expect(rows.map((r) => r.endReason)).toEqual(['volunteer_unavailable']);
    const after = (await call(worker, 'GET', `/api/referrals/${referral.id}/case`)).json().timeline;
    expect(
      after.filter((t: { kind: string }) => t.kind === 'befriending').map((t: { state: string }) => t.state),
    ).toEqual(['ended', 'started']);
  });
});

describe('check state', () => {
  it('is expired on and after its expiry day, due soon within 30 days, else valid', () => {
    expect(checkState(null, '2026-06-01')).toBe('valid');
    expect(checkState('2026-06-01', '2026-06-01')).toBe('expired');
    expect(checkState('2026-06-30', '2026-06-01')).toBe('due_soon');
    expect(checkState('2026-07-02', '2026-06-01')).toBe('valid');
  });
});
