import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, validationError } from '../../platform/errors.js';
import { stableStringify } from '../../platform/stable-json.js';
import { ZIdempotencyKey } from './referrals.schemas.js';
import { idempotencyKeys } from './referrals.tables.js';

// Idempotent intake (Idempotency-Key header, IETF draft-ietf-httpapi-idempotency-key-header).
// The key is claimed by INSERTing its primary key inside the transaction that does the work: a
// second request with the same key waits on that row until the first commits (then replays its
// answer) or rolls back (then does the work itself). Only successful answers are kept; a request
// that failed stored nothing, so the same key may be used again once it is corrected.

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * How long a key's answer is kept (the draft lets a server expire keys; clients retry within
 * minutes): after a day the same key is a new request. The app's sweep purges older ones.
 */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60_000;

export async function purgeIdempotencyKeys(db: DbOrTx, now = new Date()): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)));
  return gone.rowCount ?? 0;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotencyClaim {
  owner: string;
  key: string;
  requestHash: string;
}

/** The key from the header, or undefined; a malformed key is a 400 naming the header. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = ZIdempotencyKey.safeParse(Array.isArray(header) ? header.join(',') : header);
  if (!parsed.success) {
    throw validationError([{ field: IDEMPOTENCY_HEADER, message: parsed.error.issues[0]?.message ?? 'is not valid' }]);
  }
  return parsed.data;
}

/** What makes two requests "the same": the operation and its body, with key order ignored. */
export function requestHash(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(stableStringify(body)).digest('hex');
}

function mismatch(): AppError {
  return new AppError('unprocessable', {
    userMessage: `This ${IDEMPOTENCY_HEADER} was already used for a different request. Send a new key for a new request.`,
    details: {
      errors: [{ field: IDEMPOTENCY_HEADER, message: 'was already used with a different request body' }],
    },
  });
}

async function findAnswer(db: DbOrTx, claim: IdempotencyClaim) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key)));
  return row ?? null;
}

/** The first answer for this key if there is one (422 if it was for a different request). */
export async function storedAnswer(db: DbOrTx, claim: IdempotencyClaim): Promise<StoredAnswer | null> {
  const row = await findAnswer(db, claim);
  if (!row) return null;
  if (row.requestHash !== claim.requestHash) throw mismatch();
  return { status: row.responseStatus, body: row.responseBody };
}

/**
 * Claims the key inside the caller's transaction. Returns null when this request owns it now;
 * otherwise the answer of the request that got there first (which has committed by the time the
 * INSERT returns, since it waited on the primary key).
 */
export async function claimKey(tx: DbOrTx, claim: IdempotencyClaim): Promise<StoredAnswer | null> {
  const inserted = await tx
    .insert(idempotencyKeys)
    // Status 0 marks "in progress"; it is never visible to others, who wait for the commit.
    .values({ ...claim, responseStatus: 0, responseBody: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return null;
  const answer = await storedAnswer(tx, claim);
  if (!answer) throw new Error('idempotency key conflicted but no answer was found');
  return answer;
}

/** Records the answer for the claimed key, in the same transaction as the work. */
export async function saveAnswer(tx: DbOrTx, claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: answer.status, responseBody: answer.body })
    .where(and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key)));
}
