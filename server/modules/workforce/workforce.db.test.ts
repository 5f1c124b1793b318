import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { londonToday } from './workforce.service.js';
import { staffLeave } from './workforce.tables.js';

const {
  ctx,
  lead,
  worker,
  worker: workerSession,
  referrer,
  otherLead,
} = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    lead: 'team_lead',
    worker: { role: 'link_worker', name: 'Hannah Reid' },
    referrer: 'referrer',
    otherLead: { role: 'team_lead', at: 'other' },
  },
});

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = () => londonToday();
const list = (s: Session) => ctx.app.inject({ method: 'GET', url: '/api/team/leave', headers: { cookie: s.cookie } });
const create = (s: Session, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/team/leave', headers: s.headers, payload });
const leaveCount = async () => (await ctx.db.select().from(staffLeave).where(eq(staffLeave.userId, worker.id))).length;

describe('leave', () => {
  it('the lead records leave; the team sees it; the lead can cancel it', async () => {
    const res = await create(lead, {
      userId: worker.id,
      startsOn: today(),
      endsOn: addDays(today(), 4),
      reason: 'annual_leave',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Hannah Reid', reasonLabel: 'Annual leave', current: true });
    const seen = await list(workerSession);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().leave.map((l: { id: string }) => l.id)).toContain(res.json().id);

    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/team/leave/${res.json().id}`,
      headers: lead.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await list(lead)).json().leave.map((l: { id: string }) => l.id)).not.toContain(res.json().id);
  });

  it.each([
    ['endsOn', { startsOn: '2099-05-10', endsOn: '2099-05-09' }],
    ['endsOn', { startsOn: '2020-01-01', endsOn: '2020-01-02' }],
    ['startsOn', { startsOn: '2099-02-30', endsOn: '2099-03-02' }],
    ['reason', { reason: 'holiday' }],
    ['userId', { userId: 'nobody' }],
  ])('bad input → 400 naming %s, nothing stored', async (field, change) => {
    const before = await leaveCount();
    const res = await create(lead, {
      userId: worker.id,
      startsOn: '2099-06-01',
      endsOn: '2099-06-05',
      reason: 'training',
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await leaveCount()).toBe(before);
  });

  it('leave overlapping leave already recorded is refused (400 naming startsOn)', async () => {
    expect(
      (await create(lead, { userId: worker.id, startsOn: '2099-08-01', endsOn: '2099-08-10', reason: 'annual_leave' }))
        .statusCode,
    ).toBe(201);
    const res = await create(lead, {
      userId: worker.id,
      startsOn: '2099-08-10',
      endsOn: '2099-08-12',
      reason: 'training',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'startsOn', message: expect.stringMatching(/overlaps/) });
  });

  it("only the lead's own team: someone of another PCN is a 400; another PCN's leave is not found", async () => {
    const res = await create(otherLead, {
      userId: worker.id,
      startsOn: '2099-09-01',
      endsOn: '2099-09-02',
      reason: 'other',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('userId');
    const mine = await create(lead, {
      userId: worker.id,
      startsOn: '2099-10-01',
      endsOn: '2099-10-02',
      reason: 'other',
    });
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/team/leave/${mine.json().id}`,
      headers: otherLead.headers,
    });
    expect(del.statusCode).toBe(404);
    expect((await list(otherLead)).json().leave).toEqual([]);
  });

  it('a link worker may view but not record or cancel leave (403); a referrer may not view it (403)', async () => {
    const res = await create(workerSession, {
      userId: worker.id,
      startsOn: '2099-11-01',
      endsOn: '2099-11-02',
      reason: 'other',
    });
    expect(res.statusCode).toBe(403);
    const mine = await create(lead, {
      userId: worker.id,
      startsOn: '2099-12-01',
      endsOn: '2099-12-02',
      reason: 'other',
    });
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/team/leave/${mine.json().id}`,
      headers: workerSession.headers,
    });
    expect(del.statusCode).toBe(403);
    expect((await list(referrer)).statusCode).toBe(403);
  });
});
