import cluster from 'node:cluster';
import pino from 'pino';
import { buildApp } from './app.js';
import { startWorkers } from './cluster-primary.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { startAnalyticsRefreshJob } from './modules/analytics/refresh/refresh-job.js';
import { purgeExpiredSessions } from './modules/auth/auth.service.js';
import { resealTotpSecrets } from './modules/auth/reseal-secrets.js';
import { startMessageBackDelivery } from './modules/fhir/message-back-delivery-job.js';
import { purgeResidentMessageDetails } from './modules/notifications/notifications.service.js';
import { startOutboxDelivery } from './modules/notifications/outbox-job.js';
import { startResidentDelivery } from './modules/notifications/resident-delivery-job.js';
import { startRetentionJob } from './modules/records/retention-job.js';
import { purgeIdempotencyKeys, purgeSelfReferralStarts } from './modules/referrals/referrals.service.js';
import { startContactReminderJob } from './modules/reminders/contact-reminders-job.js';
import { startReminderJob } from './modules/reminders/reminders-job.js';
import { purgeExpiredSystemClientTokens } from './modules/system-clients/system-clients.service.js';
import { connectDatabase } from './platform/db/client.js';
import { EmbeddedPostgresUnavailable, type EmbeddedServer, startEmbeddedPostgres } from './platform/db/embedded.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { describeError } from './platform/describe-error.js';
import { developmentSecretsKey } from './platform/development-secrets-key.js';
import { startJobs } from './platform/jobs.js';
import { loggerOptions, logStream } from './platform/logger.js';
import { createRealtimeHub } from './platform/realtime-hub.js';
import { secretBoxOf } from './platform/secret-box.js';
import { DEMO_SIGN_INS, hasDemoIcb, seedDemoData } from './seed/demo.js';

/** The embedded PostgreSQL this process started, if any: stopped on shutdown and on a failed start. */
let embedded: EmbeddedServer | null = null;

// A crash must not leave the embedded PostgreSQL running behind it (the next start would find
// its port taken).
const crash = (err: unknown) => {
  console.error('Waymark crashed:', err instanceof Error && err.stack ? err.stack : describeError(err));
  void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// Boot: config → database (embedded or DATABASE_URL) → migrate → seed → realtime + jobs → listen.
// With WEB_CONCURRENCY > 1 this process does the first four once, then forks that many workers
// (server/cluster-primary.ts) that each do the last two.
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  const log = pino(
    loggerOptions(config.LOG_LEVEL) as pino.LoggerOptions,
    logStream(config.logFormat) ?? pino.destination(1),
  );
  if (!config.SECRETS_ENCRYPTION_KEY) {
    const { key, file, made } = await developmentSecretsKey(config.DATA_DIR);
    log[made ? 'warn' : 'info'](
      { file },
      `SECRETS_ENCRYPTION_KEY is not set: ${made ? 'made a key in' : 'using the key in'} DATA_DIR`,
    );
    config = { ...config, SECRETS_ENCRYPTION_KEY: key };
  }
  if (cluster.isWorker) {
    // The primary prepared the database and passed its URL on: this process only serves.
    await serve(config, log, config.DATABASE_URL as string);
    return;
  }
  const prepared = await prepareDatabase(config, log);
  if (config.WEB_CONCURRENCY > 1) {
    const workers = startWorkers({
      count: config.WEB_CONCURRENCY,
      env: {
        DATABASE_URL: prepared.url,
        SECRETS_ENCRYPTION_KEY: config.SECRETS_ENCRYPTION_KEY as string,
        SEED_DEMO: 'false',
      },
      log: log.child({ component: 'cluster' }),
      stop: async () => {
        await embedded?.stop();
      },
    });
    await workers.ready;
  } else {
    await serve(config, log, prepared.url);
  }
  printBanner(config, prepared);
}

/** Done once, before any process serves: the database (embedded or DATABASE_URL), migrations, demo data, sealed secrets. */
async function prepareDatabase(config: Config, log: pino.Logger) {
  let url = config.DATABASE_URL;
  if (!url) {
    console.log(`Starting the embedded PostgreSQL (data in ${config.DATA_DIR}/pg) …`);
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      stagingDir: config.EMBEDDED_PG_STAGING_DIR,
      notify: (line) => console.log(`  ${line}`),
      log: log.child({ component: 'embedded-postgres' }),
    });
    url = embedded.url;
  }
  const { applied } = await migrateDatabase(url);
  const database = connectDatabase(url, 2);
  try {
    const seeded = config.seedDemo ? await seedDemoData(database.db, config.DEMO_PASSWORD) : false;
    // The banner lists the demo's sign-ins only where they exist.
    const demo = config.seedDemo && (seeded || (await hasDemoIcb(database.db)));
    const resealed = await resealTotpSecrets(database.db, secretBoxOf(config));
    if (resealed.users + resealed.sessions > 0) log.info(resealed, 'TOTP secrets sealed under the current key');
    if (resealed.unreadable > 0) {
      log.warn(
        resealed,
        'TOTP secrets that no key opens: put the key that sealed them back in SECRETS_ENCRYPTION_KEYS_RETIRED, or those users must set up two-step verification again',
      );
    }
    return { url, applied, seeded, demo };
  } finally {
    await database.close();
  }
}

/** One app process: realtime, background jobs and the HTTP server, until SIGTERM or SIGINT drains it. */
async function serve(config: Config, log: pino.Logger, url: string): Promise<void> {
  const database = connectDatabase(url, config.DATABASE_POOL_SIZE);
  // Realtime fan-out and background jobs live in PostgreSQL too: one LISTEN connection and a
  // pg-boss worker per instance, so any number of instances share them.
  const hub = createRealtimeHub({ url, log: log.child({ component: 'realtime' }) });
  await hub.start();
  const jobs = await startJobs({ url, log: log.child({ component: 'jobs' }) });
  const outbox = await startOutboxDelivery({
    boss: jobs.boss,
    db: database.db,
    config,
    hub,
    log: log.child({ component: 'outbox' }),
  });
  // Texts and emails to residents (GOV.UK Notify); staff email stays on the SMTP outbox above.
  const residentMessages = await startResidentDelivery({
    boss: jobs.boss,
    db: database.db,
    config,
    hub,
    log: log.child({ component: 'notify' }),
  });
  // The message back pushed to GP systems' webhooks (signed, retried with backoff).
  const messagesBack = await startMessageBackDelivery({
    boss: jobs.boss,
    db: database.db,
    config,
    hub,
    log: log.child({ component: 'webhooks' }),
  });
  const reminders = await startReminderJob({
    boss: jobs.boss,
    db: database.db,
    config,
    log: log.child({ component: 'reminders' }),
  });
  const contactReminders = await startContactReminderJob({
    boss: jobs.boss,
    db: database.db,
    log: log.child({ component: 'reminders' }),
  });
  // The dashboards' rollups: rebuilt every minute where something changed (all of them, in the
  // background, when they were never built).
  const analytics = await startAnalyticsRefreshJob({
    boss: jobs.boss,
    db: database.db,
    log: log.child({ component: 'analytics' }),
  });

  // Records past retention (issue 19): destroyed nightly only where an ICB's admin switched it on.
  const retention = await startRetentionJob({
    boss: jobs.boss,
    db: database.db,
    log: log.child({ component: 'retention' }),
  });

  let shuttingDown = false;
  const { app } = await buildApp({
    db: database.db,
    config,
    hub,
    isShuttingDown: () => shuttingDown,
    embeddedDatabase: embedded ?? undefined,
  });
  const sweep = setInterval(() => {
    purgeExpiredSessions(database.db).catch(() => {});
    purgeSelfReferralStarts(database.db).catch(() => {});
    purgeIdempotencyKeys(database.db).catch(() => {});
    purgeResidentMessageDetails(database.db).catch(() => {});
    purgeExpiredSystemClientTokens(database.db).catch(() => {});
  }, 10 * 60_000);
  sweep.unref();

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(sweep);
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close(); // stops accepting, ends event streams, waits for in-flight requests
      await outbox.stop(); // lets an email being sent finish
      await residentMessages.stop();
      await messagesBack.stop();
      await reminders.stop();
      await contactReminders.stop();
      await retention.stop();
      await analytics.stop(); // finishes the PCN being rebuilt, leaves the rest to the next run
      await jobs.stop();
      await hub.stop();
      await database.close();
      if (embedded) await embedded.stop();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  // `on`, not `once`: Ctrl-C under `npm start` arrives twice (from the terminal and passed on by
  // npm), and a second signal without a handler would kill the process mid-drain.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
}

/** What `npm start` prints once Waymark serves: where, on what database, and the demo sign-ins. */
function printBanner(config: Config, prepared: { applied: number; seeded: boolean; demo: boolean }): void {
  const { applied, seeded, demo } = prepared;
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const lines = [
    '',
    `Waymark is running at http://${shownHost}:${config.PORT}/${config.WEB_CONCURRENCY > 1 ? ` (${config.WEB_CONCURRENCY} app processes)` : ''}`,
    `  database: ${embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port}` : 'DATABASE_URL'}; ${applied} migration(s) applied${seeded ? '; demo data seeded' : ''}`,
    `  API documentation: http://${shownHost}:${config.PORT}/api/docs`,
    config.SMTP_URL
      ? `  email: sent through ${mailServerOf(config.SMTP_URL)}, from ${config.MAIL_FROM}`
      : '  email: not sent: no SMTP_URL (emails are kept in the outbox and go out once SMTP_URL is set)',
    config.NOTIFY_API_KEY
      ? `  texts and emails to residents: GOV.UK Notify at ${config.NOTIFY_BASE_URL}`
      : '  texts and emails to residents: not sent: no NOTIFY_API_KEY (they wait, queued, until it is set)',
  ];
  if (demo) {
    lines.push('', `Demo sign-ins (synthetic Northshire ICB), password for all: ${config.DEMO_PASSWORD}`);
    for (const s of DEMO_SIGN_INS) lines.push(`  ${s.role.padEnd(18)} ${s.email}`);
    lines.push('  (the administrator sets up a second factor with an authenticator app at first sign-in)');
  } else if (config.seedDemo) {
    lines.push('', 'This database holds other data than the demo: sign in with its own accounts.');
  }
  console.log(`${lines.join('\n')}\n`);
}

/** The mail server's address without credentials, for the start-up banner. */
function mailServerOf(smtpUrl: string): string {
  const u = new URL(smtpUrl);
  return `${u.protocol}//${u.host}`;
}

main().catch(async (err) => {
  // A plain paragraph when the embedded PostgreSQL cannot run here; the real error otherwise.
  console.error(
    err instanceof EmbeddedPostgresUnavailable ? err.message : `Waymark failed to start: ${describeError(err)}`,
  );
  // Never leave an embedded PostgreSQL running behind a failed start.
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
