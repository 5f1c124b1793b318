import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { setUpTestApp } from '../../test/team.js';
import { waitUntil } from '../../test/toolkit.js';
import type { ContactReminderReport } from '../cases/cases.service.js';
import { plannedContacts } from '../cases/cases.tables.js';
import { residentMessages } from '../notifications/resident-messages.tables.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import {
  CONTACT_REMINDERS_CRON,
  CONTACT_REMINDERS_QUEUE,
  type ContactReminderJob,
  startContactReminderJob,
} from './contact-reminders-job.js';

// The day-before reminders' pg-boss job: scheduled in London time, and idempotent across runs.

const { ctx, tenancy, tom } = setUpTestApp({ team: { tom: { role: 'link_worker', signIn: false } } });

describe('reminders.contact-day-before job (pg-boss)', () => {
  let jobs: Jobs;
  let job: ContactReminderJob;
  const reports: ContactReminderReport[] = [];
  // 10:00 London on a winter day: tomorrow is 2026-12-08.
  const now = new Date('2026-12-07T10:00:00Z');

  beforeAll(async () => {
    jobs = await startJobs({
      url: ctx.database.url,
      log: pino({ level: 'silent' }),
      poolSize: 2,
      stopTimeoutMs: 5_000,
    });
    job = await startContactReminderJob({
      boss: jobs.boss,
      db: ctx.db,
      log: pino({ level: 'silent' }),
      pollingIntervalSeconds: 0.5,
      now: () => now,
      onRun: (r) => reports.push(r),
    });
  }, 60_000);
  afterAll(async () => {
    await job?.stop();
    await jobs?.stop();
  }, 30_000);

  it('is scheduled on the hour, 09:00 to 18:00 London time', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => ({ name: s.name, cron: s.cron, tz: s.options?.tz }))).toContainEqual({
      name: CONTACT_REMINDERS_QUEUE,
      cron: CONTACT_REMINDERS_CRON,
      tz: 'Europe/London',
    });
  });

  it('two runs queue one reminder for a contact planned tomorrow', async () => {
    const r = await createTestReferral(ctx.db, tenancy, {
      ...triaged({ status: 'allocated', allocatedWorkerId: tom.id, allocatedAt: new Date('2026-12-01T10:00:00Z') }),
      person: { preferredContact: 'text', phone: '07700 900601' },
    });
    await ctx.db.insert(plannedContacts).values({
      referralId: r.id,
      pcnId: tenancy.pcnId,
      plannedFor: new Date('2026-12-08T14:00:00Z'),
      mode: 'phone',
      createdByUserId: tom.id,
    });
    await job.trigger();
    await waitUntil(() => reports.length >= 1 || null, { what: 'the first run', timeoutMs: 15_000 });
    await job.trigger();
    await waitUntil(() => reports.length >= 2 || null, { what: 'the second run', timeoutMs: 15_000 });
    expect(reports[0]).toMatchObject({ queued: 1, alreadyQueued: 0 });
    expect(reports[1]).toMatchObject({ queued: 0, alreadyQueued: 1 });
    const messages = await ctx.db.select().from(residentMessages).where(eq(residentMessages.referralId, r.id));
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'contact_reminder',
        channel: 'sms',
        personalisation: expect.objectContaining({ date: 'Tuesday 8 December 2026', time: '2:00pm' }),
      }),
    ]);
  });
});
