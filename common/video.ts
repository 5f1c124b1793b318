import { z } from 'zod';
import { zText } from './schemas/text.js';

// Video consultations (issue 15): what the server, the person's page and the worker's page share —
// the ICE servers' shape, the one answer to opening a link, and the signalling protocol.

/** RTCIceServer as the browser takes it: STUN/TURN addresses and, for TURN, its credentials. */
export const ZIceServer = z.object({
  urls: z
    .union([z.string(), z.array(z.string()).min(1)])
    .refine(
      (urls) => (Array.isArray(urls) ? urls : [urls]).every((u) => /^(stuns?|turns?):[^\s]+$/.test(u)),
      'must be stun:, stuns:, turn: or turns: addresses',
    ),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const ZIceServers = z.array(ZIceServer).max(10);
export type IceServer = z.infer<typeof ZIceServer>;

/** A TURN server (relays media), as opposed to STUN only. */
export const isTurnServer = (server: IceServer) =>
  (Array.isArray(server.urls) ? server.urls : [server.urls]).some((u) => /^turns?:/.test(u));

/** The link's token: 32 random bytes, base64url (43 characters). */
export const zVideoToken = z
  .string('must be the token from the link')
  .regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token from the link');

export const ZVideoOpen = z.object({ token: zVideoToken });

export const VIDEO_PUBLIC_STATES = ['booked', 'waiting', 'in_call', 'ended'] as const;

/** What the person sees on opening a live link; any link that cannot be used gets `unavailable`. */
export const ZVideoOpenAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('open'),
    /** The appointment's time (ISO 8601). */
    at: z.string(),
    teamName: z.string(),
    /** The team's public phone number, for when the call cannot happen. */
    teamPhone: z.string().nullable(),
    state: z.enum(VIDEO_PUBLIC_STATES),
  }),
  z.object({
    status: z.literal('unavailable'),
    /**
     * Whose link it was, when it was a real one (whatever the reason it is dead, which is never
     * said): the person can phone them. An unknown link (mistyped, cut short) has none.
     */
    team: z.object({ name: z.string(), phone: z.string().nullable() }).optional(),
  }),
]);
export type VideoOpenAnswer = z.infer<typeof ZVideoOpenAnswer>;

// ——— Signalling (WebSocket, JSON text frames) ———
// An SDP or candidate relayed through PostgreSQL's NOTIFY, whose payload must stay under 8000
// bytes: hence the limits (an offer of audio, video and a shared screen is ~5 KB in Chromium).
export const MAX_SDP_LENGTH = 6_000;
export const MAX_SIGNAL_FRAME_BYTES = 8_192;

const zSdp = zText(MAX_SDP_LENGTH, { multiline: true, trim: false }).min(1, 'must not be empty');

export const ZSignal = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['offer', 'answer']), sdp: zSdp }),
  z.object({
    kind: z.literal('candidate'),
    candidate: zText(1_000, { trim: false }),
    sdpMid: zText(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  }),
]);
export type Signal = z.infer<typeof ZSignal>;

const zSignalMessage = z.object({ type: z.literal('signal'), signal: ZSignal });

/** What the person's page sends (public socket). The first message is `join` with the link's token. */
export const ZPersonMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    token: zVideoToken,
    /** The connection this page had before its network dropped (from `joined`): it takes its place. */
    replaces: z.uuid('must be the connection this page had').optional(),
  }),
  zSignalMessage,
]);
export type PersonMessage = z.infer<typeof ZPersonMessage>;

/** What the worker's page sends (signed-in socket). The first message is `join` with the appointment's id. */
export const ZWorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), appointmentId: z.uuid('must be an appointment id') }),
  z.object({ type: z.literal('admit') }),
  z.object({ type: z.literal('end') }),
  zSignalMessage,
]);
export type WorkerMessage = z.infer<typeof ZWorkerMessage>;

export type VideoCallState = (typeof VIDEO_PUBLIC_STATES)[number];

export type VideoRefusal = 'unavailable' | 'in_use' | 'not_allowed' | 'signed_out';

/** What the server sends. */
export type VideoServerMessage =
  /** The answer to `join`: the call's state, and the STUN/TURN servers to use. */
  | {
      type: 'joined';
      role: 'person' | 'worker';
      state: VideoCallState;
      /** The appointment's time (ISO 8601). */
      at: string;
      /** The worker's side: whether the person is connected (waiting, or in the call). */
      personPresent?: boolean;
      iceServers: IceServer[];
      /** The person's side: this connection's id, named by `replaces` when the page reconnects. */
      connection?: string;
    }
  /** The call's state changed (admitted: in_call; ended; a waiting person left: booked). */
  | { type: 'state'; state: VideoCallState; personPresent?: boolean }
  /**
   * In the call, the other side's connection went or came back: `resumed`, the same page
   * reconnected (restart ICE on the same peer connection); otherwise a new page (a new one).
   */
  | { type: 'peer'; present: boolean; resumed?: boolean }
  /** The other side's offer, answer or candidate. */
  | { type: 'signal'; signal: Signal }
  /**
   * A refusal: the connection closes after it (unusable link, link in use elsewhere, not allowed,
   * the worker's session ended).
   */
  | { type: 'refused'; reason: VideoRefusal }
  /** A message not understood or not allowed now (names the field); the connection stays. */
  | { type: 'error'; message: string };

// ——— The team's view ———
export const ZVideoAppointmentView = z.object({
  id: z.uuid(),
  plannedContactId: z.uuid(),
  /** The appointment's time (ISO 8601). */
  at: z.string(),
  state: z.enum(['booked', 'waiting', 'in_call', 'ended', 'cancelled']),
  linkIssuedAt: z.string(),
  /** The link was withdrawn (a new one can be sent). */
  revoked: z.boolean(),
  /** The person opened the link at least once. */
  opened: z.boolean(),
  admittedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Whole minutes from admission to the end, for recording the contact afterwards. */
  durationMinutes: z.number().int().nullable(),
});
export type VideoAppointmentView = z.infer<typeof ZVideoAppointmentView>;
export const ZVideoAppointmentList = z.object({ appointments: z.array(ZVideoAppointmentView) });

export const ZVideoLinkResent = z.object({
  appointment: ZVideoAppointmentView,
  /** False when the person chose neither texts nor emails: the worker gives them the link another way. */
  sent: z.boolean(),
});

/**
 * The team's people waiting now, for the caseload's live "waiting" mark and banner; `yours` when
 * the case is the signed-in worker's own or one they cover (the caseload's banner names those).
 */
export const ZVideoWaiting = z.object({
  waiting: z.array(
    z.object({
      appointmentId: z.uuid(),
      referralId: z.uuid(),
      waitingSince: z.string(),
      person: z.object({ givenName: z.string(), familyName: z.string() }),
      yours: z.boolean(),
    }),
  ),
});
export type VideoWaiting = z.infer<typeof ZVideoWaiting>;
