import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/platform/db/client.js';

// The app over real HTTP for benchmarks: one instance on a free local port, signed-in sessions
// by the ordinary sign-in route, and timed GETs from one or many concurrent clients (each
// reads the whole body, as a browser would).

export interface BenchApp {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startBenchApp(db: Db): Promise<BenchApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '1000',
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const built = await buildApp({ db, config, webRoot: '/nonexistent' });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = built.app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => built.app.close() };
}

/** Signs in by password; returns the session cookie to send. */
export async function signInOverHttp(app: BenchApp, email: string, password: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/auth/sign-in`, {
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
  return cookie;
}

export interface Timed {
  samples: number[];
  /** How many answers of each HTTP status. */
  statuses: Record<number, number>;
  seconds: number;
}

/**
 * `total` GETs of `urlAt(i)` from `clients` concurrent clients, each taking the next one. The
 * clients run on a worker thread (http-clients.worker.mjs), not on the app's event loop.
 */
export async function timedGets(
  app: BenchApp,
  cookie: string,
  urlAt: (i: number) => string,
  total: number,
  clients: number,
): Promise<Timed> {
  const urls = Array.from({ length: total }, (_, i) => urlAt(i));
  const worker = new Worker(new URL('./http-clients.worker.mjs', import.meta.url), {
    workerData: { baseUrl: app.baseUrl, cookie, urls, clients },
  });
  return new Promise<Timed>((resolve, reject) => {
    worker.once('message', (timed: Timed) => resolve(timed));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the bench clients' thread stopped with exit code ${code}`));
    });
  });
}

/** The HTTP statuses of some timed runs, like "200 ×40, 404 ×2". */
export function statusSummary(...runs: Timed[]): string {
  const all: Record<number, number> = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses)) all[Number(code)] = (all[Number(code)] ?? 0) + n;
  return Object.entries(all)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}
