import { sql } from 'drizzle-orm';
import type { Tx } from './db/client.js';
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
}

/**
 * A session ended (sign-out), or every session of a user did (deactivation): each instance ends
 * the open event streams it serves for it at once. Never passed on to a browser.
 */
export const SESSION_ENDED = 'session.ended';

/** Announces an event when, and only if, the transaction that caused it commits. */
export async function publish(tx: Tx, event: RealtimeEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Announces, with the transaction that ends them, that a session or all of a user's sessions ended. */
export async function announceSessionEnded(tx: Tx, ended: { sessionId: string } | { userId: string }): Promise<void> {
  await publish(tx, { type: SESSION_ENDED, ...ended });
}
