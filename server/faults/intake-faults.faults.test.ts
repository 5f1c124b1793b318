import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { validReferralBody } from '../modules/referrals/referral-fixtures.js';
import { freePort, postmasterPid, Started, waitForOutput, waitUntilReady } from '../test/main-process.js';

// Issue 19, point 3 (a) and (b): faults during a burst of referral intake, with nothing lost.
// The real server (server/main.ts) as a child process on its embedded PostgreSQL; clients send
// referrals with idempotency keys and retry each one (same key, same body) until it is accepted,
// as the web form and any API client should. Mid-burst, (a) the database or (b) the app is killed
// with SIGKILL. After recovery every referral a client saw accepted exists exactly once, and no
// key made two referrals. Run by `npm run test:faults` (minutes; not part of `npm test`).

const CLIENTS = 8;
const PER_CLIENT = 25;
const DEMO_PASSWORD = 'waymark-demo-password';

const started = new Started();
afterAll(() => started.cleanUp(), 60_000);

interface Waymark {
  port: number;
  pgPort: number;
  dataDir: string;
  running: ReturnType<Started['main']>;
}

/** As production has it: one key for every instance of a database. */
const SECRETS_ENCRYPTION_KEY = randomBytes(32).toString('base64');

async function startWaymark(
  dataDir: string,
  port: number,
  pgPort: number,
  extra: Record<string, string> = {},
): Promise<Waymark> {
  const running = started.main({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    SIGN_IN_RATE_LIMIT: '100000',
    SECRETS_ENCRYPTION_KEY,
    ...extra,
  });
  await waitUntilReady(running, port, 180_000);
  await waitForOutput(running, 'Waymark is running at', 30_000);
  return { port, pgPort, dataDir, running };
}

async function signInAsReferrer(port: number) {
  return signInAs(port, 'referrer@northshire.example');
}

async function signInAs(port: number, email: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const body = (await res.json()) as { me: { csrfToken: string } };
  return { cookie, 'x-csrf-token': body.me.csrfToken };
}

interface Outcome {
  key: string;
  familyName: string;
  /** The referral id the client was given, once accepted. */
  acceptedId: string | null;
  attempts: number;
  transportErrors: number;
  serverErrors: number;
}

/** Referrals accepted so far in a burst, across its clients. */
interface Progress {
  accepted: number;
}

/**
 * Waits until a fifth of the burst has been accepted: the fault then comes while most of it is
 * still to be sent, however fast intake is (a fixed wait let a quick burst end before the kill).
 */
async function untilUnderWay(progress: Progress): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (progress.accepted < (CLIENTS * PER_CLIENT) / 5) {
    if (Date.now() > deadline) throw new Error(`the burst did not get going: ${progress.accepted} accepted`);
    await sleep(5);
  }
}

/** One client: its referrals one after another, each retried with its key until accepted. */
async function client(
  port: () => number,
  headers: Record<string, string>,
  deadline: number,
  perClient = PER_CLIENT,
  progress: Progress = { accepted: 0 },
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < perClient; i++) {
    const body = validReferralBody();
    const outcome: Outcome = {
      key: randomUUID(),
      familyName: body.person.familyName as string,
      acceptedId: null,
      attempts: 0,
      transportErrors: 0,
      serverErrors: 0,
    };
    outcomes.push(outcome);
    while (outcome.acceptedId === null && Date.now() < deadline) {
      outcome.attempts++;
      try {
        const res = await fetch(`http://127.0.0.1:${port()}/api/referrals`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': outcome.key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const answer = (await res.json().catch(() => null)) as { id?: string } | null;
        if (res.status === 201 && answer?.id) {
          outcome.acceptedId = answer.id;
          progress.accepted++;
        } else if (res.status >= 500) outcome.serverErrors++;
        else throw new Error(`referral refused: ${res.status} ${JSON.stringify(answer)}`);
      } catch (err) {
        if ((err as Error).message.startsWith('referral refused')) throw err;
        outcome.transportErrors++;
      }
      if (outcome.acceptedId === null) await sleep(250);
    }
  }
  return outcomes;
}

/** Every referral stored for the burst's people, by family name (each body has its own). */
async function storedReferrals(pgPort: number, familyNames: string[]) {
  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/waymark` });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; family_name: string }>(
      `SELECT r.id, p.family_name FROM referrals r JOIN people p ON p.id = r.person_id
        WHERE p.family_name = ANY($1::text[])`,
      [familyNames],
    );
    return rows;
  } finally {
    await db.end();
  }
}

function report(label: string, outcomes: Outcome[]) {
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  console.log(
    `${label}: ${outcomes.length} referrals, ${sum((o) => (o.acceptedId ? 1 : 0))} accepted, ` +
      `${sum((o) => o.attempts)} attempts, ${sum((o) => o.transportErrors)} connection failures, ` +
      `${sum((o) => o.serverErrors)} 5xx answers, all retried`,
  );
}

async function checkNothingLost(pgPort: number, outcomes: Outcome[]) {
  const stored = await storedReferrals(
    pgPort,
    outcomes.map((o) => o.familyName),
  );
  const byName = new Map<string, string[]>();
  for (const row of stored) byName.set(row.family_name, [...(byName.get(row.family_name) ?? []), row.id]);
  for (const o of outcomes) {
    expect(o.acceptedId, `referral ${o.key} accepted in the end`).not.toBeNull();
    // Exactly once, and the one the client was told about.
    expect(byName.get(o.familyName), `referral ${o.key} stored exactly once`).toEqual([o.acceptedId]);
  }
  expect(stored).toHaveLength(outcomes.length);
}

describe.skipIf(process.platform !== 'linux')('intake under faults (issue 19, point 3)', () => {
  it('(a) the database killed mid-burst: every accepted referral exists exactly once', async () => {
    const waymark = await startWaymark(started.dataDir('faults-db-killed'), await freePort(), await freePort());
    const headers = await signInAsReferrer(waymark.port);
    const deadline = Date.now() + 150_000;
    const progress: Progress = { accepted: 0 };
    const burst = Promise.all(
      Array.from({ length: CLIENTS }, () => client(() => waymark.port, headers, deadline, PER_CLIENT, progress)),
    );
    await untilUnderWay(progress);
    const postmaster = (await postmasterPid(waymark.dataDir)) as number;
    expect(postmaster).toBeGreaterThan(0);
    process.kill(postmaster, 'SIGKILL'); // the app restarts its PostgreSQL by itself
    const outcomes = (await burst).flat();
    report('(a) database killed', outcomes);
    const output = () => `${waymark.running.stdout().slice(-4000)}\n${waymark.running.stderr().slice(-4000)}`;
    expect(waymark.running.child.exitCode, `the app outlived its database:\n${output()}`).toBeNull();
    expect(
      outcomes.some((o) => o.transportErrors + o.serverErrors > 0),
      'the kill was felt',
    ).toBe(true);
    await checkNothingLost(waymark.pgPort, outcomes);
    waymark.running.child.kill('SIGTERM');
    await waymark.running.exited;
  }, 300_000);

  it('(b) the app killed mid-burst and started again: every accepted referral exists exactly once', async () => {
    const dataDir = started.dataDir('faults-app-killed');
    const port = await freePort();
    const pgPort = await freePort();
    const first = await startWaymark(dataDir, port, pgPort);
    const headers = await signInAsReferrer(port);
    const deadline = Date.now() + 200_000;
    const progress: Progress = { accepted: 0 };
    const burst = Promise.all(
      Array.from({ length: CLIENTS }, () => client(() => port, headers, deadline, PER_CLIENT, progress)),
    );
    await untilUnderWay(progress);
    first.running.child.kill('SIGKILL');
    await first.running.exited;
    // The same address and data: sessions live in the database, so the clients carry on.
    const second = await startWaymark(dataDir, port, pgPort);
    const outcomes = (await burst).flat();
    report('(b) app killed', outcomes);
    expect(
      outcomes.some((o) => o.transportErrors > 0),
      'the kill was felt',
    ).toBe(true);
    await checkNothingLost(pgPort, outcomes);
    second.running.child.kill('SIGTERM');
    await second.running.exited;
  }, 400_000);

  it('(d) two instances on one database: intake and triage on both, versions and the audit chain hold, live events cross', async () => {
    const first = await startWaymark(started.dataDir('faults-two-a'), await freePort(), await freePort());
    // The second instance uses the first one's PostgreSQL, as instances behind a load balancer would.
    const url = `postgres://postgres:postgres@127.0.0.1:${first.pgPort}/waymark`;
    const second = await startWaymark(started.dataDir('faults-two-b'), await freePort(), await freePort(), {
      DATABASE_URL: url,
    });
    const ports = [first.port, second.port];

    // The team lead watches live events on the second instance.
    const lead = await signInAs(second.port, 'lead@northshire.example');
    const stream = await fetch(`http://127.0.0.1:${second.port}/api/events`, { headers: lead });
    expect(stream.status).toBe(200);
    let events = '';
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events += Buffer.from(value).toString('utf8');
      }
    })().catch(() => {});

    // Intake on both: half the clients on each instance.
    const referrer = await signInAsReferrer(first.port);
    const deadline = Date.now() + 150_000;
    const outcomes = (
      await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => client(() => ports[i % 2] as number, referrer, deadline, 5)),
      )
    ).flat();
    report('(d) two instances', outcomes);
    await checkNothingLost(first.pgPort, outcomes);

    // Referrals received through the first instance reach the lead's stream on the second.
    const throughFirst = outcomes.filter((_, i) => Math.floor(i / 5) % 2 === 0).map((o) => o.acceptedId as string);
    const deadlineEvents = Date.now() + 20_000;
    while (!throughFirst.every((id) => events.includes(id)) && Date.now() < deadlineEvents) await sleep(200);
    for (const id of throughFirst) expect(events, `live event for ${id} on the other instance`).toContain(id);

    // Two leads, one on each instance, triage the same referrals at the same moment with the same
    // version: for each, exactly one succeeds and the other is told it changed (409).
    const leadOnFirst = await signInAs(first.port, 'lead@northshire.example');
    const statuses: number[] = [];
    for (const o of outcomes.slice(0, 10)) {
      const read = await fetch(`http://127.0.0.1:${first.port}/api/referrals/${o.acceptedId}`, {
        headers: leadOnFirst,
      });
      expect(read.status).toBe(200);
      const { version } = (await read.json()) as { version: number };
      const decision = { version, priority: 'routine', complexity: 'low', predictedPam: 2 };
      const both = await Promise.all(
        [
          [first.port, leadOnFirst],
          [second.port, lead],
        ].map(([port, headers]) =>
          fetch(`http://127.0.0.1:${port}/api/referrals/${o.acceptedId}/triage`, {
            method: 'POST',
            headers: { ...(headers as Record<string, string>), 'content-type': 'application/json' },
            body: JSON.stringify(decision),
          }).then((r) => r.status),
        ),
      );
      statuses.push(...both);
      expect(both.sort()).toEqual([200, 409]);
    }
    console.log(
      `(d) concurrent triage on two instances: ${statuses.filter((s) => s === 200).length} saved, ${statuses.filter((s) => s === 409).length} refused as stale`,
    );

    // The audit chain, written by both instances at once, verifies.
    const verify = started.spawn(process.execPath, ['--import', 'tsx', 'server/scripts/audit-verify.ts'], {
      DATABASE_URL: url,
    });
    const verdict = await verify.exited;
    expect(verdict.code, verify.stdout() + verify.stderr()).toBe(0);
    console.log(`(d) ${verify.stdout().trim()}`);

    await reader.cancel().catch(() => {});
    await reading;
    for (const w of [second, first]) {
      w.running.child.kill('SIGTERM');
      await w.running.exited;
    }
  }, 400_000);
});
