import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, type RealtimeEvent } from '../../platform/realtime.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  signInWithNewSecondFactor,
  type TestContext,
  type TestTenancy,
  waitUntil,
} from '../../test/toolkit.js';
import { MAX_STREAMS_PER_USER } from './events.routes.js';
import { notifyUser } from './notifications.service.js';

// The live event stream over real HTTP (Server-Sent Events cannot be injected: the response
// never ends), on two app instances sharing one database, each with its own LISTEN connection.

interface EventStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed `data:` payloads, in order. */
  events: Record<string, unknown>[];
  comments: string[];
  ended: () => boolean;
  close(): void;
}

function openEventStream(baseUrl: string, cookie?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/events`, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      const stream: EventStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        comments: [],
        ended: () => isEnded,
        close: () => req.destroy(),
      };
      let isEnded = false;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) stream.events.push(JSON.parse(line.slice(6)));
            else if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
          }
          cut = buffer.indexOf('\n\n');
        }
      });
      const finish = () => {
        isEnded = true;
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      // Resolve once the server has subscribed us: it writes the ": connected" comment after that.
      if (stream.status !== 200) {
        res.resume();
        resolve(stream);
        return;
      }
      waitUntil(() => stream.comments.includes('connected'), { what: 'the stream to open' }).then(
        () => resolve(stream),
        reject,
      );
    });
    req.on('error', reject);
  });
}

let one: TestContext;
let two: TestContext;
let urlOne: string;
let urlTwo: string;
let pcnA: TestTenancy;
let pcnB: TestTenancy;
let leadA: Session;
let workerB: Session;
let referrerA: Session;
const streams: EventStream[] = [];

async function listen(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}

async function stream(baseUrl: string, session?: Session): Promise<EventStream> {
  const s = await openEventStream(baseUrl, session?.cookie);
  streams.push(s);
  return s;
}

/** Publishes through instance one, in a transaction that commits. */
const publishCommitted = (event: RealtimeEvent) => one.db.transaction((tx) => publish(tx, event));

/** Events arrive in commit order: once the marker is heard, anything published before it has been delivered. */
async function markAndWait(s: EventStream, pcnId: string, label: string): Promise<void> {
  await publishCommitted({ type: 'test.marker', pcnId, referralId: label });
  await waitUntil(() => s.events.some((e) => e.referralId === label), { what: `marker ${label}` });
}

beforeAll(async () => {
  one = await createTestApp({}, { realtime: true });
  // A second instance over the same database, with a short heartbeat so that session checks are quick.
  two = await createTestApp({}, { realtime: true, sameDatabaseAs: one, liveEventsHeartbeatMs: 200 });
  urlOne = await listen(one);
  urlTwo = await listen(two);
  pcnA = await createTestTenancy(one.db);
  pcnB = await createTestTenancy(one.db, pcnA.icbId);
  leadA = await signIn(one, await createTestUser(one.db, pcnA, 'team_lead'));
  workerB = await signIn(one, await createTestUser(one.db, pcnB, 'link_worker'));
  referrerA = await signIn(one, await createTestUser(one.db, pcnA, 'referrer'));
});

afterAll(() => {
  for (const s of streams) s.close();
});

describe('GET /api/events', () => {
  it('answers 401 without a session', async () => {
    const s = await stream(urlOne);
    expect(s.status).toBe(401);
  });

  it('is a same-origin event stream under the strict CSP', async () => {
    const s = await stream(urlOne, leadA);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toContain('no-store');
    expect(s.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it("a PCN's team hears a referral of its PCN after commit; not another PCN's, not a rolled-back one", async () => {
    const s = await stream(urlOne, leadA);
    await one.db
      .transaction(async (tx) => {
        await publish(tx, { type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'rolled-back' });
        throw new Error('the intake failed');
      })
      .catch(() => {});
    await publishCommitted({ type: 'referral.received', pcnId: pcnB.pcnId, referralId: 'other-pcn' });
    await publishCommitted({ type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'ours' });
    await markAndWait(s, pcnA.pcnId, 'm1');

    expect(s.events.filter((e) => e.type === 'referral.received')).toEqual([
      { type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'ours' },
    ]);
  });

  it("a practice user does not hear the PCN's queue, but hears their own notifications, with ids only", async () => {
    const s = await stream(urlOne, referrerA);
    const lead = await stream(urlOne, leadA);
    await publishCommitted({ type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'queue-only' });
    await one.db.transaction((tx) =>
      notifyUser(tx, { userId: referrerA.me.user.id, kind: 'referral.accepted', title: 'Your referral was accepted' }),
    );
    await waitUntil(() => s.events.length > 0, { what: 'the notification event' });
    await markAndWait(lead, pcnA.pcnId, 'm2');
    // The lead has seen the queue event, which came first; the referrer never will.
    expect(lead.events).toContainEqual({ type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'queue-only' });
    expect(s.events).toEqual([{ type: 'notification.created' }]);
    // The lead does not hear the referrer's notification either.
    expect(lead.events.some((e) => e.type === 'notification.created')).toBe(false);
  });

  it('an event published through one instance reaches a subscriber of the other', async () => {
    const onTwo = await stream(urlTwo, leadA);
    await publishCommitted({ type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'from-instance-one' });
    await waitUntil(() => onTwo.events.some((e) => e.referralId === 'from-instance-one'), {
      what: 'the event on instance two',
    });
    // And the other way round.
    const onOne = await stream(urlOne, workerB);
    await two.db.transaction((tx) => publish(tx, { type: 'referral.changed', pcnId: pcnB.pcnId, referralId: 'two' }));
    await waitUntil(() => onOne.events.some((e) => e.referralId === 'two'), { what: 'the event on instance one' });
  });

  it('closing the connection unsubscribes it', async () => {
    const hub = one.hub;
    if (!hub) throw new Error('instance one has no hub');
    const before = hub.subscriberCount;
    const s = await stream(urlOne, leadA);
    expect(hub.subscriberCount).toBe(before + 1);
    s.close();
    await waitUntil(() => hub.subscriberCount === before, { what: 'the subscription to go' });
  });

  it(`holds at most ${MAX_STREAMS_PER_USER} streams per user on an instance (429 beyond); a closed one frees its place`, async () => {
    const lead = await signIn(one, await createTestUser(one.db, pcnA, 'team_lead'));
    const held = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) held.push(await stream(urlOne, lead));
    expect(held.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await stream(urlOne, lead);
    expect(refused.status).toBe(429);
    // Another user is not held back by this one's tabs.
    expect((await stream(urlOne, leadA)).status).toBe(200);
    held[0]?.close();
    await waitUntil(async () => (await stream(urlOne, lead)).status === 200, {
      what: 'the closed stream to free its place',
    });
  });

  it('sends a heartbeat comment, and ends the stream once the session has ended (without keeping it alive)', async () => {
    const lead = await signIn(one, await createTestUser(one.db, pcnA, 'team_lead'));
    const s = await stream(urlTwo, lead);
    // As if the user had been idle for five minutes: the stream's session checks must not count as activity.
    const lastSeen = async () =>
      (await one.database.pool.query('SELECT last_seen_at FROM sessions WHERE user_id = $1', [lead.me.user.id])).rows[0]
        ?.last_seen_at;
    await one.database.pool.query(
      `UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`,
      [lead.me.user.id],
    );
    const idleSince = await lastSeen();
    await waitUntil(() => s.comments.filter((c) => c === 'heartbeat').length >= 3, { what: 'three heartbeats' });
    expect(await lastSeen()).toEqual(idleSince);
    expect(s.ended()).toBe(false);
    const out = await one.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: lead.headers });
    expect(out.statusCode).toBeLessThan(300);
    await waitUntil(() => s.ended(), { what: 'the stream to end after sign-out' });
  });

  // Instance one keeps the default 25 s heartbeat: its session check cannot be what ends these.
  it('signing out on one instance ends that session’s stream on the other within a second; other sessions’ streams go on', async () => {
    const user = await createTestUser(one.db, pcnA, 'team_lead');
    const [leaving, staying] = [await signIn(one, user), await signIn(one, user)];
    const s = await stream(urlOne, leaving);
    const other = await stream(urlOne, staying);
    const out = await two.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: leaving.headers });
    expect(out.statusCode).toBe(204);
    await waitUntil(() => s.ended(), { what: 'the stream to end after sign-out', timeoutMs: 1_000 });
    await markAndWait(other, pcnA.pcnId, 'after-sign-out');
    expect(other.ended()).toBe(false);
    // The ending is between instances: no browser hears of it, nor of any session id.
    expect(other.events.map((e) => e.type)).toEqual(['test.marker']);
    expect(JSON.stringify([...s.events, ...other.events])).not.toMatch(/session/i);
  });

  it('deactivating a user on one instance ends all their streams on the other within a second', async () => {
    const admin = await signInWithNewSecondFactor(two, await createTestUser(one.db, pcnA, 'admin'));
    const worker = await createTestUser(one.db, pcnA, 'link_worker');
    const streamsOfWorker = [
      await stream(urlOne, await signIn(one, worker)),
      await stream(urlOne, await signIn(one, worker)),
    ];
    const colleague = await stream(urlOne, leadA);
    const res = await two.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${worker.id}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    });
    expect(res.statusCode).toBe(200);
    await waitUntil(() => streamsOfWorker.every((w) => w.ended()), {
      what: 'the worker’s streams to end',
      timeoutMs: 1_000,
    });
    await markAndWait(colleague, pcnA.pcnId, 'after-deactivation');
    expect(colleague.ended()).toBe(false);
  });

  it('after its hub reconnects to the database, tells the browser to refetch', async () => {
    const s = await stream(urlOne, leadA);
    await one.database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'waymark-realtime' AND pid <> pg_backend_pid()`,
    );
    await waitUntil(() => s.events.some((e) => e.type === 'live.connected'), { what: 'live.connected' });
    await publishCommitted({ type: 'referral.received', pcnId: pcnA.pcnId, referralId: 'after-reconnect' });
    await waitUntil(() => s.events.some((e) => e.referralId === 'after-reconnect'), { what: 'an event after it' });
  });
});
