import { eq } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { createRealtimeHub, type RealtimeHub } from '../../platform/realtime-hub.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { freePort } from '../../test/free-port.js';
import { waitUntil } from '../../test/toolkit.js';
import { createSmtpMailer, type Mailer } from './mailer.js';
import { queueEmail } from './notifications.service.js';
import { outbox } from './notifications.tables.js';
import { DEFAULT_RETRY_BASE_MS, deliverOutbox } from './outbox.js';
import { OUTBOX_DELIVER_CRON, OUTBOX_DELIVER_QUEUE, type OutboxDelivery, startOutboxDelivery } from './outbox-job.js';

// The transactional outbox against a real PostgreSQL and a real SMTP server on a loopback
// port (the `smtp-server` package), which the tests stop and start like a mail server outage.

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP capture that can be stopped and started again on the same port. */
class SmtpCapture {
  readonly received: Received[] = [];
  private server: SMTPServer | null = null;
  /** Slows each delivery down, so that concurrent runs really overlap. */
  delayMs = 0;
  constructor(readonly port: number) {}

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          setTimeout(() => {
            const envelope = session.envelope;
            this.received.push({
              from: envelope.mailFrom ? envelope.mailFrom.address : '',
              to: envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('utf8'),
            });
            callback();
          }, this.delayMs);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();
const body = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4).trim();

interface LogLine {
  level: string;
  msg: string;
}
function recordingLog() {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      const msg = args.find((a) => typeof a === 'string');
      lines.push({ level, msg: typeof msg === 'string' ? msg : '' });
    };
  const log = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  return { lines, log: log as unknown as pino.Logger };
}

let database: TestDatabase;
let smtp: SmtpCapture;
let mailer: Mailer;
const silent = pino({ level: 'silent' });

const rowsOf = () => database.db.select().from(outbox).orderBy(outbox.id);
const rowById = async (id: number) => (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const queue = async (email: { to: string; subject: string; text: string }): Promise<number> => {
  await database.db.transaction((tx) => queueEmail(tx, email));
  const rows = await rowsOf();
  return (rows[rows.length - 1] as { id: number }).id;
};
/** Marks everything queued so far as sent, so each test starts with an empty queue. */
const clearOutbox = () => database.db.update(outbox).set({ sentAt: new Date() });

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = new SmtpCapture(await freePort());
  mailer = createSmtpMailer({ url: smtp.url, from: 'Waymark <no-reply@waymark.example>', timeoutMs: 3_000 });
});
afterEach(async () => {
  await smtp.stop();
  smtp.received.length = 0;
  smtp.delayMs = 0;
  await clearOutbox();
});
afterAll(async () => {
  mailer?.close();
  await smtp?.stop();
  await database?.close();
});

const deliver = (opts: { retryBaseMs?: number; mailer?: Mailer | null; log?: pino.Logger } = {}) =>
  deliverOutbox(database.db, {
    mailer: opts.mailer === undefined ? mailer : opts.mailer,
    log: opts.log ?? silent,
    messageIdDomain: 'waymark.example',
    retryBaseMs: opts.retryBaseMs,
  });

describe('outbox delivery', () => {
  it('the outbox delivers after the SMTP server comes back: kept while it is down, sent exactly once after', async () => {
    const email = {
      to: 'practice.manager@gp.example',
      subject: 'Referral accepted',
      text: 'The social prescribing team has accepted your referral.',
    };
    const id = await queue(email);

    // The mail server is down: the attempt fails, the email stays with the reason.
    const down = await deliver({ retryBaseMs: 0 });
    expect(down).toEqual({ sent: 0, failed: 1, notConfigured: 0 });
    const kept = await rowById(id);
    expect(kept).toMatchObject({ attempts: 1, sentAt: null, payload: email });
    expect(kept?.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(smtp.received).toHaveLength(0);

    // Back up: the next run sends it, once.
    await smtp.start();
    const up = await deliver({ retryBaseMs: 0 });
    expect(up).toEqual({ sent: 1, failed: 0, notConfigured: 0 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.from).toBe('no-reply@waymark.example');
    expect(message?.to).toEqual([email.to]);
    expect(header(message?.raw ?? '', 'To')).toBe(email.to);
    expect(header(message?.raw ?? '', 'Subject')).toBe(email.subject);
    expect(header(message?.raw ?? '', 'Message-ID')).toMatch(new RegExp(`^<outbox-${id}-\\d+@waymark\\.example>$`));
    expect(body(message?.raw ?? '')).toBe(email.text);
    const sent = await rowById(id);
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(sent).toMatchObject({ attempts: 2, lastError: null });

    // A later run sends nothing more.
    expect(await deliver({ retryBaseMs: 0 })).toEqual({ sent: 0, failed: 0, notConfigured: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('backs off: a failed email is not tried again before its next attempt time', async () => {
    const id = await queue({ to: 'a@gp.example', subject: 'Backoff', text: 'x' });
    await deliver(); // default backoff, server down
    const failed = await rowById(id);
    expect(failed?.attempts).toBe(1);
    const waitMs = (failed?.nextAttemptAt.getTime() ?? 0) - (failed?.createdAt.getTime() ?? 0);
    expect(waitMs).toBeGreaterThanOrEqual(DEFAULT_RETRY_BASE_MS - 5_000);

    await smtp.start();
    expect(await deliver()).toEqual({ sent: 0, failed: 0, notConfigured: 0 });
    expect((await rowById(id))?.attempts).toBe(1);
    expect(smtp.received).toHaveLength(0);

    // Once the time has come (moved here rather than waited for), it goes.
    await database.db
      .update(outbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(outbox.id, id));
    expect((await deliver()).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('stops a run at the first connection failure instead of spending an attempt on every email', async () => {
    const ids = [
      await queue({ to: 'a@gp.example', subject: 'One', text: '1' }),
      await queue({ to: 'b@gp.example', subject: 'Two', text: '2' }),
    ];
    expect(await deliver({ retryBaseMs: 0 })).toEqual({ sent: 0, failed: 1, notConfigured: 0 });
    expect((await rowById(ids[0] as number))?.attempts).toBe(1);
    expect((await rowById(ids[1] as number))?.attempts).toBe(0);
  });

  it('queues nothing when the transaction that queued the email rolls back', async () => {
    await smtp.start();
    await database.db
      .transaction(async (tx) => {
        await queueEmail(tx, { to: 'rolled.back@gp.example', subject: 'Never', text: 'never' });
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect((await rowsOf()).filter((r) => r.payload.to === 'rolled.back@gp.example')).toEqual([]);
    expect((await deliver()).sent).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('never sends an email twice, even with runs on several instances at once', async () => {
    await smtp.start();
    smtp.delayMs = 20;
    const subjects = Array.from({ length: 12 }, (_, i) => `Concurrent ${i}`);
    for (const subject of subjects) await queue({ to: 'c@gp.example', subject, text: subject });
    const reports = await Promise.all([deliver(), deliver(), deliver()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(subjects.length);
    expect(smtp.received.map((m) => header(m.raw, 'Subject')).sort()).toEqual([...subjects].sort());
    expect((await rowsOf()).filter((r) => r.sentAt === null)).toEqual([]);
  });

  it('without SMTP_URL keeps emails in the outbox and says so', async () => {
    const id = await queue({ to: 'd@gp.example', subject: 'Kept', text: 'kept' });
    const { lines, log } = recordingLog();
    expect(await deliver({ mailer: null, log })).toEqual({ sent: 0, failed: 0, notConfigured: 1 });
    expect(await rowById(id)).toMatchObject({ attempts: 0, sentAt: null, lastError: null });
    expect(lines).toContainEqual({ level: 'warn', msg: 'outbox: email(s) not sent: no SMTP_URL' });
  });
});

describe('outbox.deliver job (pg-boss)', () => {
  let jobs: Jobs;
  let hub: RealtimeHub;
  let delivery: OutboxDelivery;
  const runs: number[] = [];

  beforeAll(async () => {
    hub = createRealtimeHub({ url: database.url, log: silent, minRetryMs: 50 });
    await hub.start();
    await hub.whenListening();
    jobs = await startJobs({ url: database.url, log: silent, poolSize: 2, stopTimeoutMs: 5_000 });
    delivery = await startOutboxDelivery({
      boss: jobs.boss,
      db: database.db,
      config: { SMTP_URL: smtp.url, MAIL_FROM: 'Waymark <no-reply@waymark.example>' },
      log: silent,
      hub,
      mailer,
      retryBaseMs: 0,
      pollingIntervalSeconds: 0.5,
      onRun: (report) => runs.push(report.sent),
    });
  }, 60_000);
  afterAll(async () => {
    await delivery?.stop();
    await jobs?.stop();
    await hub?.stop();
  }, 30_000);

  it('is scheduled every minute on its own queue', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => ({ name: s.name, cron: s.cron }))).toContainEqual({
      name: OUTBOX_DELIVER_QUEUE,
      cron: OUTBOX_DELIVER_CRON,
    });
    expect((await jobs.boss.getQueue(OUTBOX_DELIVER_QUEUE))?.policy).toBe('stately');
  });

  it('delivers promptly after the commit that queued the email, without waiting for the schedule', async () => {
    await smtp.start();
    await queue({ to: 'prompt@gp.example', subject: 'Prompt', text: 'prompt' });
    await waitUntil(() => smtp.received.length === 1, { timeoutMs: 15_000, what: 'the email' });
    expect(smtp.received[0]?.to).toEqual(['prompt@gp.example']);
  });

  it('mail server down: the job keeps the email; back up: the next run sends it, once', async () => {
    const id = await queue({ to: 'later@gp.example', subject: 'Later', text: 'later' });
    await waitUntil(async () => ((await rowById(id))?.attempts ?? 0) >= 1, {
      timeoutMs: 15_000,
      what: 'a failed attempt',
    });
    expect((await rowById(id))?.sentAt).toBeNull();
    await smtp.start();
    // Stands in for the every-minute schedule.
    await delivery.trigger();
    await waitUntil(async () => (await rowById(id))?.sentAt, { timeoutMs: 15_000, what: 'the email to be sent' });
    expect(smtp.received.filter((m) => m.to.includes('later@gp.example'))).toHaveLength(1);
    // Further runs send nothing more.
    const runsBefore = runs.length;
    await delivery.trigger();
    await waitUntil(() => runs.length > runsBefore, { timeoutMs: 15_000, what: 'another run' });
    expect(smtp.received.filter((m) => m.to.includes('later@gp.example'))).toHaveLength(1);
  });
});
