import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { binariesIn, locateBinaries, reachableBinaries } from './embedded/binaries.js';
import { canRun, postgresOsUser } from './embedded/os-user.js';
import {
  EmbeddedPostgresUnavailable,
  type EmbeddedServer,
  removeEmbeddedCluster,
  startEmbeddedPostgres,
} from './embedded.js';

// The embedded PostgreSQL started in this process (the way main.ts, the scripts and the test
// harness start it), on clusters of its own.

const dirs: string[] = [];
const servers: EmbeddedServer[] = [];
const blockers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const b of blockers) await new Promise((resolve) => b.close(resolve));
  for (const d of dirs) {
    await removeEmbeddedCluster(d);
    await rm(d, { recursive: true, force: true });
  }
}, 60_000);

const fast = { fsync: 'off', synchronous_commit: 'off' };

function dataDir(name: string): string {
  const dir = path.resolve('.tmp', `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  dirs.push(dir);
  return dir;
}

/** Holds a loopback port, as another Waymark's PostgreSQL would. */
async function takenPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres: ports (issue 10, point 3)', () => {
  it('the preferred port taken (a second Waymark on the machine): it listens on a free one and says which', async () => {
    const dir = dataDir('embedded-port');
    const busy = await takenPort();

    // An explicit port is a promise to whoever set it: taken means stop, plainly.
    const refused = await startEmbeddedPostgres({ dataDir: dir, port: busy, settings: fast }).catch((e) => e);
    expect(refused).toBeInstanceOf(EmbeddedPostgresUnavailable);
    expect(refused.message).toContain(`Port ${busy} on 127.0.0.1 is already in use by another program.`);
    expect(refused.message).toContain('EMBEDDED_PG_PORT');

    const notices: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: dir,
      preferPort: busy,
      settings: fast,
      notify: (line) => notices.push(line),
    });
    servers.push(server);
    expect(server.port).not.toBe(busy);
    expect(server.url).toContain(`:${server.port}/`);
    expect(notices).toContain(
      `Port ${busy} is in use (another Waymark?); the embedded PostgreSQL listens on ${server.port} instead.`,
    );
    expect(await query(server.url, 'SELECT current_database() AS db')).toEqual([{ db: 'waymark' }]);
  }, 60_000);
});

const user = postgresOsUser();
describe.skipIf(!user)('startEmbeddedPostgres as root (issue 10, point 1): skipped unless running as root', () => {
  it('binaries the postgres user cannot reach are copied once to the staging directory, and run from there', async () => {
    const original = await locateBinaries();
    const privateDir = await mkdtemp(path.join(tmpdir(), 'waymark-checkout-'));
    dirs.push(privateDir);
    const unreachable = binariesIn(path.join(privateDir, 'native'), original.version);
    await cp(original.home, unreachable.home, { recursive: true, verbatimSymlinks: true });
    expect(canRun(user, unreachable.postgres)).toBe(false); // spawn … EACCES, as in the issue

    const staging = await mkdtemp(path.join(tmpdir(), 'waymark-staging-'));
    dirs.push(staging);
    await chmod(staging, 0o755);
    const notices: string[] = [];
    const staged = await reachableBinaries(unreachable, user, path.join(staging, 'waymark'), (l) => notices.push(l));
    expect(staged.home.startsWith(path.join(staging, 'waymark'))).toBe(true);
    expect(canRun(user, staged.postgres)).toBe(true);
    expect(notices).toEqual([
      `The "postgres" user cannot reach ${unreachable.home}; using a copy of the PostgreSQL binaries in ${staged.home}.`,
    ]);
    // Root's alone: nobody else may change what PostgreSQL runs.
    const mode = (await stat(staged.postgres)).mode;
    expect((await stat(staged.postgres)).uid).toBe(0);
    expect(mode & 0o022).toBe(0);

    // The next start finds the copy.
    const before = (await stat(staged.postgres)).mtimeMs;
    const again = await reachableBinaries(unreachable, user, path.join(staging, 'waymark'), () => {});
    expect(again.home).toBe(staged.home);
    expect((await stat(again.postgres)).mtimeMs).toBe(before);
  }, 60_000);

  it('a DATA_DIR the postgres user cannot enter: the cluster lives in the staging directory, linked, found again, and reset by rm -rf', async () => {
    const privateDir = await mkdtemp(path.join(tmpdir(), 'waymark-data-'));
    dirs.push(privateDir);
    const staging = await mkdtemp(path.join(tmpdir(), 'waymark-staging-'));
    dirs.push(staging);
    await chmod(staging, 0o755);
    const dir = path.join(privateDir, 'data');
    dirs.push(dir);
    const options = { dataDir: dir, stagingDir: path.join(staging, 'waymark'), settings: fast, preferPort: 55329 };

    const notices: string[] = [];
    const first = await startEmbeddedPostgres({ ...options, notify: (l) => notices.push(l) });
    servers.push(first);
    const target = await readlink(path.join(dir, 'pg'));
    expect(first.directory).toBe(target);
    expect(target.startsWith(path.join(staging, 'waymark', 'data'))).toBe(true);
    expect(notices.some((l) => l.includes(`keeps its data in ${target}`))).toBe(true);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await first.stop();

    const second = await startEmbeddedPostgres(options);
    servers.push(second);
    expect(second.directory).toBe(target);
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await second.stop();

    // `rm -rf data` starts from scratch here too.
    await rm(dir, { recursive: true, force: true });
    const resetNotices: string[] = [];
    const third = await startEmbeddedPostgres({ ...options, notify: (l) => resetNotices.push(l) });
    servers.push(third);
    expect(third.directory).toBe(target);
    expect(resetNotices).toContain(
      `${path.join(dir, 'pg')} was removed, so its cluster in ${target} was removed too: starting afresh.`,
    );
    expect(await query(third.url, "SELECT to_regclass('kept') AS kept")).toEqual([{ kept: null }]);
    await third.stop();

    await removeEmbeddedCluster(dir);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(path.join(dir, 'pg'))).toBe(false);
  }, 90_000);
});
