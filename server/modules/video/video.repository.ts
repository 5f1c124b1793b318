import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { videoAppointments } from './video.tables.js';

// The only code that touches video_appointments. State changes are conditional updates (the
// state they start from is in the where-clause), so two instances racing for the same change
// cannot both make it: the loser gets no row back.

export type VideoAppointmentRow = typeof videoAppointments.$inferSelect;

export async function insertAppointment(
  db: DbOrTx,
  values: typeof videoAppointments.$inferInsert,
): Promise<VideoAppointmentRow> {
  const [row] = await db.insert(videoAppointments).values(values).returning();
  return row as VideoAppointmentRow;
}

/** By the link's token hash (public: no scope; the hash is the credential). */
export async function findByTokenHash(
  db: DbOrTx,
  tokenHash: string,
  opts: { lock?: boolean } = {},
): Promise<VideoAppointmentRow | null> {
  const query = db.select().from(videoAppointments).where(eq(videoAppointments.tokenHash, tokenHash));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<VideoAppointmentRow | null> {
  const query = db
    .select()
    .from(videoAppointments)
    .where(and(eq(videoAppointments.id, id), scopeWhere(scope, { pcnId: videoAppointments.pcnId })));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** For relaying a signal: the call's peers as they are now (the sender was authenticated at join). */
export async function findById(db: DbOrTx, id: string): Promise<VideoAppointmentRow | null> {
  const [row] = await db.select().from(videoAppointments).where(eq(videoAppointments.id, id));
  return row ?? null;
}

export async function findOfPlannedContact(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
  plannedContactId: string,
  opts: { lock?: boolean } = {},
): Promise<VideoAppointmentRow | null> {
  const query = db
    .select()
    .from(videoAppointments)
    .where(
      and(
        eq(videoAppointments.referralId, referralId),
        eq(videoAppointments.plannedContactId, plannedContactId),
        scopeWhere(scope, { pcnId: videoAppointments.pcnId }),
      ),
    );
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findOfCase(db: DbOrTx, scope: Scope, referralId: string): Promise<VideoAppointmentRow[]> {
  return db
    .select()
    .from(videoAppointments)
    .where(and(eq(videoAppointments.referralId, referralId), scopeWhere(scope, { pcnId: videoAppointments.pcnId })))
    .orderBy(videoAppointments.windowStartsAt);
}

/**
 * A person's connection silent for this long is stale: its app instance died without closing it
 * (the server pings every 15 seconds and cuts off a connection that misses one answer, so a live
 * one is never more than about 30 seconds quiet).
 */
export const PERSON_STALE_AFTER_MS = 45_000;

const staleBefore = (now: Date) => new Date(now.getTime() - PERSON_STALE_AFTER_MS).toISOString();

/** The person's connection is set and has been heard from lately. */
const personLive = (now: Date) =>
  and(
    isNotNull(videoAppointments.personConnectionId),
    sql`${videoAppointments.personSeenAt} >= ${staleBefore(now)}::timestamptz`,
  );

/** Whether the row's person connection is live (set and not stale). */
export const personConnected = (row: VideoAppointmentRow, now: Date) =>
  row.personConnectionId !== null &&
  row.personSeenAt !== null &&
  row.personSeenAt.getTime() >= now.getTime() - PERSON_STALE_AFTER_MS;

/** Everyone waiting now in the scope (the caseload marks their cases). */
export async function findWaiting(db: DbOrTx, scope: Scope, now: Date): Promise<VideoAppointmentRow[]> {
  return db
    .select()
    .from(videoAppointments)
    .where(
      and(
        eq(videoAppointments.state, 'waiting'),
        scopeWhere(scope, { pcnId: videoAppointments.pcnId }),
        personLive(now),
      ),
    )
    .orderBy(videoAppointments.waitingSince);
}

type Update = Partial<typeof videoAppointments.$inferInsert>;

async function updateWhere(db: DbOrTx, id: string, where: ReturnType<typeof and>, set: Update) {
  const [row] = await db
    .update(videoAppointments)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(videoAppointments.id, id), where))
    .returning();
  return row ?? null;
}

/** A new token (re-send): the old hash is gone, so the old link is dead. Not after the call. */
export const replaceToken = (db: DbOrTx, id: string, set: { tokenHash: string; userId: string; at: Date }) =>
  updateWhere(db, id, inArray(videoAppointments.state, ['booked', 'waiting']), {
    tokenHash: set.tokenHash,
    linkIssuedAt: set.at,
    linkIssuedByUserId: set.userId,
    revokedAt: null,
    revokedByUserId: null,
  });

export const revoke = (db: DbOrTx, id: string, set: { userId: string; at: Date }) =>
  updateWhere(
    db,
    id,
    and(isNull(videoAppointments.revokedAt), inArray(videoAppointments.state, ['booked', 'waiting'])),
    {
      revokedAt: set.at,
      revokedByUserId: set.userId,
      state: 'booked',
      personConnectionId: null,
      waitingSince: null,
    },
  );

export const markOpened = (db: DbOrTx, id: string, at: Date) =>
  updateWhere(db, id, isNull(videoAppointments.openedAt), { openedAt: at });

/**
 * The person's connection waits (from booked), or takes up its place in the call again (after a
 * drop). It takes the place of `replaces` (the same page's earlier connection, which it names) or
 * of a stale one; never of another live device.
 */
export const attachPerson = (db: DbOrTx, id: string, connectionId: string, at: Date, replaces: string | null) =>
  updateWhere(
    db,
    id,
    and(
      or(
        isNull(videoAppointments.personConnectionId),
        replaces ? eq(videoAppointments.personConnectionId, replaces) : undefined,
        sql`${videoAppointments.personSeenAt} IS NULL OR ${videoAppointments.personSeenAt} < ${staleBefore(at)}::timestamptz`,
      ),
      inArray(videoAppointments.state, ['booked', 'waiting', 'in_call']),
    ),
    {
      personConnectionId: connectionId,
      personSeenAt: at,
      state:
        sql`CASE WHEN ${videoAppointments.state} = 'in_call' THEN 'in_call' ELSE 'waiting' END` as unknown as 'waiting',
      waitingSince:
        sql`COALESCE(${videoAppointments.waitingSince}, ${at.toISOString()}::timestamptz)` as unknown as Date,
    },
  );

/** The person's connection went: a waiting person is no longer waiting; a call stays on for them to come back. */
export const detachPerson = (db: DbOrTx, id: string, connectionId: string) =>
  updateWhere(db, id, eq(videoAppointments.personConnectionId, connectionId), {
    personConnectionId: null,
    personSeenAt: null,
    state:
      sql`CASE WHEN ${videoAppointments.state} = 'waiting' THEN 'booked' ELSE ${videoAppointments.state} END` as unknown as 'booked',
    waitingSince:
      sql`CASE WHEN ${videoAppointments.state} = 'waiting' THEN NULL ELSE ${videoAppointments.waitingSince} END` as unknown as Date,
  });

/** Admits the waiting person, or (in the call) hands the worker's side to a new connection of theirs. */
export const admit = (db: DbOrTx, id: string, set: { userId: string; connectionId: string; at: Date }) =>
  updateWhere(
    db,
    id,
    or(and(eq(videoAppointments.state, 'waiting'), personLive(set.at)), eq(videoAppointments.state, 'in_call')),
    {
      state: 'in_call',
      admittedAt:
        sql`COALESCE(${videoAppointments.admittedAt}, ${set.at.toISOString()}::timestamptz)` as unknown as Date,
      admittedByUserId: set.userId,
      workerConnectionId: set.connectionId,
    },
  );

/** The person's connection answered a ping: it is live. Null when it no longer holds the place. */
export const touchPerson = (db: DbOrTx, id: string, connectionId: string, at: Date) =>
  updateWhere(db, id, eq(videoAppointments.personConnectionId, connectionId), { personSeenAt: at });

export const detachWorker = (db: DbOrTx, id: string, connectionId: string) =>
  updateWhere(db, id, eq(videoAppointments.workerConnectionId, connectionId), { workerConnectionId: null });

export const end = (db: DbOrTx, id: string, set: { userId: string; at: Date }) =>
  updateWhere(db, id, inArray(videoAppointments.state, ['waiting', 'in_call']), {
    state: 'ended',
    endedAt: set.at,
    endedByUserId: set.userId,
    personConnectionId: null,
    workerConnectionId: null,
  });

/**
 * The planned contacts were called off: their links die with them. Returns the rows as they were
 * before (a waiting person's connection, to tell them).
 */
export async function cancelOfPlannedContacts(db: DbOrTx, plannedContactIds: string[]): Promise<VideoAppointmentRow[]> {
  if (plannedContactIds.length === 0) return [];
  const before = await db
    .select()
    .from(videoAppointments)
    .where(
      and(
        inArray(videoAppointments.plannedContactId, plannedContactIds),
        inArray(videoAppointments.state, ['booked', 'waiting']),
      ),
    )
    .for('update');
  if (before.length === 0) return [];
  await db
    .update(videoAppointments)
    .set({ state: 'cancelled', personConnectionId: null, workerConnectionId: null, updatedAt: new Date() })
    .where(
      inArray(
        videoAppointments.id,
        before.map((row) => row.id),
      ),
    );
  return before;
}
