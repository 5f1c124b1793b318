import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { safeError } from './logger.js';
import { REALTIME_CHANNEL, RELAY, type RealtimeEvent } from './realtime.js';

// One dedicated PostgreSQL connection per app instance LISTENs on the realtime channel and fans
// what it hears out to in-process subscribers (open event streams, the outbox trigger). Any
// instance's NOTIFY reaches every instance's hub, so N instances behind a load balancer all
// hear every committed change. The connection is not taken from the pool: a LISTEN must
// outlive any one query, and a pooled client would be handed to someone else.

export type HubLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

/**
 * Sent to subscribers (never through PostgreSQL) when the hub has reconnected after losing its
 * connection: notifications sent meanwhile were missed, so whoever shows data should refetch.
 */
export const REALTIME_RESYNC = 'realtime.resync';

export type RealtimeListener = (event: RealtimeEvent) => void;

export interface RealtimeHub {
  /** Connects and LISTENs. If the database cannot be reached it keeps retrying in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(listener: RealtimeListener): () => void;
  readonly isListening: boolean;
  readonly subscriberCount: number;
  /** Resolves once LISTEN is in place (at once if it is); rejects after the timeout. */
  whenListening(timeoutMs?: number): Promise<void>;
}

export interface RealtimeHubOptions {
  url: string;
  log: HubLog;
  /** First delay before reconnecting; doubles on each failure up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** How often the idle connection is checked with SELECT 1 (a half-open TCP connection is otherwise silent). */
  pingEveryMs?: number;
}

// vcsOrganisationId: a partner organisation's users hear events naming it (issue 12's live inbox).
const ID_FIELDS = ['pcnId', 'vcsOrganisationId', 'userId', 'referralId', 'sessionId'] as const;

/** The payload as sent by publish(): a type and ids, nothing else is passed on. */
export function parseRealtimePayload(payload: string | undefined): RealtimeEvent | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== 'string' || v.type.length === 0) return null;
  const event: RealtimeEvent = { type: v.type };
  for (const field of ID_FIELDS) {
    const id = v[field];
    if (typeof id === 'string') event[field] = id;
  }
  // A relay keeps its body (checked again by the module that reads it) and loses every audience
  // field: it is for one connection, never for anyone's event stream.
  if (v.type === RELAY) {
    const r = v.relay as Record<string, unknown> | null | undefined;
    if (!r || typeof r !== 'object' || typeof r.room !== 'string' || typeof r.to !== 'string') return null;
    return { type: RELAY, relay: { room: r.room, to: r.to, body: r.body } };
  }
  return event;
}

export function createRealtimeHub(opts: RealtimeHubOptions): RealtimeHub {
  const { url, log } = opts;
  const minRetryMs = opts.minRetryMs ?? 500;
  const maxRetryMs = opts.maxRetryMs ?? 15_000;
  const pingEveryMs = opts.pingEveryMs ?? 30_000;

  const listeners = new Set<RealtimeListener>();
  const waiters = new Set<() => void>();
  let client: pg.Client | null = null;
  let started = false;
  let stopped = false;
  let everListened = false;
  let retryDelay = minRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;

  const fanOut = (event: RealtimeEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        log.error({ err: safeError(err), type: event.type }, 'realtime subscriber failed');
      }
    }
  };

  const discard = (c: pg.Client) => {
    c.removeAllListeners();
    c.on('error', () => {}); // a late socket error on a client we gave up must not crash the process
    c.end().catch(() => {});
  };

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    const delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, maxRetryMs);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const lost = (c: pg.Client, err?: unknown) => {
    if (client !== c) return; // not the live connection (still connecting, or already replaced)
    client = null;
    clearInterval(pingTimer);
    discard(c);
    if (stopped) return;
    log.warn({ err: err ? safeError(err) : undefined }, 'realtime: lost the database connection; reconnecting');
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: url,
      application_name: 'waymark-realtime',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 10_000,
    });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (message) => {
      if (message.channel !== REALTIME_CHANNEL) return;
      const event = parseRealtimePayload(message.payload);
      if (event) fanOut(event);
      else log.warn({ channel: message.channel }, 'realtime: ignored a malformed notification');
    });
    try {
      await c.connect();
      // The channel name is a constant identifier, not input.
      await c.query(`LISTEN ${REALTIME_CHANNEL}`);
    } catch (err) {
      discard(c);
      if (stopped) return;
      log.warn({ err: safeError(err), retryInMs: retryDelay }, 'realtime: cannot listen yet; will retry');
      scheduleReconnect();
      return;
    }
    if (stopped) {
      discard(c);
      return;
    }
    client = c;
    retryDelay = minRetryMs;
    const reconnected = everListened;
    everListened = true;
    log.info({ channel: REALTIME_CHANNEL, reconnected }, 'realtime: listening');
    pingTimer = setInterval(() => {
      c.query('SELECT 1').catch((err) => lost(c, err));
    }, pingEveryMs);
    pingTimer.unref();
    for (const resolve of [...waiters]) resolve();
    if (reconnected) fanOut({ type: REALTIME_RESYNC });
  }

  return {
    async start() {
      if (started) return;
      started = true;
      await connect();
    },

    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const c = client;
      client = null;
      listeners.clear();
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        // A dead connection may never answer the terminate message: do not wait forever.
        await Promise.race([c.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    get isListening() {
      return client !== null;
    },

    get subscriberCount() {
      return listeners.size;
    },

    whenListening(timeoutMs = 10_000) {
      if (client) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`realtime hub not listening after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(done);
      });
    },
  };
}
