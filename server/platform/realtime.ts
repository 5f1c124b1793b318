import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db/client.js';

// Realtime fan-out through PostgreSQL LISTEN/NOTIFY, so it works with any number of app
// instances. A NOTIFY sent inside a transaction is delivered only if and when it commits:
// listeners never hear of a change that was rolled back.
export const REALTIME_CHANNEL = 'waymark_events';

export interface RealtimeEvent {
  /** e.g. 'referral.received', 'referral.changed', 'notification.created' */
  type: string;
  /** Who may hear it: a PCN's team, one user. Payloads carry ids only, never personal data. */
  pcnId?: string;
  userId?: string;
  referralId?: string;
}

export async function publish(dbOrTx: DbOrTx, event: RealtimeEvent): Promise<void> {
  await dbOrTx.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`);
}
