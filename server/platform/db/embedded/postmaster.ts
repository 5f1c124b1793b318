import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresUnavailable } from './unavailable.js';

// postmaster.pid in a cluster directory names the server using it: PID, data directory, port
// and status ("ready" once it accepts connections). PostgreSQL refuses to start while that PID
// is alive, so a server orphaned by a `kill -9` of the app kept the next start from working.

export interface PostmasterPid {
  pid: number;
  port: number;
  status: string;
}

export async function readPostmasterPid(clusterDir: string): Promise<PostmasterPid | null> {
  const text = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!text) return null;
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited process that nobody has reaped yet (a container whose PID 1 does not) is gone.
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

interface ProcessInfo {
  ppid: number;
  /** The command line, arguments joined by spaces. */
  command: string;
}

/** From /proc on Linux, from ps elsewhere; null when the process is gone or cannot be seen. */
export function processInfo(pid: number): ProcessInfo | null {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name in parentheses may itself hold spaces and parentheses.
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      return { ppid, command };
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  const r = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
  const match = r.status === 0 ? /^\s*(\d+)\s+(.*)$/.exec(r.stdout.trim()) : null;
  return match ? { ppid: Number(match[1]), command: match[2] ?? '' } : null;
}

/** The postmaster of this cluster (not a process that got its PID after a reboot). */
export function isPostmasterOf(info: ProcessInfo, clusterDir: string): boolean {
  return /(^|[/\\])postgres(\.exe)?\s/.test(info.command) && info.command.includes(` -D ${clusterDir}`);
}

/** A parent that is a running Node process (the app, a script, the test harness) still owns it. */
function ownerOf(info: ProcessInfo): number | null {
  if (info.ppid <= 1) return null;
  const parent = processInfo(info.ppid);
  return parent && /(^|[/\\])node(\.exe)?(\s|$)/.test(parent.command) ? info.ppid : null;
}

/** Polls until the process is gone; false when it outlives the timeout. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * A postmaster left running on this cluster by an app that died without stopping it (kill -9,
 * power to the terminal cut) is stopped, so the start can go on. One that a live process still
 * owns (another Waymark on the same DATA_DIR) is left alone and the start stops.
 */
export async function stopLeftoverPostmaster(clusterDir: string, notify: (line: string) => void): Promise<void> {
  const pidFile = await readPostmasterPid(clusterDir);
  if (!pidFile || !isAlive(pidFile.pid)) return; // PostgreSQL clears a stale file itself
  const info = processInfo(pidFile.pid);
  if (!info || !isPostmasterOf(info, clusterDir)) return; // PostgreSQL decides, and says why
  const owner = ownerOf(info);
  if (owner !== null) {
    throw new EmbeddedPostgresUnavailable(
      `Another process (PID ${owner}, probably another Waymark) is already running a PostgreSQL on ${clusterDir} ` +
        `(PID ${pidFile.pid}, port ${pidFile.port}).`,
      { waysOut: 'Stop that one first, or give this Waymark its own DATA_DIR.' },
    );
  }
  notify(
    `An embedded PostgreSQL from an earlier run was still running on ${clusterDir} (PID ${pidFile.pid}, port ` +
      `${pidFile.port}); stopping it and starting afresh.`,
  );
  await stopProcess(pidFile.pid);
}

/** Fast shutdown (SIGINT); immediate (SIGQUIT) if that hangs; SIGKILL as a last resort. */
export async function stopProcess(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return;
      throw new EmbeddedPostgresUnavailable(
        `A PostgreSQL (PID ${pid}) of another user is running on this data directory and cannot be stopped from here.`,
        { waysOut: 'Stop it as its owner, or give Waymark another DATA_DIR.' },
      );
    }
    if (await waitForExit(pid, waitMs)) return;
  }
}
