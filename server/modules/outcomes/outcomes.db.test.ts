import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser, type Session, signIn } from '../../test/toolkit.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { outcomeMeasures } from './outcomes.tables.js';

const { ctx, tenancy, worker } = setUpTestApp({ team: { worker: 'link_worker' } });
let workerId: string;
beforeAll(() => {
  workerId = worker.id;
});

const url = (id: string) => `/api/referrals/${id}/measures`;
const post = (s: Session, id: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url: url(id), headers: s.headers, payload });
const get = (s: Session, id: string) => ctx.app.inject({ method: 'GET', url: url(id), headers: { cookie: s.cookie } });
const rowsOf = (referralId: string) =>
  ctx.db.select().from(outcomeMeasures).where(eq(outcomeMeasures.referralId, referralId));

async function allocatedCase() {
  return createAllocatedReferral(ctx.db, tenancy, worker, { allocatedAt: new Date() });
}

/** Seven SWEMWBS answers summing to `raw`. */
function swemwbs(raw: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = raw - 7;
  for (let i = 1; i <= 7; i++) {
    const extra = Math.min(4, left);
    answers[`swemwbs${i}`] = 1 + extra;
    left -= extra;
  }
  return answers;
}

describe('POST and GET /api/referrals/:id/measures', () => {
  it('records a baseline and a review, and shows the change from baseline to latest', async () => {
    const r = await allocatedCase();
    const base = await post(worker, r.id, {
      measure: 'swemwbs',
      timepoint: 'baseline',
      administeredOn: '2026-01-05',
      answers: swemwbs(14),
    });
    expect(base.statusCode).toBe(201);
    expect(base.json()).toMatchObject({
      measure: 'swemwbs',
      timepoint: 'baseline',
      administeredOn: '2026-01-05',
      indicators: [{ key: 'metric', value: 15.32, band: 'Raw score 14' }],
    });
    const review = await post(worker, r.id, {
      measure: 'swemwbs',
      timepoint: 'review',
      administeredOn: '2026-03-02',
      answers: swemwbs(21),
    });
    expect(review.statusCode).toBe(201);
    const ons = await post(worker, r.id, {
      measure: 'ons4',
      timepoint: 'baseline',
      answers: { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
    });
    expect(ons.statusCode).toBe(201);

    const res = await get(worker, r.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const sw = body.measures.find((m: { measure: string }) => m.measure === 'swemwbs');
    expect(sw.recordings.map((x: { timepoint: string }) => x.timepoint)).toEqual(['baseline', 'review']);
    expect(sw.change.indicators).toEqual([
      expect.objectContaining({ baseline: 15.32, latest: 19.25, change: 3.93, direction: 'improved' }),
    ]);
    const o = body.measures.find((m: { measure: string }) => m.measure === 'ons4');
    expect(o.change).toBeNull(); // a baseline alone has nothing to compare with
    expect(o.recordings[0].indicators.map((i: { band: string }) => i.band)).toEqual(['Low', 'Medium', 'Low', 'High']);
    expect(o.recordings[0].recordedBy).toMatch(/^Test link worker/);

    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, r.id), eq(auditEvents.actorUserId, workerId)));
    expect(audit.filter((a) => a.action === 'outcome.record')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'outcome.read')).toHaveLength(1);
  });

  it('a bad or missing item → 400 naming each item, and nothing is stored', async () => {
    const r = await allocatedCase();
    const answers: Record<string, number> = { ...swemwbs(20), swemwbs3: 6 };
    delete answers.swemwbs5;
    const res = await post(worker, r.id, { measure: 'swemwbs', timepoint: 'baseline', answers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'answers.swemwbs3', message: 'must be 1 to 5' },
      { field: 'answers.swemwbs5', message: 'must be answered (1 to 5)' },
    ]);
    const ucla = await post(worker, r.id, {
      measure: 'ucla3',
      timepoint: 'baseline',
      answers: { ucla1: 1, ucla2: 4, ucla3: 2 },
    });
    expect(ucla.statusCode).toBe(400);
    expect(ucla.json().detail).toBe('answers.ucla2: must be 1 to 3');
    const pam = await post(worker, r.id, { measure: 'pam', timepoint: 'baseline', answers: { score: 101, level: 0 } });
    expect(pam.json().errors.map((e: { field: string }) => e.field)).toEqual(['answers.score', 'answers.level']);
    const future = await post(worker, r.id, {
      measure: 'ucla3',
      timepoint: 'baseline',
      administeredOn: '2199-01-01',
      answers: { ucla1: 1, ucla2: 1, ucla3: 1 },
    });
    expect(future.json().errors).toEqual([{ field: 'administeredOn', message: 'must not be in the future' }]);
    expect(await rowsOf(r.id)).toHaveLength(0);
  });

  it('a second baseline of the same measure → 409, and the first stays', async () => {
    const r = await allocatedCase();
    const first = await post(worker, r.id, {
      measure: 'pam',
      timepoint: 'baseline',
      answers: { score: 52.4, level: 2 },
    });
    expect(first.statusCode).toBe(201);
    const second = await post(worker, r.id, {
      measure: 'pam',
      timepoint: 'baseline',
      answers: { score: 60, level: 3 },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toMatch(/already has a baseline/);
    const rows = await rowsOf(r.id);
    expect(rows.map((x) => x.answers)).toEqual([{ score: 52.4, level: 2 }]);
  });

  it('any member of the PCN team (a coach covering, the lead) sees the same measures', async () => {
    const r = await allocatedCase();
    expect(
      (await post(worker, r.id, { measure: 'ucla3', timepoint: 'baseline', answers: { ucla1: 3, ucla2: 2, ucla3: 2 } }))
        .statusCode,
    ).toBe(201);
    const coach = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'health_coach'));
    const res = await get(coach, r.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().measures[0].recordings[0].indicators[0]).toMatchObject({ value: 7, band: 'Lonely' });
  });

  it('an unknown measure is refused, naming the field', async () => {
    const r = await allocatedCase();
    const res = await post(worker, r.id, { measure: 'phq9', timepoint: 'baseline', answers: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['measure']);
    expect(await rowsOf(r.id)).toHaveLength(0);
  });

  it("another PCN's worker gets 404 for both reading and recording", async () => {
    const r = await allocatedCase();
    const other = await createTestTenancy(ctx.db, tenancy.icbId);
    const stranger = await signIn(ctx, await createTestUser(ctx.db, other, 'link_worker'));
    const write = await post(stranger, r.id, {
      measure: 'ucla3',
      timepoint: 'baseline',
      answers: { ucla1: 1, ucla2: 1, ucla3: 1 },
    });
    expect(write.statusCode).toBe(404);
    expect((await get(stranger, r.id)).statusCode).toBe(404);
    expect(await rowsOf(r.id)).toHaveLength(0);
  });

  it('a referrer (practice) gets 403: the permission is the team’s', async () => {
    const r = await allocatedCase();
    const referrer = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'referrer'));
    const write = await post(referrer, r.id, {
      measure: 'ucla3',
      timepoint: 'baseline',
      answers: { ucla1: 1, ucla2: 1, ucla3: 1 },
    });
    expect(write.statusCode).toBe(403);
    expect((await get(referrer, r.id)).statusCode).toBe(403);
    expect(await rowsOf(r.id)).toHaveLength(0);
  });
});

describe('what the answers carry', () => {
  it('keeps the item answers on the server: the recording and the list carry the scores only', async () => {
    const r = await allocatedCase();
    const answers = { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 };
    const created = await post(worker, r.id, { measure: 'ons4', timepoint: 'baseline', answers });
    expect(created.statusCode).toBe(201);
    expect(created.json().indicators).toHaveLength(4);
    expect(created.json()).not.toHaveProperty('answers');
    const listed = (await get(worker, r.id)).json();
    expect(listed.measures[0].recordings[0].indicators).toHaveLength(4);
    expect(listed.measures[0].recordings[0]).not.toHaveProperty('answers');
    // Stored all the same: the score is worked out from them and they stay on the record.
    expect((await rowsOf(r.id)).map((row) => row.answers)).toEqual([answers]);
  });
});
