import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readdir, realpath, rm, rmdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../../describe-error.js';
import { prepareStagingDir, waysOutWithStaging } from './binaries.js';
import { canEnter, type OsUser } from './os-user.js';
import { isAlive, readPostmasterPid } from './postmaster.js';
import { AS_ROOT, EmbeddedPostgresUnavailable } from './unavailable.js';

// The cluster lives in DATA_DIR/pg. As root, PostgreSQL runs as the `postgres` user; when that
// user cannot enter DATA_DIR (a checkout in root's home, a `mktemp -d` directory), the cluster
// lives under the staging directory instead and DATA_DIR/pg is a symbolic link to it, so
// `ls -l data` shows where it went and later starts find it again; removing DATA_DIR/pg still
// means "start from scratch", as it does everywhere else.

/** DATA_DIR/pg, or the directory it links to. Creates DATA_DIR when missing. */
export async function clusterDirectory(
  dataDir: string,
  user: OsUser | null,
  stagingDir: string,
  notify: (line: string) => void,
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const home = await realpath(dataDir);
  const wanted = path.join(home, 'pg');
  if (!user) return wanted;

  const existing = await lstat(wanted).catch(() => null);
  if (existing?.isSymbolicLink()) {
    const target = await realpath(wanted).catch(() => null);
    if (target && canEnter(user, path.dirname(target))) {
      notify(`The "postgres" user cannot enter ${home}; the embedded PostgreSQL keeps its data in ${target}.`);
      return target;
    }
  }
  if (!existing?.isSymbolicLink() && canEnter(user, home)) return wanted;

  // Left by an earlier start that failed here: an empty directory, or a link to nowhere.
  if (existing && !(existing.isDirectory() && (await readdir(wanted)).length === 0) && !existing.isSymbolicLink()) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}, who cannot enter ${home}, where a PostgreSQL data directory already is (${wanted}).`,
      {
        waysOut:
          'Ways out: move that data directory to a place the "postgres" user can enter and point DATA_DIR there; ' +
          'or run Waymark as the user who owns it; or set DATABASE_URL to a PostgreSQL 15 or newer that you run ' +
          'yourself.',
      },
    );
  }
  await prepareStagingDir(stagingDir, user);
  const staged = path.join(stagingDir, 'data', stagedName(home), 'pg');
  // No link but a staged cluster: DATA_DIR/pg was removed, which is how anyone starts from
  // scratch (`rm -rf data`, the end-to-end runner). Unless a server still runs on it.
  const livePostmaster = await readPostmasterPid(staged).then((p) => p !== null && isAlive(p.pid));
  if (!existing && existsSync(staged) && !livePostmaster) {
    await rm(staged, { recursive: true, force: true });
    notify(`${wanted} was removed, so its cluster in ${staged} was removed too: starting afresh.`);
  }
  try {
    await mkdir(path.dirname(staged), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(staged), 0o755);
    await chmod(path.dirname(path.dirname(staged)), 0o755);
    await rm(wanted, { recursive: true, force: true });
    await symlink(staged, wanted);
  } catch (err) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}, who cannot enter ${home}; Waymark would keep the data in ${staged}, but: ${messageOf(err)}.`,
      { waysOut: waysOutWithStaging() },
    );
  }
  notify(
    `The "postgres" user cannot enter ${home}; the embedded PostgreSQL keeps its data in ${staged} ` +
      `(linked from ${wanted}).`,
  );
  return staged;
}

/** Readable and unique per DATA_DIR: the path's tail and a hash of all of it. */
function stagedName(home: string): string {
  const readable = home
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-48);
  const hash = createHash('sha256').update(home).digest('hex').slice(0, 10);
  return `${readable || 'root'}-${hash}`;
}

/** A cluster directory must belong to the user PostgreSQL runs as and be theirs alone. */
export async function ownClusterDirectory(dir: string, user: OsUser | null): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (user) await chown(dir, user.uid, user.gid);
  await chmod(dir, 0o700);
}

/** Removes a throw-away cluster: DATA_DIR/pg, and where it was staged when it is a link. */
export async function removeCluster(dataDir: string): Promise<void> {
  const link = path.resolve(dataDir, 'pg');
  const entry = await lstat(link).catch(() => null);
  if (entry?.isSymbolicLink()) {
    const target = await realpath(link).catch(() => null);
    if (target) {
      await rm(target, { recursive: true, force: true });
      await rmdir(path.dirname(target)).catch(() => {});
    }
  }
  await rm(link, { recursive: true, force: true });
}
