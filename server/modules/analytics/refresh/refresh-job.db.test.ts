import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../../platform/jobs.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestTenancy, createTestUser, type TestTenancy } from '../../../test/toolkit.js';
import { RebuildFailed, type RebuildReport, refreshChanged, tidyRollups } from './rebuild.js';
import {
  ANALYTICS_REBUILD_CRON,
  ANALYTICS_REBUILD_QUEUE,
  ANALYTICS_REFRESH_CRON,
  ANALYTICS_REFRESH_QUEUE,
  type AnalyticsRefreshJob,
  startAnalyticsRefreshJob,
} from './refresh-job.js';
import { insertContact, insertPerson, insertPlan, insertReferral } from './test-data.js';

// The refresh as the app runs it: a pg-boss queue on a cron schedule, and a full rebuild queued
// by itself when the figures were never built.

let db: TestDatabase;
let jobs: Jobs;
let job: AnalyticsRefreshJob;
const runs: RebuildReport[][] = [];
let pcnA: string;
let pcnB: string;
const ids: Record<string, string> = {};

async function nextRun(after: number): Promise<RebuildReport[]> {
  const deadline = Date.now() + 20_000;
  while (runs.length <= after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const run = runs[after];
  if (!run) throw new Error('the refresh job did not run');
  return run;
}

/** A person and their self-referral, just received, in the tenancy's PCN. */
async function receivedReferral(tenancy: TestTenancy) {
  const person = await insertPerson(db.db, tenancy.icbId, { dob: '1970-01-01' });
  const referral = await insertReferral(db.db, tenancy, {
    personId: person,
    source: 'self',
    reasons: ['loneliness'],
    urgency: 'routine',
    status: 'received',
    receivedAt: '2026-04-02T09:00:00Z',
  });
  return { person, referral };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const a = await createTestTenancy(db.db);
  const b = await createTestTenancy(db.db, a.icbId);
  pcnA = a.pcnId;
  pcnB = b.pcnId;
  const worker = await createTestUser(db.db, a, 'link_worker');
  const { referral } = await receivedReferral(a);
  Object.assign(ids, { referral, worker: worker.id, icb: a.icbId });
  // Counted by the job's first (full) run, which nothing else has run before.
  await insertContact(db.db, {
    referralId: referral,
    pcnId: a.pcnId,
    workerId: worker.id,
    at: '2026-04-03T10:00:00Z',
    mode: 'phone',
    minutes: 25,
    outcome: 'attended',
  });
  jobs = await startJobs({ url: db.url, log: pino({ level: 'silent' }), poolSize: 2, stopTimeoutMs: 5_000 });
  job = await startAnalyticsRefreshJob({
    boss: jobs.boss,
    db: db.db,
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
    onRun: (r) => runs.push(r),
  });
}, 60_000);

afterAll(async () => {
  await job?.stop();
  await jobs?.stop();
  await db?.close();
}, 30_000);

describe('analytics.refresh job (pg-boss)', () => {
  it('is scheduled every minute, and the full rebuild every night', async () => {
    const schedules = (await jobs.boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron }));
    expect(schedules).toContainEqual({ name: ANALYTICS_REFRESH_QUEUE, cron: '* * * * *' });
    expect(schedules).toContainEqual({ name: ANALYTICS_REBUILD_QUEUE, cron: '45 3 * * *' });
    expect(ANALYTICS_REFRESH_CRON).toBe('* * * * *');
    expect(ANALYTICS_REBUILD_CRON).toBe('45 3 * * *');
  });

  it('holds a run left active by a dead instance for 15 minutes at most (the nightly rebuild an hour)', async () => {
    const expiry = async (name: string) => (await jobs.boss.getQueue(name))?.expireInSeconds;
    expect(await expiry(ANALYTICS_REFRESH_QUEUE)).toBe(15 * 60);
    expect(await expiry(ANALYTICS_REBUILD_QUEUE)).toBe(60 * 60);
  });

  it('builds every PCN by itself when the figures were never built', async () => {
    const first = await nextRun(0);
    expect(first.map((r) => r.pcnId).sort()).toEqual([pcnA, pcnB].sort());
    const contacts = await db.db.execute(sql`SELECT n, minutes FROM analytics_contacts WHERE pcn_id = ${pcnA}`);
    expect(contacts.rows).toEqual([{ n: 1, minutes: 25 }]);
  });

  it('rebuilds nothing when nothing changed', async () => {
    const before = runs.length;
    await job.trigger();
    expect(await nextRun(before)).toEqual([]);
  });
});

describe('a PCN whose figures cannot be built', () => {
  it('does not hold the other PCNs back, and the run fails so that it is logged and retried', async () => {
    // The job would race this test for the same changes.
    await job.stop();
    const c = await createTestTenancy(db.db, ids.icb);
    const worker = await createTestUser(db.db, c, 'link_worker');
    const { person } = await receivedReferral(c);
    // A "date agreed" that is no date (the API refuses it; an import might not) stops PCN C's build.
    await insertPlan(db.db, c, person, worker.id, [{ savedAt: '2026-04-03T10:00:00Z', agreedOn: '2026-02-30' }]);
    await db.db.execute(sql`
      INSERT INTO case_contacts (referral_id, pcn_id, at, mode, duration_minutes, outcome, recorded_by_user_id)
      VALUES (${ids.referral}, ${pcnA}, '2026-04-04T10:00:00Z', 'phone', 10, 'attended', ${ids.worker})`);

    const failed = await refreshChanged(db.db).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(RebuildFailed);
    expect((failed as RebuildFailed).errors).toHaveLength(1);
    expect((failed as RebuildFailed).reports.map((r) => r.pcnId)).toEqual([pcnA]);
    const contacts = await db.db.execute(sql`SELECT sum(n)::int AS n FROM analytics_contacts WHERE pcn_id = ${pcnA}`);
    expect(contacts.rows).toEqual([{ n: 2 }]);
    const built = await db.db.execute(sql`SELECT 1 FROM analytics_refreshes WHERE pcn_id = ${c.pcnId}`);
    expect(built.rows).toEqual([]);
  });
});

describe('the vacuum after a run of changed months', () => {
  it('vacuums the rollup tables on a session of its own, and gives every session back as it was', async () => {
    const vacuums = async () => {
      const result = await db.db.execute<{ n: number }>(
        sql`SELECT pg_stat_get_vacuum_count('analytics_counts'::regclass)::int AS n`,
      );
      return result.rows[0]?.n ?? 0;
    };
    const before = await vacuums();
    await tidyRollups(db.db, { giveWay: true });
    // Counted by the vacuuming session at once, read by another: a new snapshot of the statistics.
    await db.db.execute(sql`SELECT pg_stat_clear_snapshot()`);
    expect(await vacuums()).toBe(before + 1);
    // Every session the pool holds, at once: none kept the delay.
    const delays = await Promise.all(
      Array.from({ length: db.pool.options.max ?? 10 }, () =>
        db.pool.query<{ vacuum_cost_delay: string }>('SHOW vacuum_cost_delay'),
      ),
    );
    expect(new Set(delays.map((r) => r.rows[0]?.vacuum_cost_delay))).toEqual(new Set(['0']));
  });
});
