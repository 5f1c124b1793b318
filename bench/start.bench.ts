import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { descendantsOf, freePort, ROOT, type Running, Started } from '../server/test/main-process.js';
import type { BenchCase } from './lib/bench-case.js';

// The production start (issue 18, point 3): `npm run build`, then the compiled server
// (dist/server/main.js, no TypeScript loader) as `npm start` runs it, on its embedded PostgreSQL
// with the demo data. Measures the time from spawning the process to /readyz answering 200 — on
// a first start (initdb, migrations, demo seed) and on a restart over that data — and the memory
// of the whole thing: the proportional set size (PSS, so that PostgreSQL's shared memory is
// counted once, not once per backend) of the Node process and every process under it.
// Targets: restart to ready < 3 s, memory < 300 MB, with the demo data. Linux only (/proc).

const pssKb = (pid: number): number => {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Pss:'));
    return Number(line?.split(/\s+/)[1] ?? 0);
  } catch {
    return 0; // the process ended meanwhile
  }
};

/** PSS of the server and its descendants (embedded PostgreSQL and its backends), in MB. */
function memoryMb(running: Running): { node: number; postgres: number } {
  const pid = running.child.pid as number;
  const node = pssKb(pid);
  const postgres = descendantsOf(pid)
    .filter((p) => p !== pid)
    .reduce((sum, p) => sum + pssKb(p), 0);
  return { node: Math.round(node / 1024), postgres: Math.round(postgres / 1024) };
}

async function untilReady(running: Running, port: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.stderr()}`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (res?.status === 200) return performance.now() - started;
    if (performance.now() - started > 180_000) throw new Error('server not ready within 3 minutes');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Some ordinary traffic first, so that memory is measured in use, not just after start. */
async function exercise(port: number) {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    await Promise.all([
      fetch(`${base}/`).then((r) => r.arrayBuffer()),
      fetch(`${base}/oruk/services?per_page=50`).then((r) => r.arrayBuffer()),
      fetch(`${base}/api/public/directory/services?q=walking`).then((r) => r.arrayBuffer()),
    ]);
  }
}

const bench: BenchCase = {
  name: 'Production start: compiled server, embedded PostgreSQL, demo data',
  async run({ log }) {
    if (process.platform !== 'linux') return { tables: [], notes: ['Linux only (/proc): not measured.'] };
    log('npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);

    const started = new Started();
    const dataDir = started.dataDir('bench-start');
    const notes: string[] = [];
    try {
      for (const run of ['first start (initdb, migrations, demo seed)', 'restart over the same data']) {
        const port = await freePort();
        const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()) };
        const server = started.spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
          ...env,
          LOG_LEVEL: 'warn',
        });
        const readyMs = await untilReady(server, port);
        const atReady = memoryMb(server);
        await exercise(port);
        const inUse = memoryMb(server);
        notes.push(
          `${run}: ready in ${(readyMs / 1000).toFixed(2)} s; memory at ready ${atReady.node + atReady.postgres} MB ` +
            `(Node ${atReady.node} + PostgreSQL ${atReady.postgres}), after 150 requests ${inUse.node + inUse.postgres} MB ` +
            `(Node ${inUse.node} + PostgreSQL ${inUse.postgres})`,
        );
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await started.cleanUp();
    }
    notes.push('Targets: restart to ready < 3 s; memory (PSS, Node and PostgreSQL together) < 300 MB.');
    return { tables: [], notes };
  },
};

export default bench;
