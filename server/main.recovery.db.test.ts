import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from './platform/db/embedded/postmaster.js';
import {
  commandOf,
  descendantsOf,
  freePort,
  postmasterPid,
  Started,
  waitFor,
  waitForOutput,
  waitUntilReady,
} from './test/main-process.js';

// The real server (server/main.ts) as a child process, and its embedded PostgreSQL killed
// underneath it (issue 9, findings 6 and 7). Linux only: the tests find processes in /proc.

const started = new Started();
afterAll(() => started.cleanUp(), 60_000);

/** Its own PostgreSQL port per data directory (kept across restarts), off the machine's default. */
const pgPorts = new Map<string, number>();

async function startWaymark(dataDir: string, extra: Record<string, string> = {}) {
  const port = await freePort();
  const pgPort = pgPorts.get(dataDir) ?? (await freePort());
  pgPorts.set(dataDir, pgPort);
  const running = started.main({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    // The test reads the log as a collector would: one JSON object a line.
    LOG_FORMAT: 'json',
    SIGN_IN_RATE_LIMIT: '100000',
    ...extra,
  });
  await waitUntilReady(running, port);
  await waitForOutput(running, 'Waymark is running at');
  return { running, port };
}

/** The embedded PostgreSQL's postmaster and the watchdog shell, as started by the app. */
async function postgresOf(appPid: number, dataDir: string) {
  const postmaster = await postmasterPid(dataDir);
  const watchdog = descendantsOf(appPid).find((pid) => commandOf(pid).includes('waymark-pg-watchdog'));
  expect(postmaster).not.toBeNull();
  started.track([postmaster as number, ...(watchdog ? [watchdog] : [])]);
  return { postmaster: postmaster as number, watchdog };
}

const gone = (pid: number) => () => !isAlive(pid);

describe.skipIf(process.platform !== 'linux')('the embedded PostgreSQL when processes die', () => {
  it('kill -9 of the app: its PostgreSQL stops by itself, and the next start comes up', async () => {
    const dataDir = started.dataDir('recovery-app-killed');
    const first = await startWaymark(dataDir);
    const { postmaster } = await postgresOf(first.running.child.pid as number, dataDir);

    first.running.child.kill('SIGKILL');
    await first.running.exited;
    // Before: the postmaster was orphaned and kept the port and the data directory.
    await waitFor(gone(postmaster), 10_000, () => `postmaster ${postmaster} still running: ${commandOf(postmaster)}`);

    const second = await startWaymark(dataDir);
    expect(second.running.stderr()).not.toContain('failed to start');
    second.running.child.kill('SIGTERM');
    expect(await second.running.exited).toMatchObject({ code: 0, signal: null });
  }, 120_000);

  it('a PostgreSQL left over by a dead app is stopped and replaced, saying so; a second live Waymark on the same DATA_DIR is refused', async () => {
    const dataDir = started.dataDir('recovery-leftover');
    const first = await startWaymark(dataDir);
    const { postmaster, watchdog } = await postgresOf(first.running.child.pid as number, dataDir);

    // The watchdog too: as on a platform without one, or after `kill -9` of the whole tree.
    if (watchdog) process.kill(watchdog, 'SIGKILL');
    first.running.child.kill('SIGKILL');
    await first.running.exited;
    if (watchdog) await waitFor(gone(watchdog), 5_000, () => 'watchdog still running');
    expect(isAlive(postmaster)).toBe(true);

    // Before: "Waymark failed to start: undefined".
    const second = await startWaymark(dataDir);
    expect(second.running.stdout()).toContain(
      `An embedded PostgreSQL from an earlier run was still running on ${dataDir}/pg (PID ${postmaster}`,
    );
    expect(second.running.stdout()).toContain('stopping it and starting afresh');
    expect(isAlive(postmaster)).toBe(false);

    // Not a leftover: its app is alive. It is left alone and the newcomer says why.
    const third = started.main({ DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn' });
    expect((await third.exited).code).toBe(1);
    expect(third.stderr()).toContain(`Another process (PID ${second.running.child.pid}, probably another Waymark)`);
    expect(third.stderr()).toContain('give this Waymark its own DATA_DIR');
    expect(third.stderr()).not.toMatch(/\n\s+at /); // a paragraph, not a stack trace
    expect((await fetch(`http://127.0.0.1:${second.port}/readyz`)).status).toBe(200);

    second.running.child.kill('SIGTERM');
    expect(await second.running.exited).toMatchObject({ code: 0, signal: null });
  }, 120_000);

  it('kill -9 of the postmaster: requests get 503, /healthz and /readyz fail, and all recover by themselves; the outage is logged with the real error', async () => {
    const dataDir = started.dataDir('recovery-pg-killed');
    const { running, port } = await startWaymark(dataDir);
    const { postmaster } = await postgresOf(running.child.pid as number, dataDir);
    const base = `http://127.0.0.1:${port}`;
    // Needs the database: an unknown account is 401 when it answers, 503 when it does not.
    const signIn = async () =>
      (
        await fetch(`${base}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@recovery.example', password: 'not-a-real-password' }),
        })
      ).status;
    const status = async (p: string) => (await fetch(`${base}${p}`)).status;
    expect(await signIn()).toBe(401);
    expect(await status('/healthz')).toBe(200);

    process.kill(postmaster, 'SIGKILL');

    const seen = { signIn: new Set<number>(), healthz: new Set<number>(), readyz: new Set<number>() };
    const observe = async () => {
      const [s, h, r] = await Promise.all([signIn(), status('/healthz'), status('/readyz')]);
      seen.signIn.add(s);
      seen.healthz.add(h);
      seen.readyz.add(r);
      return { s, h, r };
    };
    // Down: the app restarts PostgreSQL only after a pause, so this is seen.
    await waitFor(
      async () => {
        const { s, h, r } = await observe();
        return s === 503 && h === 503 && r === 503;
      },
      10_000,
      () => JSON.stringify({ signIn: [...seen.signIn], healthz: [...seen.healthz], readyz: [...seen.readyz] }),
    );
    // Back, with nothing done from outside. Before: 503 for ever, and /healthz 200 all along.
    await waitFor(
      async () => {
        const { s, h, r } = await observe();
        return s === 401 && h === 200 && r === 200;
      },
      60_000,
      () => `not recovered:\n${running.stdout()}\n${running.stderr()}`,
      200,
    );
    const restarted = await postmasterPid(dataDir);
    expect(restarted).not.toBe(postmaster);
    started.track([restarted as number]);

    const log = running.stdout() + running.stderr();
    expect(log).toContain('embedded PostgreSQL stopped unexpectedly (killed by SIGKILL); restarting it in 1 s');
    expect(log).toContain('embedded PostgreSQL is running again');
    expect(log).not.toContain('[object Object]');
    const outage = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((record) => record.msg === 'database unavailable');
    expect(outage.length).toBeGreaterThan(0);
    for (const record of outage) {
      expect(record.err.message).toMatch(/ECONNREFUSED|terminating connection|starting up|not yet accepting|shut/);
    }

    running.child.kill('SIGTERM');
    expect(await running.exited).toMatchObject({ code: 0, signal: null });
    expect(await postmasterPid(dataDir)).toBeNull();
  }, 150_000);
});
