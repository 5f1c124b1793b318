import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { freePort } from '../../test/free-port.js';
import { createTestTenancy, createTestUser, type TestUser, testConfig } from '../../test/toolkit.js';
import { connectDatabase, type Database } from '../db/client.js';
import { type EmbeddedServer, removeEmbeddedCluster, startEmbeddedPostgres } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import type { App } from './deps.js';

// This file runs its own PostgreSQL (not the suite's shared one), because it stops and starts it.

const dataDir = path.resolve('.tmp', `health-test-${process.pid}-${randomBytes(4).toString('hex')}`);
let port: number;
let server: EmbeddedServer | null = null;
let database: Database;
let app: App;
let shuttingDown = false;
let user: TestUser;

const startPostgres = async () => {
  server = await startEmbeddedPostgres({ dataDir, port, settings: { fsync: 'off', synchronous_commit: 'off' } });
  return server;
};
const stopPostgres = async () => {
  await server?.stop();
  server = null;
};

beforeAll(async () => {
  port = await freePort();
  const started = await startPostgres();
  await migrateDatabase(started.url);
  database = connectDatabase(started.url, 4);
  const built = await buildApp({
    db: database.db,
    config: testConfig(),
    webRoot: '/nonexistent',
    isShuttingDown: () => shuttingDown,
  });
  app = built.app;
  await app.ready();
  user = await createTestUser(database.db, await createTestTenancy(database.db), 'link_worker');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await stopPostgres();
  await removeEmbeddedCluster(dataDir);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const signInRequest = () =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: user.password } });

function expectUnavailable(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('health and readiness', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/healthz fails (503) while the embedded PostgreSQL this process runs is down, and only then', async () => {
    // Liveness: the process restarts its own database; a supervisor restarts the app when that
    // keeps failing. An external DATABASE_URL being down never fails it (see the outage test).
    const embedded = { isRunning: false };
    const built = await buildApp({
      db: database.db,
      config: testConfig(),
      webRoot: '/nonexistent',
      embeddedDatabase: embedded,
    });
    try {
      const down = await built.app.inject({ method: 'GET', url: '/healthz' });
      expectUnavailable(down);
      expect(down.json()).toEqual({ status: 'embedded-database-down' });
      embedded.isRunning = true;
      const up = await built.app.inject({ method: 'GET', url: '/healthz' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toEqual({ status: 'ok' });
    } finally {
      await built.app.close();
    }
  });

  it('/readyz answers 200 when the database answers', async () => {
    const res = await get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 with Retry-After while shutting down', async () => {
    shuttingDown = true;
    try {
      const res = await get('/readyz');
      expectUnavailable(res);
      expect(res.json()).toEqual({ status: 'shutting-down' });
    } finally {
      shuttingDown = false;
    }
    expect((await get('/readyz')).statusCode).toBe(200);
  });

  it('database down: 503 + Retry-After (never 500); back up: the same app recovers by itself', async () => {
    const signedIn = await signInRequest();
    expect(signedIn.statusCode).toBe(200);
    const cookie = signedIn.cookies.find((c) => c.name === 'waymark_session');
    expect(cookie).toBeDefined();
    const sessionCookie = `${cookie?.name}=${cookie?.value}`;

    await stopPostgres();

    const ready = await get('/readyz');
    expectUnavailable(ready);
    expect(ready.json()).toEqual({ status: 'database-unavailable' });
    // Liveness stays up: restarting the app would not bring an external database back.
    expect((await get('/healthz')).statusCode).toBe(200);

    // A public API route whose body passes validation.
    const signIn = await signInRequest();
    expectUnavailable(signIn);
    expect(signIn.headers['content-type']).toContain('application/problem+json');
    expect(signIn.json()).toMatchObject({ status: 503, code: 'unavailable' });
    expect(signIn.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);

    // A signed-in route: the session lookup itself needs the database.
    const me = await get('/api/auth/me', { cookie: sessionCookie });
    expectUnavailable(me);
    expect(me.json().code).toBe('unavailable');

    await startPostgres();

    expect((await get('/readyz')).statusCode).toBe(200);
    const again = await signInRequest();
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('signed-in');
    // The session made before the outage is still good.
    expect((await get('/api/auth/me', { cookie: sessionCookie })).statusCode).toBe(200);
  }, 120_000);
});
