import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, realpath, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeCluster } from '../platform/db/embedded/cluster-dir.js';
import { isAlive, stopLeftoverPostmaster } from '../platform/db/embedded/postmaster.js';

// For tests that run the real server (server/main.ts, or `npm start`) as a child process.

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A free loopback port for the child server (below the ephemeral range: see free-port.ts). */
export { freePort } from './free-port.js';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Tracks what a test file started, so afterAll can end it even when a test failed halfway:
 * its children (by PID) and the embedded clusters of its data directories.
 */
export class Started {
  private children: ChildProcess[] = [];
  private pids = new Set<number>();
  private dataDirs: string[] = [];

  /** Spawns a command with only the environment given (nothing of the test run's leaks in). */
  spawn(command: string, args: string[], env: Record<string, string>): Running {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, stdout: () => out, stderr: () => err, exited };
  }

  /** server/main.ts, the way `npm start` runs it. */
  main(env: Record<string, string>): Running {
    return this.spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], env);
  }

  /** Remembers processes to end at cleanup (descendants of a child, found while they ran). */
  track(pids: Iterable<number>): void {
    for (const pid of pids) this.pids.add(pid);
  }

  /** A fresh data directory under .tmp, removed (with its cluster) at cleanup. */
  dataDir(name: string): string {
    const dir = path.resolve(ROOT, '.tmp', `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.dataDirs.push(dir);
    return dir;
  }

  adoptDataDir(dir: string): void {
    this.dataDirs.push(dir);
  }

  async cleanUp(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    for (const pid of this.pids) {
      if (isAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    for (const dir of this.dataDirs) {
      const cluster = await clusterDirOf(dir);
      if (cluster) await stopLeftoverPostmaster(cluster, () => {}).catch(() => {});
      await removeCluster(dir);
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function clusterDirOf(dataDir: string): Promise<string | null> {
  return realpath(path.join(dataDir, 'pg')).catch(() => null);
}

/** The PID of the postmaster using DATA_DIR/pg, from its postmaster.pid. */
export async function postmasterPid(dataDir: string): Promise<number | null> {
  const text = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) ? pid : null;
}

/** Polls until `check` holds; throws with `describe()` when it does not within the time. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(everyMs);
  }
}

/** Polls /readyz until it answers 200 (or the process dies, or time runs out). */
export async function waitUntilReady(running: Running, port: number, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      if (running.child.exitCode !== null || running.child.signalCode !== null) {
        throw new Error(`server exited early (${running.child.exitCode}):\n${running.stdout()}\n${running.stderr()}`);
      }
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      return res?.status === 200;
    },
    timeoutMs,
    () => `server not ready:\n${running.stdout()}\n${running.stderr()}`,
    200,
  );
}

/** Waits for text on stdout: the banner is printed just after listen() resolves. */
export function waitForOutput(running: Running, text: string, timeoutMs = 10_000): Promise<void> {
  return waitFor(
    () => running.stdout().includes(text),
    timeoutMs,
    () => `"${text}" never printed:\n${running.stdout()}\n${running.stderr()}`,
  );
}

/** Every live process below `pid` (Linux: from /proc). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The command line of a live process (Linux), '' when it is gone. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}
