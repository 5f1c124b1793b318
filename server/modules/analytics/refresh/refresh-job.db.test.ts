import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../../platform/jobs.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestTenancy, createTestUser } from '../../../test/toolkit.js';
import type { RebuildReport } from './rebuild.js';
import {
  ANALYTICS_REFRESH_CRON,
  ANALYTICS_REFRESH_QUEUE,
  type AnalyticsRefreshJob,
  startAnalyticsRefreshJob,
} from './refresh-job.js';
import { insertContact, insertPerson, insertReferral } from './test-data.js';

// The refresh as the app runs it: a pg-boss queue on a cron schedule, and a full rebuild queued
// by itself when the figures were never built.

let db: TestDatabase;
let jobs: Jobs;
let job: AnalyticsRefreshJob;
const runs: RebuildReport[][] = [];
let pcnA: string;
let pcnB: string;

async function nextRun(after: number): Promise<RebuildReport[]> {
  const deadline = Date.now() + 20_000;
  while (runs.length <= after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const run = runs[after];
  if (!run) throw new Error('the refresh job did not run');
  return run;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const a = await createTestTenancy(db.db);
  const b = await createTestTenancy(db.db, a.icbId);
  pcnA = a.pcnId;
  pcnB = b.pcnId;
  const worker = await createTestUser(db.db, a, 'link_worker');
  const person = await insertPerson(db.db, a.icbId, { dob: '1970-01-01' });
  const referral = await insertReferral(db.db, a, {
    personId: person,
    source: 'self',
    reasons: ['loneliness'],
    urgency: 'routine',
    status: 'received',
    receivedAt: '2026-04-02T09:00:00Z',
  });
  // Not yet: the job's first (full) run must not find it already counted.
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
  it('is scheduled every minute', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => ({ name: s.name, cron: s.cron }))).toContainEqual({
      name: ANALYTICS_REFRESH_QUEUE,
      cron: '* * * * *',
    });
    expect(ANALYTICS_REFRESH_CRON).toBe('* * * * *');
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
