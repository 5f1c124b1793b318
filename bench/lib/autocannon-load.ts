import { performance } from 'node:perf_hooks';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type pg from 'pg';
import { percentile } from './stats.js';

// Load over real HTTP with autocannon (keep-alive connections, one request in flight on each),
// every response's latency kept so that any percentile can be read, and every status counted.
// The raw-SQL side: the same answer from node-postgres with a named (prepared) statement, one
// round-trip per request, from one connection.

export interface BenchRequest {
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Per autocannon connection: the state a case may keep between its requests (e.g. a version). */
export type ClientContext = Record<string, unknown>;

export interface LoadSpec {
  baseUrl: string;
  connections: number;
  /** Seconds, or a fixed number of requests with `amount`. */
  duration?: number;
  amount?: number;
  /** Requests per second over all connections (open-loop pacing), for the load test. */
  overallRate?: number;
  /** The i-th request of the run (i counts over all connections). */
  request(i: number, context: ClientContext): BenchRequest;
  onResponse?(status: number, body: string, context: ClientContext, headers: Record<string, string>): void;
}

export interface LoadResult {
  samples: number[];
  statuses: Record<number, number>;
  /** Connection errors and timeouts (no HTTP answer at all). */
  errors: number;
  seconds: number;
  requests: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const samples: number[] = [];
  const statuses: Record<number, number> = {};
  const request: AutocannonRequest = {
    setupRequest: (_req, context) => {
      const r = spec.request(next++, context);
      const headers: Record<string, string> = { accept: 'application/json', ...(r.headers ?? {}) };
      let body: string | undefined;
      if (r.body !== undefined) {
        body = JSON.stringify(r.body);
        headers['content-type'] = 'application/json';
      }
      return { method: r.method ?? 'GET', path: r.path, headers, body };
    },
    onResponse: spec.onResponse
      ? (status, body, context, headers) => spec.onResponse?.(status, body, context, headers)
      : undefined,
  };
  const started = performance.now();
  // Throughput counts to the last answer: autocannon ends a run of a fixed `amount` on its
  // once-a-second tick, so its own end would halve the rate of a run that takes just over 1 s.
  let lastAnswer = started;
  const result = await new Promise<{ errors: number; timeouts: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        pipelining: 1,
        timeout: 30,
        requests: [request],
        // autocannon takes an undefined option as given: only the ones that apply.
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 5 }),
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      samples.push(ms);
      lastAnswer = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  return {
    samples,
    statuses,
    errors: result.errors + result.timeouts,
    seconds: ((spec.amount ? lastAnswer : performance.now()) - started) / 1000,
    requests: samples.length,
  };
}

export interface RawSpec {
  /** A statement name: node-postgres prepares it once per connection. */
  name: string;
  text: string;
  values(i: number): unknown[];
  /** How many times, one after another. */
  count: number;
}

/** The same answer straight from PostgreSQL: one prepared statement, one round-trip, one client. */
export async function runRaw(pool: pg.Pool, spec: RawSpec): Promise<number[]> {
  const client = await pool.connect();
  try {
    const samples: number[] = [];
    // Prepared and warm before the clock starts.
    for (let i = 0; i < 3; i++) await client.query({ name: spec.name, text: spec.text, values: spec.values(i) });
    for (let i = 0; i < spec.count; i++) {
      const values = spec.values(i + 3);
      const t0 = performance.now();
      await client.query({ name: spec.name, text: spec.text, values });
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    client.release();
  }
}

export const pct = (samples: readonly number[], p: number): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    p,
  );

/** "200 ×40, 409 ×2" */
export function statusText(statuses: Record<number, number>): string {
  return Object.entries(statuses)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}
