import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import {
  MAX_SIGNAL_FRAME_BYTES,
  type VideoCallState,
  type VideoRefusal,
  type VideoServerMessage,
  ZPersonMessage,
  ZWorkerMessage,
} from '../../../common/video.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requestContext, signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { safeError } from '../../platform/logger.js';
import { RELAY, type RealtimeEvent, SESSION_ENDED } from '../../platform/realtime.js';
import type { RealtimeHub } from '../../platform/realtime-hub.js';
import { iceServersFor } from './turn-credentials.js';
import {
  admitPerson,
  endCall,
  type Joined,
  personHeard,
  personJoins,
  personLeaves,
  relaySignal,
  userMessageOf,
  workerInCall,
  workerJoins,
  workerLeaves,
} from './use-cases/call.js';
import { relayedMessage, WORKERS } from './use-cases/call-messages.js';
import { appointmentAt } from './use-cases/video-link.js';
import { personConnected, type VideoAppointmentRow } from './video.repository.js';

// Signalling for a video call, over a WebSocket per side: the person's (public; the link's token
// is its first message, never in the address) and the worker's (signed in; the session cookie is
// checked by the access hook on the upgrade request, and the Origin too, as browsers send cookies
// with a WebSocket from any site). Messages are JSON text frames, size-limited by the server
// (`maxPayload`) and checked with zod; what one side sends the other reaches through a relay
// over PostgreSQL's NOTIFY, heard by every instance, so the two sides may be on different ones.

export interface VideoSignalDeps extends AppDeps {
  /** Absent (an app built without realtime): a connection is refused, nothing could reach it. */
  hub?: RealtimeHub;
  /** The stored id of a session, as `session.ended` names it: a worker signed out leaves the call. */
  sessionIdOf(token: string): string;
  /** Whether the session is still signed in, without counting as activity. */
  isSessionActive(token: string): Promise<boolean>;
  /** The same, counting as activity (as a request does). */
  keepSessionAlive(token: string): Promise<boolean>;
  /** How often each connection is pinged (default 15 s). */
  pingEveryMs?: number | undefined;
}

/** Time to send `join` before the connection is closed. */
const JOIN_WITHIN_MS = 10_000;
/**
 * A connection that does not answer a ping within this long is cut off, which frees the
 * person's place: a phone that changed networks leaves its old connection hanging, and its new
 * one would be refused as a second device until then.
 */
const PING_EVERY_MS = 15_000;
/** WebSocket close codes: 1008 policy violation (refused), 1000 normal (ended). */
const CLOSE_REFUSED = 1008;
const CLOSE_DONE = 1000;

type Role = 'person' | 'worker';

interface Side<M extends { type: string }> {
  role: Role;
  schema: z.ZodType<M>;
  join(message: M, connectionId: string): Promise<Joined>;
  /** Any other message of a joined connection. */
  handle(
    message: M,
    appointment: VideoAppointmentRow,
    connectionId: string,
    send: (m: VideoServerMessage) => void,
  ): Promise<void>;
  leave(appointmentId: string, connectionId: string): Promise<void>;
  /** An event that ends this connection (the worker's session was signed out). */
  endsWith?(event: RealtimeEvent): boolean;
  /**
   * Each answered ping of a joined connection: whether it may stay (the person's connection
   * still holds its place; the worker is still signed in). False closes it with that refusal.
   */
  stillWanted?(appointmentId: string, connectionId: string): Promise<true | VideoRefusal>;
}

const publicState = (state: VideoAppointmentRow['state']): VideoCallState => (state === 'cancelled' ? 'ended' : state);

function serve<M extends { type: string }>(
  socket: WebSocket,
  request: FastifyRequest,
  side: Side<M>,
  deps: VideoSignalDeps,
): void {
  const log = request.log;
  const connectionId = randomUUID();
  let joined: VideoAppointmentRow | null = null;
  let closed = false;
  const send = (message: VideoServerMessage) => {
    if (!closed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const close = (code: number) => {
    if (!closed) socket.close(code);
  };
  const refuse = (reason: VideoRefusal) => {
    send({ type: 'refused', reason });
    close(CLOSE_REFUSED);
  };
  const hub = deps.hub;
  if (!hub) {
    refuse('unavailable');
    return;
  }

  // Subscribed before joining: a relay addressed to this connection can come the moment the
  // join commits (the worker admits at once), and must not be missed.
  const unsubscribe = hub.subscribe((event) => {
    if (side.endsWith?.(event)) {
      refuse('signed_out');
      return;
    }
    if (event.type !== RELAY || !event.relay) return;
    const { room, to, body } = event.relay;
    if (!joined || room !== joined.id) return;
    if (to !== connectionId && !(side.role === 'worker' && to === WORKERS)) return;
    const message = relayedMessage(body);
    if (!message) {
      log.warn({ appointmentId: room }, 'video: dropped a relay it could not read');
      return;
    }
    send(message);
    if (
      message.type === 'refused' ||
      (message.type === 'state' && message.state === 'ended' && side.role === 'person')
    ) {
      close(message.type === 'refused' ? CLOSE_REFUSED : CLOSE_DONE);
    }
  });
  const joinTimer = setTimeout(() => {
    if (!joined) refuse('unavailable');
  }, JOIN_WITHIN_MS);
  joinTimer.unref();
  // One message at a time, in order: a signal never overtakes the join before it (heartbeats
  // join the same queue, so one never races the join or the leave).
  let queue: Promise<void> = Promise.resolve();
  let answered = true;
  socket.on('pong', () => {
    answered = true;
    const check = side.stillWanted;
    if (!check || !joined || closed) return;
    const appointmentId = joined.id;
    queue = queue
      .then(async () => {
        const wanted = await check(appointmentId, connectionId);
        if (wanted !== true) refuse(wanted);
      })
      // The database is unreachable: keep the connection; the next ping asks again.
      .catch((err) => log.warn({ err: safeError(err), role: side.role }, 'video: a heartbeat failed'));
  });
  const pinger = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, deps.pingEveryMs ?? PING_EVERY_MS);
  pinger.unref();

  const receive = async (data: unknown, isBinary: boolean) => {
    if (closed) return;
    let value: unknown;
    try {
      if (isBinary) throw new Error('binary');
      value = JSON.parse(String(data));
    } catch {
      send({ type: 'error', message: 'message: must be JSON text' });
      return;
    }
    const parsed = side.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      send({ type: 'error', message: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'is not valid'}` });
      log.info({ role: side.role, field: issue?.path.join('.') }, 'video: refused a message that is not valid');
      return;
    }
    const message = parsed.data;
    if (message.type === 'join') {
      if (joined) {
        send({ type: 'error', message: 'type: already joined' });
        return;
      }
      const answer = await side.join(message, connectionId);
      clearTimeout(joinTimer);
      if ('refused' in answer) {
        refuse(answer.refused);
        return;
      }
      joined = answer.appointment;
      if (closed) {
        // The socket went while joining: give its place back at once.
        await side.leave(joined.id, connectionId);
        return;
      }
      send({
        type: 'joined',
        role: side.role,
        state: publicState(joined.state),
        at: appointmentAt(joined).toISOString(),
        ...(side.role === 'worker'
          ? { personPresent: personConnected(joined, new Date()) }
          : { connection: connectionId }),
        iceServers: iceServersFor(deps.config.ICE_SERVERS, deps.config.TURN_SHARED_SECRET, `waymark-${side.role}`),
      });
      return;
    }
    if (!joined) {
      send({ type: 'error', message: 'type: must be join first' });
      return;
    }
    await side.handle(message, joined, connectionId, send);
  };

  socket.on('message', (data, isBinary) => {
    queue = queue
      .then(() => receive(data, isBinary))
      .catch((err) => {
        log.error({ err: safeError(err), role: side.role }, 'video: a signalling message failed');
        send({ type: 'error', message: userMessageOf(err) });
      });
  });
  socket.on('close', () => {
    closed = true;
    clearTimeout(joinTimer);
    clearInterval(pinger);
    unsubscribe();
    queue = queue
      .then(async () => {
        if (joined) await side.leave(joined.id, connectionId);
      })
      .catch((err) => log.error({ err: safeError(err), role: side.role }, 'video: leaving failed'));
  });
}

/** Relays a signal from a joined side, or drops it (logged) when that side is not in the call. */
async function forwardSignal(
  deps: VideoSignalDeps,
  log: FastifyRequest['log'],
  appointment: VideoAppointmentRow,
  from: { role: Role; connectionId: string },
  signal: Parameters<typeof relaySignal>[3],
  send: (m: VideoServerMessage) => void,
) {
  const outcome = await relaySignal(deps.db, appointment.id, from, signal);
  if (outcome === 'not-in-call') {
    log.warn({ appointmentId: appointment.id, role: from.role }, 'video: dropped a signal from a peer not in the call');
  } else if (outcome === 'too-large') {
    send({ type: 'error', message: 'signal: is too large to relay' });
  }
}

/** Browsers send cookies with a WebSocket from any site: the worker's socket must come from Waymark's pages. */
function checkOrigin(request: FastifyRequest, publicUrl: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return; // not a browser: no one else's cookie can be riding along
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host && (host === request.headers.host || origin === new URL(publicUrl).origin)) return;
  throw new AppError('forbidden', { userMessage: 'This connection must come from Waymark itself.' });
}

export function videoSignalRoutes(app: App, deps: VideoSignalDeps): void {
  const { db, config } = deps;

  app.get(
    '/api/public/video/signal',
    {
      websocket: true,
      schema: { summary: "The person's signalling WebSocket (join with the link's token)", tags: ['video'] },
      config: {
        access: { public: true },
        rateLimit: { max: config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' },
      },
    },
    (socket, request) => {
      const ctx: RequestContext = requestContext(request);
      serve(
        socket,
        request,
        {
          role: 'person',
          schema: ZPersonMessage,
          join: (message, connectionId) =>
            message.type === 'join' ? personJoins(db, ctx, message, connectionId) : Promise.reject(),
          handle: async (message, appointment, connectionId, send) => {
            if (message.type === 'signal') {
              await forwardSignal(
                deps,
                request.log,
                appointment,
                { role: 'person', connectionId },
                message.signal,
                send,
              );
            }
          },
          leave: (appointmentId, connectionId) => personLeaves(db, ctx, appointmentId, connectionId),
          stillWanted: async (appointmentId, connectionId) =>
            (await personHeard(db, appointmentId, connectionId)) ? true : 'in_use',
        },
        deps,
      );
    },
  );

  app.get(
    '/api/video/signal',
    {
      websocket: true,
      schema: { summary: "The worker's signalling WebSocket (join with the appointment's id)", tags: ['video'] },
      config: { access: { permission: 'case.write' } },
      preHandler: async (request) => checkOrigin(request, config.publicUrl),
    },
    (socket, request) => {
      const ctx = signedInContext(request);
      const sessionId = request.sessionToken ? deps.sessionIdOf(request.sessionToken) : null;
      serve(
        socket,
        request,
        {
          role: 'worker',
          schema: ZWorkerMessage,
          // The worker's connection is recorded when it admits (the side in the call), not at join.
          join: (message) => (message.type === 'join' ? workerJoins(db, ctx, message.appointmentId) : Promise.reject()),
          handle: async (message, appointment, connectionId, send) => {
            if (message.type === 'admit') {
              const admitted = await admitPerson(db, ctx, appointment.id, connectionId);
              send({ type: 'state', state: publicState(admitted.state), personPresent: true });
            } else if (message.type === 'end') {
              await endCall(db, ctx, appointment.id);
              // The worker's own connections hear 'ended' through the relay, as every worker does.
            } else if (message.type === 'signal') {
              await forwardSignal(
                deps,
                request.log,
                appointment,
                { role: 'worker', connectionId },
                message.signal,
                send,
              );
            }
          },
          leave: (appointmentId, connectionId) => workerLeaves(db, appointmentId, connectionId),
          endsWith: (event) =>
            event.type === SESSION_ENDED &&
            ((sessionId !== null && event.sessionId === sessionId) || event.userId === ctx.actor.userId),
          // The session's idle and absolute expiry hold here too. A call the worker is in counts
          // as activity (a conversation is not idleness); waiting on the page for the person does not.
          stillWanted: async (appointmentId, connectionId) => {
            const token = request.sessionToken;
            if (!token) return 'signed_out';
            const active = (await workerInCall(db, appointmentId, connectionId))
              ? await deps.keepSessionAlive(token)
              : await deps.isSessionActive(token);
            return active ? true : 'signed_out';
          },
        },
        deps,
      );
    },
  );
}

export const SIGNAL_SOCKET_OPTIONS = { maxPayload: MAX_SIGNAL_FRAME_BYTES };
