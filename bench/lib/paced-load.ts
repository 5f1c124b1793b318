import { performance } from 'node:perf_hooks';
import { type Dispatcher, Pool } from 'undici';
import type { BenchRequest, ClientContext, LoadResult } from './autocannon-load.js';

// Load at a constant arrival rate (open loop, as wrk2 or k6's constant-arrival-rate): request i
// is due at start + i / rate, whatever became of the requests before it. A request due while
// every connection is busy waits for one, and that wait counts in its latency, which is measured
// from the instant it was due, not from when it could be sent (no coordinated omission: a slow
// server cannot hide its backlog by slowing the client down).
//
// Why not autocannon's `overallRate`: it gives each connection a quota per wall-clock second
// (rate ÷ connections, ~5 here) that is reset on one shared tick, so every second begins with all
// connections firing at once, and a connection that meets one slow answer cannot make up its
// quota; a server with room to spare then shows as answering less than the rate asked (on the
// synthetic ICB: 282/s "answered" of 300 asked, while the same build answers 412/s unpaced).
// undici's Pool opens connections as needed and queues requests while all are busy. The client
// shares the machine with the server: at 300/s it takes 12–18 % of a core (node:http about the same,
// autocannon 8 %), which on a 2-core machine is taken from the app.

export interface PacedSpec {
  baseUrl: string;
  /** Requests per second, started at even intervals. */
  rate: number;
  /** Seconds measured, after the warm-up. */
  seconds: number;
  /**
   * Seconds before the measured ones in which the rate rises evenly from nothing to `rate`, in the
   * same run (so a backlog left by the warm-up counts against the measured seconds): a server just
   * started has cold caches, unprepared statements and unoptimised code, which is not how it meets
   * its busiest hour. Started at the full rate at once, it stalled for 2–3 s (server-side answers
   * of 0.3–1.4 s in its first seconds), and the backlog of ~900 requests took 15–60 s to drain.
   */
  warmUpSeconds?: number;
  /** Most keep-alive connections open at once; a request due while all are busy waits for one. */
  connections: number;
  /** The i-th request; its context is its own, and is handed back with its answer. */
  request(i: number, context: ClientContext): BenchRequest;
  onResponse?(
    status: number,
    body: string,
    context: ClientContext,
    headers: Record<string, string>,
    ms: number,
    measured: boolean,
  ): void;
}

/** What the answers of one phase (the warm-up, the measured seconds) came to. */
interface Tally {
  samples: number[];
  statuses: Record<number, number>;
  /** Requests with no answer (refused connection, timeout). */
  errors: number;
  /** The slowest answer (ms) of the requests due in each second of the phase, by second. */
  worstBySecond: number[];
}

const tallyOf = (seconds: number): Tally => ({
  samples: [],
  statuses: {},
  errors: 0,
  worstBySecond: Array.from({ length: Math.ceil(seconds) }, () => 0),
});

/** The figures of the measured seconds; the warm-up's apart. */
export interface PacedResult extends LoadResult, Tally {
  /** Requests due in the measured seconds (rate × seconds); each was answered or is an error. */
  offered: number;
  warmUp: Tally;
  /** The most requests due and not yet answered at one time (beyond `connections`, waiting for one). */
  mostOutstanding: number;
}

const TIMEOUT_MS = 30_000;

export async function runPaced(spec: PacedSpec): Promise<PacedResult> {
  const pool = new Pool(spec.baseUrl, {
    connections: spec.connections,
    pipelining: 1,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  const warmUpMs = (spec.warmUpSeconds ?? 0) * 1000;
  // The warm-up rises evenly from nothing to the rate (rate × t / W), so it asks for half the
  // rate's requests over its time: rate × W / 2.
  const warmUpRequests = Math.round((spec.rate * warmUpMs) / 2000);
  const total = warmUpRequests + Math.round(spec.rate * spec.seconds);
  const warmUp = tallyOf(spec.warmUpSeconds ?? 0);
  const measured = tallyOf(spec.seconds);
  let outstanding = 0;
  let mostOutstanding = 0;
  const started = performance.now();
  const measuredFrom = started + warmUpMs;
  // Under the ramp, i requests are due by t when rate × t² / 2W = i; then one every 1/rate s.
  const dueAt = (i: number) =>
    i < warmUpRequests
      ? started + Math.sqrt((2 * warmUpMs * i * 1000) / spec.rate)
      : measuredFrom + ((i - warmUpRequests) * 1000) / spec.rate;

  const send = async (i: number): Promise<void> => {
    const due = dueAt(i);
    const inMeasured = due >= measuredFrom;
    const [tally, phaseStart] = inMeasured ? [measured, measuredFrom] : [warmUp, started];
    const context: ClientContext = {};
    const r = spec.request(i, context);
    const headers: Record<string, string> = { accept: 'application/json', ...(r.headers ?? {}) };
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    let answer: Dispatcher.ResponseData;
    let body: string;
    try {
      answer = await pool.request({
        path: r.path,
        method: r.method ?? 'GET',
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      body = await answer.body.text();
    } catch {
      tally.errors++;
      return;
    }
    const ms = performance.now() - due;
    const status = answer.statusCode;
    tally.samples.push(ms);
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
    const second = Math.floor((due - phaseStart) / 1000);
    tally.worstBySecond[second] = Math.max(tally.worstBySecond[second] ?? 0, ms);
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    spec.onResponse?.(status, body, context, answerHeaders, ms, inMeasured);
  };

  const sent: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    // Every few ms, every request that has fallen due (a late tick sends its backlog at once;
    // their latencies still count from when each was due).
    const timer = setInterval(() => {
      const now = performance.now();
      while (next < total && dueAt(next) <= now) {
        outstanding++;
        mostOutstanding = Math.max(mostOutstanding, outstanding);
        sent.push(
          send(next++).finally(() => {
            outstanding--;
          }),
        );
      }
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await Promise.all(sent);
  await pool.close();
  return {
    ...measured,
    offered: Math.round(spec.rate * spec.seconds),
    warmUp,
    mostOutstanding,
    // From the first measured request due to the last answer: the rate answered.
    seconds: (performance.now() - measuredFrom) / 1000,
    requests: measured.samples.length,
  };
}
