import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from './platform/db/embedded/postmaster.js';
import {
  commandOf,
  descendantsOf,
  freePort,
  isListening,
  postmasterPid,
  Started,
  waitFor,
  waitForOutput,
  waitUntilReady,
} from './test/main-process.js';

// `npm start` exactly as a person or a supervisor runs it (issue 10, point 2): npm runs the
// package.json script through a shell, which used to stay between npm and the server and did
// not pass SIGTERM on, so npm stopped and the server and its PostgreSQL kept running.
// Linux only: the process tree is read from /proc.

const started = new Started();
afterAll(() => started.cleanUp(), 60_000);

describe.skipIf(process.platform !== 'linux')('npm start', () => {
  it('SIGTERM to the npm process stops everything it started within 10 s: server and embedded PostgreSQL', async () => {
    const dataDir = started.dataDir('npm-start');
    const port = await freePort();
    const pgPort = await freePort();
    const npm = started.spawn('npm', ['start'], {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    await waitUntilReady(npm, port, 150_000);
    await waitForOutput(npm, 'Waymark is running at');

    const tree = descendantsOf(npm.child.pid as number);
    started.track(tree);
    const postmaster = await postmasterPid(dataDir);
    expect(postmaster).not.toBeNull();
    expect(tree).toContain(postmaster);
    // The compiled server (no TypeScript loader), as npm start runs it.
    expect(tree.map(commandOf).some((c) => c.includes('dist/server/main.js'))).toBe(true);

    npm.child.kill('SIGTERM');
    const stillRunning = () => tree.filter(isAlive).map((pid) => `${pid}: ${commandOf(pid)}`);
    await waitFor(
      () => stillRunning().length === 0,
      10_000,
      () => `left running:\n${stillRunning().join('\n')}`,
    );
    expect(await npm.exited).toMatchObject({ code: 0, signal: null });
    // Stopped cleanly (postmaster.pid removed), not orphaned or killed.
    expect(await postmasterPid(dataDir)).toBeNull();
    expect(await isListening(port)).toBe(false);
    expect(await isListening(pgPort)).toBe(false);
  }, 200_000);
});
