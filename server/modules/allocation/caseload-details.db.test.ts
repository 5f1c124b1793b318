import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session, TestUser } from '../../test/toolkit.js';
import { firstPlanBody } from '../care-plans/test-plans.js';
import { createAllocatedReferral, type triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';

const {
  ctx,
  tenancy,
  lead,
  lead: leadS,
  tom,
  tom: tomS,
  hannah,
} = setUpTestApp({
  team: {
    lead: { role: 'team_lead', name: 'Lena Lead', caseloadCapacity: 0 },
    tom: { role: 'link_worker', name: 'Tom Okafor', fte: '0.60', caseloadCapacity: 30 },
    hannah: { role: 'health_coach', name: 'Hannah Reid', signIn: false },
  },
});

const DAY = 86_400_000;
const { get } = requestsAs(ctx);
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: object) =>
  ctx.app.inject({ method, url, headers: s.headers, payload });
const allocatedTo = (worker: TestUser, extra: Parameters<typeof triaged>[0] = {}) =>
  createAllocatedReferral(ctx.db, tenancy, worker, extra);
const plan = firstPlanBody;
const daysFromToday = (n: number) => {
  const d = new Date(`${londonToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** SWEMWBS raw 14 → metric 15.32; raw 21 → 19.25 (the official table). */
const swemwbs14 = { swemwbs1: 5, swemwbs2: 3, swemwbs3: 1, swemwbs4: 1, swemwbs5: 1, swemwbs6: 1, swemwbs7: 2 };
const swemwbs21 = { swemwbs1: 3, swemwbs2: 3, swemwbs3: 3, swemwbs4: 3, swemwbs5: 3, swemwbs6: 3, swemwbs7: 3 };

describe('GET /api/caseload: plan review, latest scores, last contact', () => {
  it('carries the plan review due, the latest recording per measure and the last attended contact', async () => {
    const overdue = await allocatedTo(tom);
    const soon = await allocatedTo(tom);
    const bare = await allocatedTo(tom);
    expect(
      (await send(tomS, 'PUT', `/api/people/${overdue.personId}/care-plan`, plan(daysFromToday(-3)))).statusCode,
    ).toBe(200);
    expect((await send(tomS, 'PUT', `/api/people/${soon.personId}/care-plan`, plan(daysFromToday(5)))).statusCode).toBe(
      200,
    );

    const m = (payload: object) => send(tomS, 'POST', `/api/referrals/${overdue.id}/measures`, payload);
    expect(
      (await m({ measure: 'swemwbs', timepoint: 'baseline', administeredOn: daysFromToday(-20), answers: swemwbs14 }))
        .statusCode,
    ).toBe(201);
    expect(
      (await m({ measure: 'swemwbs', timepoint: 'review', administeredOn: daysFromToday(-1), answers: swemwbs21 }))
        .statusCode,
    ).toBe(201);
    expect((await m({ measure: 'pam', timepoint: 'baseline', answers: { score: 52.4, level: 2 } })).statusCode).toBe(
      201,
    );
    expect(
      (await m({ measure: 'ucla3', timepoint: 'baseline', answers: { ucla1: 2, ucla2: 3, ucla3: 2 } })).statusCode,
    ).toBe(201);

    const attendedAt = new Date(Date.now() - 5 * 3_600_000).toISOString();
    const c = (at: string, outcome: string) =>
      send(tomS, 'POST', `/api/referrals/${overdue.id}/contacts`, { at, mode: 'phone', durationMinutes: 20, outcome });
    expect((await c(new Date(Date.now() - 30 * 3_600_000).toISOString(), 'attended')).statusCode).toBe(201);
    expect((await c(attendedAt, 'attended')).statusCode).toBe(201);
    // A missed appointment is not a contact made.
    expect((await c(new Date(Date.now() - 3_600_000).toISOString(), 'did_not_attend')).statusCode).toBe(201);

    const res = await get(tomS, '/api/caseload');
    expect(res.statusCode).toBe(200);
    const byId = (id: string) => res.json().items.find((i: { id: string }) => i.id === id);

    expect(byId(overdue.id).planReview).toEqual({ on: daysFromToday(-3), due: 'overdue' });
    expect(byId(soon.id).planReview).toEqual({ on: daysFromToday(5), due: 'due' });
    expect(byId(bare.id).planReview).toEqual({ on: null, due: 'none' });

    expect(byId(overdue.id).latestScores).toMatchObject([
      { measure: 'swemwbs', timepoint: 'review', indicators: [{ key: 'metric', value: 19.25 }] },
      { measure: 'ucla3', timepoint: 'baseline', indicators: [{ key: 'total', value: 7 }] },
      {
        measure: 'pam',
        timepoint: 'baseline',
        indicators: [{ key: 'score', value: 52.4, band: expect.stringMatching(/2/) }],
      },
    ]);
    expect(byId(soon.id).latestScores).toEqual([]);

    expect(byId(overdue.id).lastContactAt).toBe(attendedAt);
    expect(byId(bare.id).lastContactAt).toBeNull();
  });
});

describe('GET /api/team/caseloads', () => {
  it("lists every member's cases against capacity × FTE, and the read is audited", async () => {
    const tomCase = await allocatedTo(tom, { firstContactDueAt: new Date(Date.now() - DAY) });
    const hannahCase = await allocatedTo(hannah);
    const res = await get(leadS, '/api/team/caseloads');
    expect(res.statusCode).toBe(200);
    const members = res.json().members as {
      id: string;
      capacity: number;
      workingCases: number;
      cases: { id: string; firstContactDue: string; person: { givenName: string } }[];
    }[];
    const tomRow = members.find((m) => m.id === tom.id);
    expect(tomRow).toMatchObject({ name: 'Tom Okafor', fte: 0.6, caseloadCapacity: 30, capacity: 18 });
    expect(tomRow?.workingCases).toBe(tomRow?.cases.length);
    expect(tomRow?.cases.find((c) => c.id === tomCase.id)).toMatchObject({
      firstContactDue: 'overdue',
      status: 'allocated',
    });
    expect(tomRow?.cases.find((c) => c.id === tomCase.id)?.person.givenName).toBeTruthy();
    const hannahRow = members.find((m) => m.id === hannah.id);
    expect(hannahRow).toMatchObject({ name: 'Hannah Reid', capacity: 30 });
    expect(hannahRow?.cases.map((c) => c.id)).toEqual([hannahCase.id]);
    expect(members.find((m) => m.id === lead.id)).toMatchObject({ capacity: 0, cases: [] });
    const reads = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'team.caseloads-read'), eq(auditEvents.actorUserId, lead.id)));
    expect(reads).toHaveLength(1);
  });

  it('refuses a link worker (403), who may read only their own caseload', async () => {
    const res = await get(tomS, '/api/team/caseloads');
    expect(res.statusCode).toBe(403);
  });
});
