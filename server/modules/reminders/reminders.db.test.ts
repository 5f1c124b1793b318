import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_PLAN } from '../../../common/care-plan.js';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { carePlans, carePlanVersions } from '../care-plans/care-plans.tables.js';
import { caseContacts } from '../cases/cases.tables.js';
import { referrals } from '../referrals/referrals.tables.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';
import { runReminders } from './reminders.service.js';
import { reminderTasks } from './reminders.tables.js';
import {
  type DailyRunReport,
  REMINDERS_CRON,
  REMINDERS_QUEUE,
  type ReminderJob,
  startReminderJob,
} from './reminders-job.js';

const {
  ctx,
  tenancy,
  tom,
  tom: tomS,
  hannah,
  hannah: hannahS,
  referrer: referrerS,
} = setUpTestApp({ team: { tom: 'link_worker', hannah: 'health_coach', referrer: 'referrer' } });
const ids: Record<'overdue' | 'covered' | 'review' | 'discharged' | 'onTime', string> = {
  overdue: '',
  covered: '',
  review: '',
  discharged: '',
  onTime: '',
};

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);
const run = () => runReminders(ctx.db, { now: new Date(), noContactDays: 28 });
const tasksOf = (referralId: string) =>
  ctx.db.select().from(reminderTasks).where(eq(reminderTasks.referralId, referralId));
const { get, post } = requestsAs(ctx);

beforeAll(async () => {
  const allocated = (extra = {}) =>
    createTestReferral(
      ctx.db,
      tenancy,
      triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: daysAgo(20), ...extra }),
    );
  // Tom's first contact was due two days ago: overdue.
  ids.overdue = (await allocated({ firstContactDueAt: daysAgo(2) })).id;
  // Due in a day: not yet.
  ids.onTime = (await allocated({ firstContactDueAt: new Date(Date.now() + DAY) })).id;
  // Under way, last seen 30 days ago, covered by Hannah while Tom is away.
  ids.covered = (
    await allocated({
      status: 'active',
      firstContactAt: daysAgo(40),
      coverWorkerId: hannah.id,
      firstContactDueAt: daysAgo(45),
    })
  ).id;
  await ctx.db.insert(caseContacts).values([
    {
      referralId: ids.covered,
      pcnId: tenancy.pcnId,
      at: daysAgo(30),
      mode: 'phone',
      durationMinutes: 30,
      outcome: 'attended',
      recordedByUserId: tom.id,
    },
    // A missed appointment is not a contact made.
    {
      referralId: ids.covered,
      pcnId: tenancy.pcnId,
      at: daysAgo(3),
      mode: 'phone',
      durationMinutes: 30,
      outcome: 'did_not_attend',
      recordedByUserId: tom.id,
    },
  ]);
  // Seen recently, with a plan whose review date is today.
  const review = await allocated({ status: 'active', firstContactAt: daysAgo(5) });
  ids.review = review.id;
  const [plan] = await ctx.db
    .insert(carePlans)
    .values({ personId: review.personId, pcnId: tenancy.pcnId, currentVersion: 2 })
    .returning();
  const planId = (plan as { id: string }).id;
  await ctx.db.insert(carePlanVersions).values([
    { planId, version: 1, content: { ...EMPTY_PLAN, reviewOn: '2020-01-01' }, savedBy: tom.id },
    { planId, version: 2, content: { ...EMPTY_PLAN, reviewOn: londonToday() }, savedBy: tom.id },
  ]);
  // Discharged long ago, with every date passed: nothing.
  ids.discharged = (
    await allocated({
      status: 'discharged',
      firstContactDueAt: daysAgo(90),
      firstContactAt: daysAgo(80),
      closedAt: daysAgo(1),
    })
  ).id;
});

describe('the daily run', () => {
  it('creates each due task once, however often it runs', async () => {
    const first = await run();
    expect(first).toMatchObject({ today: londonToday(), due: 3, created: 3, withdrawn: 0 });
    expect(await run()).toMatchObject({ due: 3, created: 0, withdrawn: 0 });
    expect((await tasksOf(ids.overdue)).map((t) => [t.kind, t.userId])).toEqual([['first_contact_overdue', tom.id]]);
    expect((await tasksOf(ids.covered)).map((t) => [t.kind, t.userId])).toEqual([['no_recent_contact', hannah.id]]);
    expect((await tasksOf(ids.review)).map((t) => [t.kind, t.userId, t.dueOn])).toEqual([
      ['plan_review_due', tom.id, londonToday()],
    ]);
    expect(await tasksOf(ids.onTime)).toEqual([]);
    expect(await tasksOf(ids.discharged)).toEqual([]);
  });

  it('refuses a second open task for the same referral and kind at the database', async () => {
    await expect(
      ctx.db.insert(reminderTasks).values({
        userId: tom.id,
        referralId: ids.overdue,
        pcnId: tenancy.pcnId,
        kind: 'first_contact_overdue',
        dueOn: '2020-01-01',
      }),
    ).rejects.toThrow();
  });
});

describe('GET /api/tasks and POST /api/tasks/:id/done', () => {
  it('shows each worker only their own open tasks, with the person and a link target', async () => {
    const tomRes = await get(tomS, '/api/tasks');
    expect(tomRes.statusCode).toBe(200);
    const tomItems = tomRes.json().items as {
      referralId: string;
      kind: string;
      kindLabel: string;
      person: { givenName: string };
    }[];
    expect(tomItems.map((i) => [i.referralId, i.kind]).sort()).toEqual(
      [
        [ids.overdue, 'first_contact_overdue'],
        [ids.review, 'plan_review_due'],
      ].sort(),
    );
    expect(tomItems[0]?.person.givenName).toMatch(/^Given/);
    expect(tomItems.map((i) => i.kindLabel)).toContain('First contact overdue');
    const hannahItems = (await get(hannahS, '/api/tasks')).json().items as { referralId: string }[];
    expect(hannahItems.map((i) => i.referralId)).toEqual([ids.covered]);
  });

  it('is refused to a referrer (no caseload.read)', async () => {
    expect((await get(referrerS, '/api/tasks')).statusCode).toBe(403);
  });

  it('answers 404 when a worker marks a colleague’s task done, and changes nothing', async () => {
    const [task] = await tasksOf(ids.overdue);
    const res = await post(hannahS, `/api/tasks/${task?.id}/done`);
    expect(res.statusCode).toBe(404);
    expect((await tasksOf(ids.overdue))[0]?.doneAt).toBeNull();
    expect((await post(hannahS, '/api/tasks/00000000-0000-4000-8000-000000000000/done')).statusCode).toBe(404);
    expect((await post(hannahS, '/api/tasks/not-an-id/done')).statusCode).toBe(400);
  });

  it('marks the worker’s own task done; the same day’s run does not create it again', async () => {
    const [task] = await tasksOf(ids.overdue);
    const res = await post(tomS, `/api/tasks/${task?.id}/done`);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(task?.id);
    expect((await post(tomS, `/api/tasks/${task?.id}/done`)).statusCode).toBe(404);
    const listed = (await get(tomS, '/api/tasks')).json().items as { id: string }[];
    expect(listed.map((i) => i.id)).not.toContain(task?.id);
    expect(await run()).toMatchObject({ created: 0, withdrawn: 0 });
    const rows = await tasksOf(ids.overdue);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.doneAt).not.toBeNull();
  });

  it('moves an open task to the allocated worker when cover ends, and withdraws tasks that no longer apply', async () => {
    await ctx.db.update(referrals).set({ coverWorkerId: null }).where(eq(referrals.id, ids.covered));
    await ctx.db
      .update(referrals)
      .set({ status: 'discharged', closedAt: new Date() })
      .where(eq(referrals.id, ids.review));
    expect(await run()).toMatchObject({ created: 1, withdrawn: 2 });
    expect((await tasksOf(ids.covered)).map((t) => [t.userId, t.doneAt])).toEqual([[tom.id, null]]);
    expect(await tasksOf(ids.review)).toEqual([]);
    expect((await get(hannahS, '/api/tasks')).json().items).toEqual([]);
    const open = await ctx.db
      .select()
      .from(reminderTasks)
      .where(and(eq(reminderTasks.userId, tom.id), eq(reminderTasks.kind, 'no_recent_contact')));
    expect(open).toHaveLength(1);
  });
});

describe('reminders.daily job (pg-boss)', () => {
  let jobs: Jobs;
  let job: ReminderJob;
  const reports: DailyRunReport[] = [];

  beforeAll(async () => {
    jobs = await startJobs({
      url: ctx.database.url,
      log: pino({ level: 'silent' }),
      poolSize: 2,
      stopTimeoutMs: 5_000,
    });
    job = await startReminderJob({
      boss: jobs.boss,
      db: ctx.db,
      config: { REMINDER_NO_CONTACT_DAYS: 28 },
      log: pino({ level: 'silent' }),
      pollingIntervalSeconds: 0.5,
      onRun: (r) => reports.push(r),
    });
  }, 60_000);
  afterAll(async () => {
    await job?.stop();
    await jobs?.stop();
  }, 30_000);

  it('is scheduled daily at 07:00 London time', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => ({ name: s.name, cron: s.cron, tz: s.options?.tz }))).toContainEqual({
      name: REMINDERS_QUEUE,
      cron: REMINDERS_CRON,
      tz: 'Europe/London',
    });
    expect(REMINDERS_CRON).toBe('0 7 * * *');
  });

  it('runs the reminder scan when the job fires', async () => {
    await job.trigger();
    const deadline = Date.now() + 15_000;
    while (reports.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The same morning's run also ends organisations' access (nothing to end in this file).
    expect(reports[0]).toMatchObject({ today: londonToday(), created: 0, accessEnded: 0 });
  });
});
