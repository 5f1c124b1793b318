import { and, asc, count, eq, exists, inArray, lte, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { ResidentMessageStatus } from '../../../common/resident-messages.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { preparedRead } from '../../platform/db/prepared.js';
import { residentMessageNotRestricted } from '../records/restrictions.service.js';
import { residentMessages } from './resident-messages.tables.js';

// Resident messages (GOV.UK Notify). Times come from the database clock (now()), the one clock
// every instance shares, as for the SMTP outbox.

export type ResidentMessageRow = typeof residentMessages.$inferSelect;
export type ResidentMessageInsert = typeof residentMessages.$inferInsert;

/** Inserts a queued message; null when its dedupe key was already used (nothing inserted). */
export async function insertResidentMessage(db: DbOrTx, values: ResidentMessageInsert): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(residentMessages)
    .values(values)
    .onConflictDoNothing({ target: residentMessages.dedupeKey })
    .returning({ id: residentMessages.id });
  return row ?? null;
}

// Messages about a person whose processing is restricted (UK GDPR Article 18) wait until it is lifted.
const due = () =>
  and(
    eq(residentMessages.status, 'queued'),
    lte(residentMessages.nextAttemptAt, sql`now()`),
    residentMessageNotRestricted(),
  );

export interface KindAndChannel {
  kind: ResidentMessageRow['kind'];
  channel: ResidentMessageRow['channel'];
}

/**
 * The oldest due message of one of the `sendable` kinds and channels (those with a template),
 * locked for this transaction; SKIP LOCKED lets every other worker pass it by while it is sent.
 */
export async function claimNextDueMessage(
  tx: DbOrTx,
  sendable: readonly KindAndChannel[],
): Promise<ResidentMessageRow | null> {
  if (sendable.length === 0) return null;
  const [row] = await tx
    .select()
    .from(residentMessages)
    .where(
      and(
        due(),
        or(...sendable.map((s) => and(eq(residentMessages.kind, s.kind), eq(residentMessages.channel, s.channel)))),
      ),
    )
    .orderBy(asc(residentMessages.nextAttemptAt), asc(residentMessages.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ?? null;
}

export async function markResidentMessageSent(tx: DbOrTx, id: string, notifyId: string): Promise<void> {
  await tx
    .update(residentMessages)
    .set({
      status: 'sent',
      notifyId,
      sentAt: sql`now()`,
      statusAt: sql`now()`,
      attempts: sql`${residentMessages.attempts} + 1`,
      lastError: null,
    })
    .where(eq(residentMessages.id, id));
}

export async function recordResidentMessageFailure(
  tx: DbOrTx,
  id: string,
  error: string,
  retryInMs: number,
): Promise<void> {
  await tx
    .update(residentMessages)
    .set({
      attempts: sql`${residentMessages.attempts} + 1`,
      lastError: error,
      nextAttemptAt: sql`now() + ${`${retryInMs} milliseconds`}::interval`,
    })
    .where(eq(residentMessages.id, id));
}

/** Notify refused the recipient for good: shown as not delivered, never retried. */
export async function markResidentMessageUndeliverable(tx: DbOrTx, id: string, error: string): Promise<void> {
  await tx
    .update(residentMessages)
    .set({
      status: 'permanent-failure',
      statusAt: sql`now()`,
      attempts: sql`${residentMessages.attempts} + 1`,
      lastError: error,
    })
    .where(eq(residentMessages.id, id));
}

/** Due messages by kind and channel (what waits while Notify or a template is not configured). */
export async function countDueMessages(db: DbOrTx): Promise<(KindAndChannel & { n: number })[]> {
  return db
    .select({ kind: residentMessages.kind, channel: residentMessages.channel, n: count() })
    .from(residentMessages)
    .where(due())
    .groupBy(residentMessages.kind, residentMessages.channel);
}

/** A delivery receipt: the status Notify reports, for the message Notify knows by this id. */
export async function updateStatusByNotifyId(
  db: DbOrTx,
  notifyId: string,
  status: ResidentMessageStatus,
  at: Date | null,
): Promise<{ id: string; icbId: string; referralId: string | null } | null> {
  const [row] = await db
    .update(residentMessages)
    .set({ status, statusAt: at ?? sql`now()` })
    // 'sending' is earlier news than a final status: a late one never undoes "delivered".
    .where(
      and(
        eq(residentMessages.notifyId, notifyId),
        status === 'sending' ? inArray(residentMessages.status, ['sent', 'sending']) : undefined,
      ),
    )
    .returning({ id: residentMessages.id, icbId: residentMessages.icbId, referralId: residentMessages.referralId });
  return row ?? null;
}

// Read on every case record viewed: prepared (platform/db/prepared.ts).
const messagesOfReferral = preparedRead('notifications_messages_of_referral', (db) =>
  db
    .select()
    .from(residentMessages)
    .where(eq(residentMessages.referralId, sql.placeholder('referralId')))
    .orderBy(asc(residentMessages.createdAt)),
);

export async function findMessagesOfReferral(db: DbOrTx, referralId: string): Promise<ResidentMessageRow[]> {
  return messagesOfReferral(db, { referralId });
}

/** Whether findMessagesOfReferral would find any row: a part of the case record's presence read. */
export const messagesOfReferralExist = (db: DbOrTx, referralId: Placeholder): SQL =>
  exists(db.select({ one: sql`1` }).from(residentMessages).where(eq(residentMessages.referralId, referralId)));

/**
 * Blanks the phone number or email address and the template's values of messages that were
 * settled (anything but queued or sending) before `before`: Notify keeps its copy 7 days, and
 * what was sent, when and what became of it is all the timeline needs after that.
 */
export async function forgetSettledRecipients(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .update(residentMessages)
    .set({ recipient: '', personalisation: {} })
    .where(
      and(
        sql`${residentMessages.status} NOT IN ('queued', 'sending')`,
        lte(sql`coalesce(${residentMessages.statusAt}, ${residentMessages.createdAt})`, before),
        sql`${residentMessages.recipient} <> ''`,
      ),
    )
    .returning({ id: residentMessages.id });
  return rows.length;
}
