import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import { loadConfig } from '../../server/config.js';
import { waymarkDatabase } from '../../server/scripts/waymark-database.js';
import { freePort, ROOT, Started, waitUntilReady } from '../../server/test/main-process.js';

// The production build of Waymark (`npm run build`, then `node dist/server/main.js`, as `npm start`
// runs it) serving the synthetic ICB of `npm run generate:icb`, for the HTTP benchmarks. The
// dataset is DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR (default
// ./data-icb, as the generator writes it), started here when nothing runs it yet. The server is a
// child process with its own port, talking to that database by DATABASE_URL (no demo seed); the
// bench process keeps a node-postgres pool of its own for the raw SQL beside each figure.
//
// BENCH_SKIP_BUILD=1 reuses an existing dist/ (the build takes a minute on a busy machine).

export interface IcbApp {
  baseUrl: string;
  /** The dataset's database, for setup and the raw SQL (one connection per client asked for). */
  url: string;
  pool: pg.Pool;
  /** One password for every synthetic user. */
  password: string;
  /** Resident memory of the server process (MB), read from /proc when available. */
  serverPid: number;
  stop(): Promise<void>;
}

export interface IcbSource {
  dataDir: string;
  databaseUrl?: string;
}

/** Where the ICB is: DATABASE_URL, else DATA_DIR (default ./data-icb); null when neither exists. */
export function icbSource(dataDir?: string): IcbSource | null {
  const config = loadConfig(undefined, { DATA_DIR: dataDir ?? 'data-icb' });
  if (dataDir) return existsSync(dataDir) ? { dataDir } : null;
  if (config.DATABASE_URL) return { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL };
  return existsSync(config.DATA_DIR) ? { dataDir: config.DATA_DIR } : null;
}

let built = false;
export function buildOnce(log: (line: string) => void): void {
  if (built || process.env.BENCH_SKIP_BUILD === '1') return;
  log('npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  built = true;
}

export async function startIcbApp(source: IcbSource, log: (line: string) => void): Promise<IcbApp> {
  buildOnce(log);
  // The embedded PostgreSQL's port: EMBEDDED_PG_PORT when given, otherwise a free one (never the
  // default 5433 another Waymark on this machine may hold).
  const pgPort = process.env.EMBEDDED_PG_PORT ?? String(await freePort());
  const config = loadConfig({
    ...process.env,
    DATA_DIR: source.dataDir,
    EMBEDDED_PG_PORT: pgPort,
    DATABASE_URL: source.databaseUrl,
  });
  const database = await waymarkDatabase(config);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // An idle connection closed by the server (e.g. PostgreSQL stopping at the end) is no crash.
  pool.on('error', (err) => log(`raw SQL pool: ${err.message}`));
  const started = new Started();
  const port = await freePort();
  // BENCH_NODE_ARGS adds flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a profile.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = started.spawn(process.execPath, [...nodeArgs, '--enable-source-maps', 'dist/server/main.js'], {
    NODE_ENV: 'production',
    // Production needs its own key for secrets at rest; the bench's is made per run.
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    COOKIE_SECURE: 'false',
    // BENCH_LOG_LEVEL=info keeps the background jobs' reports too (e.g. each analytics refresh).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    // Many staff sign in at the start; the bench's consumers each come from their own address.
    SIGN_IN_RATE_LIMIT: '100000',
    TRUST_PROXY: 'true',
    // App processes (node:cluster): WEB_CONCURRENCY=2 uses both cores of a 2-core machine.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1',
    // The server's default unless the bench is told otherwise (to compare settings).
    ...(process.env.ANALYTICS_CONCURRENT_BUILDS
      ? { ANALYTICS_CONCURRENT_BUILDS: process.env.ANALYTICS_CONCURRENT_BUILDS }
      : {}),
  });
  try {
    await waitUntilReady(server, port, 180_000);
  } catch (err) {
    await started.cleanUp();
    await pool.end();
    await database.stop();
    throw err;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    url: database.url,
    pool,
    password: config.DEMO_PASSWORD,
    serverPid: server.child.pid as number,
    async stop() {
      // BENCH_SERVER_LOG=FILE keeps what the server logged (LOG_LEVEL warn: the errors behind a 5xx).
      const logFile = process.env.BENCH_SERVER_LOG;
      if (logFile) await appendFile(logFile, `${server.stdout()}${server.stderr()}`);
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await started.cleanUp();
      await pool.end();
      await database.stop();
    },
  };
}

export interface Session {
  email: string;
  cookie: string;
  csrf: string;
}

/** Signs in by the ordinary route (password; staff other than admins have no TOTP). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { status?: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.includes('waymark_session='));
  if (res.status !== 200 || body.status !== 'signed-in' || !cookie) {
    throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  }
  const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } });
  const { csrfToken } = (await me.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`no CSRF token for ${email}`);
  return { email, cookie, csrf: csrfToken };
}

/** Cores, memory and load, for the report's header. */
export function machine(): string {
  const [one, five] = os.loadavg();
  return (
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load average ${one?.toFixed(2)} (1 min) ${five?.toFixed(2)} (5 min)`
  );
}
