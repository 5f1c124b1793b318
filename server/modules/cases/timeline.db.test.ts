import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { timelinePresence } from './use-cases/timeline.js';

const {
  ctx,
  tenancy,
  tom,
  tom: tomS,
  coach: coachS,
} = setUpTestApp({
  team: { tom: { role: 'link_worker', name: 'Tom Okafor' }, coach: { role: 'health_coach', name: 'Priya Shah' } },
});

const { get } = requestsAs(ctx);
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: object) =>
  ctx.app.inject({ method, url, headers: s.headers, payload });

const plan = {
  whatMattersToMe: 'Getting back to my allotment',
  strengths: 'Good with my hands',
  needs: [],
  goals: [],
  actions: [],
  ifThingsGetWorse: 'Call the practice',
  agreedOn: null,
  reviewOn: null,
};
/** SWEMWBS raw 14 → metric 15.32. */
const swemwbs14 = { swemwbs1: 5, swemwbs2: 3, swemwbs3: 1, swemwbs4: 1, swemwbs5: 1, swemwbs6: 1, swemwbs7: 2 };

describe('the case timeline: plan versions and outcome measures', () => {
  it('shows a recorded measure and each saved plan version, newest first, with who did it', async () => {
    const r = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
    );
    const measure = await send(tomS, 'POST', `/api/referrals/${r.id}/measures`, {
      measure: 'swemwbs',
      timepoint: 'baseline',
      answers: swemwbs14,
    });
    expect(measure.statusCode).toBe(201);
    expect((await send(tomS, 'PUT', `/api/people/${r.personId}/care-plan`, { ...plan, version: 0 })).statusCode).toBe(
      200,
    );
    const v2 = await send(coachS, 'PUT', `/api/people/${r.personId}/care-plan`, {
      ...plan,
      strengths: 'Good with my hands; keen gardener',
      version: 1,
    });
    expect(v2.statusCode).toBe(200);

    const res = await get(tomS, `/api/referrals/${r.id}/case`);
    expect(res.statusCode).toBe(200);
    const timeline = res.json().timeline as { kind: string; id: string; at: string }[];
    const ours = timeline.filter((t) => t.kind === 'plan_version' || t.kind === 'outcome');
    expect(ours).toMatchObject([
      { kind: 'plan_version', version: 2, actorName: 'Priya Shah', personId: r.personId },
      { kind: 'plan_version', version: 1, actorName: 'Tom Okafor', personId: r.personId },
      {
        kind: 'outcome',
        actorName: 'Tom Okafor',
        referralId: r.id,
        measure: 'swemwbs',
        timepoint: 'baseline',
        indicators: [{ value: 15.32 }],
      },
    ]);
    const ats = timeline.map((t) => t.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // The allocation event comes before (below) everything recorded in the case.
    const allocated = timeline.findIndex((t) => t.kind === 'event');
    expect(allocated).toBeGreaterThan(timeline.findIndex((t) => t.kind === 'outcome'));
  });

  it('has no plan or measure entries before anything is recorded', async () => {
    const r = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: new Date() }),
    );
    const res = await get(tomS, `/api/referrals/${r.id}/case`);
    expect(res.statusCode).toBe(200);
    const kinds = res.json().timeline.map((t: { kind: string }) => t.kind);
    expect(kinds).not.toContain('plan_version');
    expect(kinds).not.toContain('outcome');
  });
});

describe('the case record asks once which sparse sources have anything', () => {
  const noneYet = {
    notes: false,
    plannedContacts: false,
    residentMessages: false,
    befriending: false,
    groupAttendance: false,
  };
  const scope = () => ({ kind: 'pcn' as const, icbId: tenancy.icbId, pcnId: tenancy.pcnId });

  it('says none for a new case, then exactly those a note and a booking added; both show on the timeline', async () => {
    const r = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
    );
    expect(await timelinePresence(ctx.db, scope(), r.id)).toEqual(noneYet);

    expect((await send(tomS, 'POST', `/api/referrals/${r.id}/notes`, { body: 'Called back' })).statusCode).toBe(201);
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const booked = await send(tomS, 'POST', `/api/referrals/${r.id}/planned-contacts`, { at, mode: 'phone' });
    expect(booked.statusCode).toBe(201);

    expect(await timelinePresence(ctx.db, scope(), r.id)).toEqual({ ...noneYet, notes: true, plannedContacts: true });
    // Another PCN's scope sees none of them, as its reads would not.
    const elsewhere = { kind: 'pcn' as const, icbId: tenancy.icbId, pcnId: randomUUID() };
    expect(await timelinePresence(ctx.db, elsewhere, r.id)).toEqual(noneYet);

    const res = await get(tomS, `/api/referrals/${r.id}/case`);
    expect(res.statusCode).toBe(200);
    const kinds = res.json().timeline.map((t: { kind: string }) => t.kind);
    expect(kinds).toContain('note');
    expect(kinds).toContain('planned_contact');
    expect(res.json().plannedContacts).toHaveLength(1);
  });
});
