import { PassThrough } from 'node:stream';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/deps.js';
import { SESSION_ENDED } from '../../platform/realtime.js';
import { REALTIME_RESYNC, type RealtimeHub } from '../../platform/realtime-hub.js';
import { liveEventPayload, mayHear } from './notifications.service.js';

export interface LiveEventsDeps {
  /** Absent: the route answers 204 No Content (an app built without realtime, e.g. in some tests). */
  hub?: RealtimeHub;
  /** Whether the stream's session is still signed in, without counting as activity. */
  isSessionActive(token: string): Promise<boolean>;
  /** The stored id of the session a token belongs to, as named by `session.ended` events. */
  sessionIdOf(token: string): string;
  /** Interval of the keep-alive comment (and of the session check). */
  heartbeatMs?: number;
}

export const HEARTBEAT_MS = 25_000;
/** A client that stops reading is cut off rather than buffered for without limit; it reconnects. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/**
 * Open streams one user may hold on an instance: one per tab, with room for many tabs. More is a
 * leak or an attack (each holds a connection and a subscription), refused with 429.
 */
export const MAX_STREAMS_PER_USER = 12;

/**
 * GET /api/events: Server-Sent Events, same origin (the strict CSP's connect-src 'self'
 * allows it). Each signed-in user hears only what their scope allows (see mayHear), with ids
 * only. Events come from the realtime hub, i.e. from NOTIFYs that were committed — on any
 * instance. The stream ends when the session ends: at once when it is signed out or the user
 * deactivated (a `session.ended` event, heard by every instance), otherwise (expiry) at the next
 * heartbeat's check, which does not extend it. It also ends when the client goes or the app
 * shuts down.
 */
export function liveEventsRoutes(app: App, deps: LiveEventsDeps): void {
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
  const openStreams = new Set<() => void>();
  const streamsOf = new Map<string, number>();

  // End every stream before the server closes: an open stream would hold the shutdown up.
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live events (text/event-stream): ids only; refetch through the API on each',
      },
      config: { access: { permission: 'notification.read' } },
    },
    async (request, reply) => {
      const principal = request.principal;
      const token = request.sessionToken;
      if (!principal || !token) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
      const hub = deps.hub;
      // An app built without realtime (some tests, tools): 204 tells an EventSource there is
      // nothing to stream. Every instance started by main.ts has a hub.
      if (!hub) return reply.code(204).send();

      const userId = principal.userId;
      const held = streamsOf.get(userId) ?? 0;
      if (held >= MAX_STREAMS_PER_USER) {
        throw new AppError('rate_limited', {
          userMessage: 'Waymark is open in too many tabs or windows. Close some of them, then reload this page.',
        });
      }
      streamsOf.set(userId, held + 1);

      const sessionId = deps.sessionIdOf(token);
      const stream = new PassThrough();
      let ended = false;
      const send = (text: string) => {
        if (ended) return;
        if (stream.writableLength > MAX_BUFFERED_BYTES) {
          end();
          return;
        }
        stream.write(text);
      };
      const unsubscribe = hub.subscribe((event) => {
        if (event.type === SESSION_ENDED) {
          // Between instances only: the browser sees its stream close, never the event or an id.
          if (event.sessionId === sessionId || event.userId === principal.userId) end();
        } else if (event.type === REALTIME_RESYNC) {
          // This instance missed notifications while its hub was reconnecting: refetch.
          send(`data: ${JSON.stringify({ type: 'live.connected' })}\n\n`);
        } else if (mayHear(principal, event)) {
          send(`data: ${JSON.stringify(liveEventPayload(event))}\n\n`);
        }
      });
      const heartbeat = setInterval(() => {
        send(': heartbeat\n\n');
        deps
          .isSessionActive(token)
          .then((active) => {
            if (!active) end();
          })
          // The database is unreachable: keep the stream; the next heartbeat checks again.
          .catch(() => {});
      }, heartbeatMs);
      heartbeat.unref();
      function end() {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(end);
        const left = (streamsOf.get(userId) ?? 1) - 1;
        if (left > 0) streamsOf.set(userId, left);
        else streamsOf.delete(userId);
        stream.end();
      }
      openStreams.add(end);
      reply.raw.on('close', end);

      // The first bytes go out at once, so the browser's EventSource reports "open" now.
      stream.write('retry: 5000\n: connected\n\n');
      reply
        .header('Content-Type', 'text/event-stream; charset=utf-8')
        .header('Cache-Control', 'no-store, no-transform')
        // Proxies such as nginx must pass each event on at once, not buffer the response.
        .header('X-Accel-Buffering', 'no');
      return reply.send(stream);
    },
  );
}
