import { type Signal, type VideoServerMessage, ZSignal } from '../../../../common/video.js';

// What travels between instances in a relay's body: a server message for one connection. Bodies
// are written by Waymark, but they crossed PostgreSQL: each is checked again before a browser
// gets it, and anything else is dropped.

export const REFUSED_UNAVAILABLE: VideoServerMessage = { type: 'refused', reason: 'unavailable' };

/** The name a relay to every worker connection of an appointment is addressed to. */
export const WORKERS = 'workers';

export function relayedMessage(body: unknown): VideoServerMessage | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  switch (b.type) {
    case 'signal': {
      const signal = ZSignal.safeParse(b.signal);
      return signal.success ? { type: 'signal', signal: signal.data as Signal } : null;
    }
    case 'state':
      return typeof b.state === 'string' ? (b as VideoServerMessage) : null;
    case 'refused':
    case 'peer':
      return b as VideoServerMessage;
    default:
      return null;
  }
}
