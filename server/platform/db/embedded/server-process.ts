import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, unlink, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../describe-error.js';
import type { PgBinaries } from './binaries.js';
import type { OsUser } from './os-user.js';
import { readPostmasterPid } from './postmaster.js';

// Runs the PostgreSQL binaries directly: initdb once, then the postmaster as a child process
// that Waymark watches (an exit nobody asked for is an outage, and is restarted).

const runAs = (user: OsUser | null) => (user ? { uid: user.uid, gid: user.gid } : {});

/** The last lines PostgreSQL wrote, which say why it stopped. */
class Tail {
  private lines: string[] = [];
  push(chunk: string) {
    this.lines.push(...chunk.split('\n').filter((l) => l.trim()));
    this.lines = this.lines.slice(-12);
  }
  toString() {
    return this.lines.join('\n');
  }
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit status ${code}`;
}

/** Creates the cluster: loopback superuser `postgres` with a local-only password. */
export async function initCluster(opts: {
  binaries: PgBinaries;
  dir: string;
  user: OsUser | null;
  onLog: (line: string) => void;
}): Promise<void> {
  // initdb reads the password from a file; the fixed local password is no secret.
  const passwordFile = path.join(tmpdir(), `waymark-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, 'postgres\n', { mode: 0o600, flag: 'wx' });
  if (opts.user) await chown(passwordFile, opts.user.uid, opts.user.gid);
  const tail = new Tail();
  try {
    const child = spawn(
      opts.binaries.initdb,
      [`--pgdata=${opts.dir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'],
      { ...runAs(opts.user), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (d: Buffer) => {
        tail.push(d.toString());
        opts.onLog(d.toString());
      });
    }
    const { code, signal } = await exited(child);
    if (code !== 0) throw new Error(`initdb failed (${describeExit(code, signal)}): ${tail}`);
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

export interface RunningPostgres {
  pid: number;
  /** Resolves when the postmaster exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; tail: string }>;
  /** Fast shutdown; waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the postmaster and resolves once it accepts connections. Its own process group, so a
 * Ctrl-C in the terminal reaches the app (which finishes its requests, then stops it) and not
 * PostgreSQL directly.
 */
export async function launchPostgres(opts: {
  binaries: PgBinaries;
  dir: string;
  port: number;
  flags: string[];
  user: OsUser | null;
  onLog: (line: string) => void;
  readyTimeoutMs?: number;
}): Promise<RunningPostgres> {
  const tail = new Tail();
  const child = spawn(opts.binaries.postgres, ['-D', opts.dir, '-p', String(opts.port), ...opts.flags], {
    ...runAs(opts.user),
    detached: true,
    windowsHide: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    tail.push(d.toString());
    opts.onLog(d.toString());
  });
  child.on('error', () => {}); // reported through `exit` below
  const exit = exited(child).then((e) => ({ ...e, tail: tail.toString() }));
  let hasExited = false;
  void exit.then(() => {
    hasExited = true;
  });
  const stop = async () => {
    if (hasExited) return;
    for (const [signal, waitMs] of [
      ['SIGINT', 30_000],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 5_000],
    ] as const) {
      child.kill(signal);
      if (await Promise.race([exit.then(() => true), sleep(waitMs, false, { ref: false })])) return;
    }
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (hasExited) {
      const { code, signal, error } = await exit;
      throw new Error(
        error
          ? `PostgreSQL could not be started: ${messageOf(error)}`
          : `PostgreSQL stopped while starting (${describeExit(code, signal)}): ${tail}`,
      );
    }
    const pidFile = await readPostmasterPid(opts.dir);
    if (pidFile && pidFile.pid === child.pid && pidFile.status === 'ready') break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`PostgreSQL did not become ready within ${opts.readyTimeoutMs ?? 120_000} ms: ${tail}`);
    }
    await sleep(25);
  }
  return { pid: child.pid as number, exited: exit, stop };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Ties the cluster's life to this process where the platform allows: a small shell waits for
 * its stdin, a pipe from this process, to close. The kernel closes it however this process
 * ends, `kill -9` included; the shell then stops the cluster with `pg_ctl stop`, which reads
 * postmaster.pid, so a server already stopped is left alone. A clean stop kills the shell first.
 */
export function startWatchdog(binaries: PgBinaries, dir: string, user: OsUser | null): { stop(): void } {
  if (process.platform === 'win32') return { stop() {} };
  const script = 'while read -r _; do :; done; exec "$1" stop -D "$2" -m fast -w -s >/dev/null 2>&1';
  const child = spawn('/bin/sh', ['-c', script, 'waymark-pg-watchdog', binaries.pgCtl, dir], {
    ...runAs(user),
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Without a shell there is no watchdog; the next start then stops what was left instead.
  child.on('error', () => {});
  child.stdin?.on('error', () => {});
  // Neither the shell nor its pipe may keep this process alive.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return {
    stop() {
      child.kill('SIGKILL');
    },
  };
}
