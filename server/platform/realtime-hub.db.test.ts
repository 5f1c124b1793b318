import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { waitUntil } from '../test/toolkit.js';
import { publish, REALTIME_CHANNEL, type RealtimeEvent, relayNow } from './realtime.js';
import { createRealtimeHub, parseRealtimePayload, REALTIME_RESYNC, type RealtimeHub } from './realtime-hub.js';

const log = pino({ level: 'silent' });
let database: TestDatabase;
const hubs: RealtimeHub[] = [];

async function startHub(): Promise<RealtimeHub> {
  const hub = createRealtimeHub({ url: database.url, log, minRetryMs: 50, maxRetryMs: 400 });
  hubs.push(hub);
  await hub.start();
  await hub.whenListening();
  return hub;
}

function record(hub: RealtimeHub): RealtimeEvent[] {
  const heard: RealtimeEvent[] = [];
  hub.subscribe((e) => heard.push(e));
  return heard;
}

/** Published in its own committed transaction; NOTIFYs arrive in commit order, so it marks "everything before has arrived". */
async function mark(label: string): Promise<void> {
  await database.db.transaction((tx) => publish(tx, { type: 'test.marker', referralId: label }));
}
const sawMarker = (heard: RealtimeEvent[], label: string) =>
  heard.some((e) => e.type === 'test.marker' && e.referralId === label);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const hub of hubs) await hub.stop();
  await database?.close();
});

describe('realtime hub (LISTEN/NOTIFY)', () => {
  it('hears an event only when the transaction that published it commits', async () => {
    const hub = await startHub();
    const heard = record(hub);

    await database.db
      .transaction(async (tx) => {
        await publish(tx, { type: 'referral.received', pcnId: 'pcn-rolled-back', referralId: 'r0' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await database.db.transaction(async (tx) => {
      await publish(tx, { type: 'referral.received', pcnId: 'pcn-a', referralId: 'r1' });
      // Not before commit: nothing has arrived while the transaction is open.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard.filter((e) => e.referralId === 'r1')).toEqual([]);
    });
    await mark('m1');
    await waitUntil(() => sawMarker(heard, 'm1'), { what: 'the marker' });

    expect(heard.filter((e) => e.type === 'referral.received')).toEqual([
      { type: 'referral.received', pcnId: 'pcn-a', referralId: 'r1' },
    ]);
  });

  it('fans one NOTIFY out to every instance, each with its own connection', async () => {
    const [a, b] = [await startHub(), await startHub()];
    const [heardA, heardB] = [record(a), record(b)];
    await database.db.transaction((tx) => publish(tx, { type: 'notification.created', userId: 'u-1' }));
    for (const heard of [heardA, heardB]) {
      await waitUntil(() => heard.some((e) => e.type === 'notification.created'), { what: 'the event' });
      expect(heard).toContainEqual({ type: 'notification.created', userId: 'u-1' });
    }
  });

  it('passes on the type and ids only, ignores malformed payloads, and survives a failing subscriber', async () => {
    const hub = await startHub();
    hub.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const heard = record(hub);
    await database.db.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, 'not json')`);
    await database.db.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, '{"pcnId":"no type"}')`);
    await database.db.execute(
      sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({ type: 'referral.changed', referralId: 'r9', name: 'Ada Lovelace', pcnId: 7 })})`,
    );
    await mark('m2');
    await waitUntil(() => sawMarker(heard, 'm2'), { what: 'the marker' });
    expect(heard.filter((e) => e.type !== 'test.marker')).toEqual([{ type: 'referral.changed', referralId: 'r9' }]);
  });

  it('reconnects by itself after losing its connection, tells subscribers to resync, and hears again', async () => {
    const hub = await startHub();
    const heard = record(hub);
    // Cut every realtime connection to this database from the server side (as a restart would).
    const killed = await database.pool.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'waymark-realtime' AND pid <> pg_backend_pid()`,
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await waitUntil(() => heard.some((e) => e.type === REALTIME_RESYNC), { what: 'the resync after reconnecting' });
    expect(hub.isListening).toBe(true);
    await database.db.transaction((tx) => publish(tx, { type: 'referral.received', pcnId: 'pcn-b', referralId: 'r2' }));
    await waitUntil(() => heard.some((e) => e.referralId === 'r2'), { what: 'an event after reconnecting' });
  });

  it('keeps retrying while the database cannot be reached, and listens once it can', async () => {
    // A database that does not exist yet stands in for one that is down.
    const name = `${database.name}_late`;
    const u = new URL(database.url);
    u.pathname = `/${name}`;
    const hub = createRealtimeHub({ url: u.toString(), log, minRetryMs: 50, maxRetryMs: 200 });
    hubs.push(hub);
    await hub.start();
    expect(hub.isListening).toBe(false);
    await database.pool.query(`CREATE DATABASE ${name}`);
    try {
      await hub.whenListening(10_000);
      expect(hub.isListening).toBe(true);
    } finally {
      await hub.stop();
      await database.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('hears nothing more once stopped', async () => {
    const hub = await startHub();
    const heard = record(hub);
    await hub.stop();
    expect(hub.isListening).toBe(false);
    const watcher = await startHub();
    const watched = record(watcher);
    await database.db.transaction((tx) => publish(tx, { type: 'referral.received', pcnId: 'p', referralId: 'r3' }));
    await mark('m3');
    await waitUntil(() => sawMarker(watched, 'm3'), { what: 'the marker' });
    expect(heard).toEqual([]);
  });
});

describe('parseRealtimePayload', () => {
  it('keeps a string type and string ids, and drops everything else', () => {
    expect(
      parseRealtimePayload('{"type":"a","pcnId":"p","userId":"u","referralId":"r","nhsNumber":"9990001112"}'),
    ).toEqual({
      type: 'a',
      pcnId: 'p',
      userId: 'u',
      referralId: 'r',
    });
    expect(parseRealtimePayload('{"type":""}')).toBeNull();
    expect(parseRealtimePayload('[1]')).toBeNull();
    expect(parseRealtimePayload(undefined)).toBeNull();
  });

  it("keeps a relay's room, addressee and body, and drops any audience field beside it", () => {
    expect(
      parseRealtimePayload(
        '{"type":"relay","pcnId":"p","userId":"u","relay":{"room":"a","to":"c","body":{"x":1},"more":2}}',
      ),
    ).toEqual({ type: 'relay', relay: { room: 'a', to: 'c', body: { x: 1 } } });
    expect(parseRealtimePayload('{"type":"relay","relay":{"room":"a"}}')).toBeNull();
    expect(parseRealtimePayload('{"type":"relay"}')).toBeNull();
  });
});

describe('relayNow', () => {
  it('reaches every instance at once, outside any transaction; refuses what NOTIFY cannot carry', async () => {
    const [a, b] = [await startHub(), await startHub()];
    const heardA = record(a);
    const heardB = record(b);
    expect(await relayNow(database.db, { room: 'r1', to: 'c1', body: { n: 1 } })).toBe(true);
    expect(await relayNow(database.db, { room: 'r1', to: 'c1', body: 'x'.repeat(8_000) })).toBe(false);
    await mark('after-relay');
    await waitUntil(() => sawMarker(heardA, 'after-relay') && sawMarker(heardB, 'after-relay'), { what: 'the marker' });
    for (const heard of [heardA, heardB]) {
      expect(heard.filter((e) => e.type === 'relay')).toEqual([
        { type: 'relay', relay: { room: 'r1', to: 'c1', body: { n: 1 } } },
      ]);
    }
  });
});
