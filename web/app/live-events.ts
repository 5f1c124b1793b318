import { useEffect, useRef } from 'react';
import { api } from './api';

/**
 * One event from GET /api/events. Payloads carry ids only, never personal data: a page that
 * hears one refetches what it shows through the API (which applies the user's scope).
 *
 * Besides the server's events (`referral.received`, `referral.changed`, `notification.created`,
 * …) listeners get `live.connected` whenever the live feed (re)connects, in the browser or on
 * the server: events sent while it was down are not replayed, so a page should refetch then.
 */
export interface LiveEvent {
  type: string;
  referralId?: string;
  pcnId?: string;
}

export const LIVE_CONNECTED = 'live.connected';

type Listener = (e: LiveEvent) => void;

const EVENTS_URL = '/api/events';
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

function parse(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      const v = value as Record<string, unknown>;
      const event: LiveEvent = { type: v.type as string };
      if (typeof v.referralId === 'string') event.referralId = v.referralId;
      if (typeof v.pcnId === 'string') event.pcnId = v.pcnId;
      return event;
    }
  } catch {
    // a malformed message is ignored, not fatal
  }
  return null;
}

// One EventSource per browser tab, shared by every component that listens (the header's unread
// count and the page shown), opened with the first listener and closed with the last.
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = FIRST_RETRY_MS;
/** Whether the session was checked since the stream was last open (once per outage, not per retry). */
let sessionChecked = false;

function emit(event: LiveEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (error) {
      console.error('live event listener failed', error);
    }
  }
}

function open(): void {
  retryTimer = undefined;
  const es = new EventSource(EVENTS_URL, { withCredentials: true });
  source = es;
  es.onopen = () => {
    retryDelay = FIRST_RETRY_MS;
    sessionChecked = false;
    emit({ type: LIVE_CONNECTED });
  };
  es.onmessage = (message: MessageEvent) => {
    const event = parse(message.data);
    if (event) emit(event);
  };
  es.onerror = () => {
    // CONNECTING: the browser is retrying by itself. CLOSED: it gave up (the server answered
    // an error: 503 while its database is down, 401 once the session has ended); retry later.
    if (source !== es || es.readyState !== EventSource.CLOSED) return;
    es.close();
    source = null;
    // The server ends the stream when the session ends. One signed-in request tells: a 401
    // there ends the session in the app too (the sign-in page explains), which stops this.
    if (!sessionChecked) {
      sessionChecked = true;
      api('/api/auth/me').catch(() => {});
    }
    // A little jitter so that many tabs do not come back at the same instant.
    retryTimer = setTimeout(open, retryDelay * (0.75 + Math.random() / 2));
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  };
}

function close(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  retryDelay = FIRST_RETRY_MS;
}

/** Adds a listener to the shared connection; returns the function that removes it. */
export function subscribeToLiveEvents(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1 && !source && !retryTimer && typeof EventSource !== 'undefined') open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

/**
 * Calls `onEvent` for every live event the signed-in user may hear, for as long as the calling
 * component is mounted (use it only inside the session gate). The connection reconnects by
 * itself. `onEvent` may change on every render without reopening anything.
 */
export function useLiveEvents(onEvent: (e: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => subscribeToLiveEvents((e) => handler.current(e)), []);
}
