import { sql } from 'drizzle-orm';
import type { Db, Tx } from './db/client.js';
// Realtime fan-out through PostgreSQL LISTEN/NOTIFY, so it works with any number of app
// instances. A NOTIFY sent inside a transaction is delivered only if and when it commits:
// listeners never hear of a change that was rolled back.
export const REALTIME_CHANNEL = 'waymark_events';

export interface RealtimeEvent {
  /** e.g. 'referral.received', 'referral.changed', 'notification.created' */
  type: string;
  /** Who may hear it: a PCN's team, a VCS organisation's partners, one user. Payloads carry ids only, never personal data. */
  pcnId?: string;
  vcsOrganisationId?: string;
  userId?: string;
  referralId?: string;
  /** The stored id of a session (the SHA-256 of its token, never the token). Between instances only. */
  sessionId?: string;
  /**
   * A message for one connection held by whichever instance holds it (a video call's
   * signalling). Between instances only: never passed on to an event stream (see mayHear).
   */
  relay?: RelayEnvelope;
}

/** Addressed to a connection (`to`: its id, or a name the module gives a group) of a room. */
export interface RelayEnvelope {
  room: string;
  to: string;
  body: unknown;
}

/** The type of every relay event. */
export const RELAY = 'relay';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_NOTIFY_BYTES = 7_900;

/**
 * A session ended (sign-out), or every session of a user did (deactivation): each instance ends
 * the open event streams it serves for it at once. Never passed on to a browser.
 */
export const SESSION_ENDED = 'session.ended';

/** Announces an event when, and only if, the transaction that caused it commits. */
export async function publish(tx: Tx, event: RealtimeEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`);
}

/**
 * Relays a message that records no change (an offer, an answer, an ICE candidate) at once, on a
 * connection of its own rather than in a transaction. False when it is too large for NOTIFY.
 */
export async function relayNow(db: Db, relay: RelayEnvelope): Promise<boolean> {
  const payload = JSON.stringify({ type: RELAY, relay });
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) return false;
  await db.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${payload})`);
  return true;
}

/** Relays a message when, and only if, the transaction that caused it commits (admitted, ended). */
export async function relayOnCommit(tx: Tx, relay: RelayEnvelope): Promise<void> {
  await publish(tx, { type: RELAY, relay });
}

/** Announces, with the transaction that ends them, that a session or all of a user's sessions ended. */
export async function announceSessionEnded(tx: Tx, ended: { sessionId: string } | { userId: string }): Promise<void> {
  await publish(tx, { type: SESSION_ENDED, ...ended });
}
