import { spawnSync } from 'node:child_process';
import { messageOf } from '../../describe-error.js';
import { AS_ROOT, EmbeddedPostgresUnavailable } from './unavailable.js';

/** The OS account PostgreSQL runs as; null means "as this process's own user". */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const POSTGRES = 'postgres';

/**
 * PostgreSQL refuses to run as root. As root, it runs as the `postgres` OS user, created here
 * when missing (a fresh container has none); as anyone else, as that user.
 */
export function postgresOsUser(): OsUser | null {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return null;
  const existing = lookUp(POSTGRES);
  if (existing) return existing;
  const failures = createSystemUser(POSTGRES);
  const created = lookUp(POSTGRES);
  if (created) return created;
  throw new EmbeddedPostgresUnavailable(
    `${AS_ROOT}, but this machine has no such user and Waymark could not create one (${failures.join('; ')}).`,
  );
}

function lookUp(name: string): OsUser | null {
  const id = (flag: string) => {
    const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
    const n = Number.parseInt(r.stdout ?? '', 10);
    return r.status === 0 && Number.isInteger(n) ? n : null;
  };
  const uid = id('-u');
  const gid = id('-g');
  return uid === null || gid === null ? null : { name, uid, gid };
}

/** A system account without a home or password; returns what each attempt said when none worked. */
function createSystemUser(name: string): string[] {
  const groupExists = spawnSync('getent', ['group', name]).status === 0;
  const attempts: [string, string[]][] = [
    ['useradd', ['--system', ...(groupExists ? ['--gid', name] : ['--user-group']), '--no-create-home', name]],
    // BusyBox (Alpine) has adduser instead.
    ['adduser', ['-S', '-D', '-H', name]],
  ];
  const failures: string[] = [];
  for (const [command, args] of attempts) {
    const r = spawnSync(command, args, { encoding: 'utf8' });
    if (!r.error && r.status === 0) return [];
    failures.push(
      `${command}: ${r.error ? messageOf(r.error) : (r.stderr || r.stdout || `exit status ${r.status}`).trim()}`,
    );
  }
  return failures;
}

/** Whether `user` can enter the directory (search permission on it and every parent). */
export function canEnter(user: OsUser | null, dir: string): boolean {
  if (!user) return true;
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'waymark-reach-check', dir], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return !r.error && r.status === 0;
}

/** Whether `user` can run the program (reach it, execute it and load its libraries). */
export function canRun(user: OsUser | null, program: string): boolean {
  const r = spawnSync(program, ['--version'], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    stdio: 'ignore',
  });
  return !r.error && r.status === 0;
}
