import { and, asc, eq, exists, isNull, max, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedPerScope } from '../../platform/db/prepared.js';
import { caseContacts, caseNotes, gpMessages, plannedContacts } from './cases.tables.js';

// A case is a referral: it is found through referrals.service's findReferralInScope.
export type { ReferralRow } from '../referrals/referrals.service.js';
export type ContactRow = typeof caseContacts.$inferSelect;
export type NoteRow = typeof caseNotes.$inferSelect;
export type GpMessageRow = typeof gpMessages.$inferSelect;
export type PlannedContactRow = typeof plannedContacts.$inferSelect;

export async function insertContact(db: DbOrTx, values: typeof caseContacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(caseContacts).values(values).returning();
  return row as ContactRow;
}

export async function insertNote(db: DbOrTx, values: typeof caseNotes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(caseNotes).values(values).returning();
  return row as NoteRow;
}

// The case record's reads: prepared (platform/db/prepared.ts), as they run on every case viewed.
const contactsOfCase = preparedPerScope('cases_contacts', (db, scope) =>
  db
    .select()
    .from(caseContacts)
    .where(
      and(eq(caseContacts.referralId, sql.placeholder('referralId')), scopeWhere(scope, { pcnId: caseContacts.pcnId })),
    )
    .orderBy(asc(caseContacts.at)),
);

export async function findContacts(db: DbOrTx, scope: Scope, referralId: string): Promise<ContactRow[]> {
  return contactsOfCase(db, scope, { referralId });
}

const notesOfCaseWhere = (scope: Scope, referralId: Placeholder) =>
  and(eq(caseNotes.referralId, referralId), scopeWhere(scope, { pcnId: caseNotes.pcnId }));

const notesOfCase = preparedPerScope('cases_notes', (db, scope) =>
  db
    .select()
    .from(caseNotes)
    .where(notesOfCaseWhere(scope, sql.placeholder('referralId')))
    .orderBy(asc(caseNotes.createdAt)),
);

/** Whether findNotes would find any row: a part of the case record's presence read. */
export const notesOfCaseExist = (db: DbOrTx, scope: Scope, referralId: Placeholder): SQL =>
  exists(db.select({ one: sql`1` }).from(caseNotes).where(notesOfCaseWhere(scope, referralId)));

export async function findNotes(db: DbOrTx, scope: Scope, referralId: string): Promise<NoteRow[]> {
  return notesOfCase(db, scope, { referralId });
}

export async function countAttendedContacts(db: DbOrTx, referralId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(caseContacts)
    .where(and(eq(caseContacts.referralId, referralId), eq(caseContacts.outcome, 'attended')));
  return row?.n ?? 0;
}

export async function insertGpMessage(db: DbOrTx, values: typeof gpMessages.$inferInsert): Promise<GpMessageRow> {
  const [row] = await db.insert(gpMessages).values(values).returning();
  return row as GpMessageRow;
}

/** The message of a referral, seen by its referring practice or by the PCN's team. */
export async function findGpMessage(db: DbOrTx, scope: Scope, referralId: string): Promise<GpMessageRow | null> {
  const [row] = await db
    .select()
    .from(gpMessages)
    .where(
      and(
        eq(gpMessages.referralId, referralId),
        scopeWhere(scope, { practiceId: gpMessages.practiceId, pcnId: gpMessages.pcnId }),
      ),
    );
  return row ?? null;
}

/** When each of these cases of one PCN last had an attended contact (one query). */
export async function findLastAttendedContacts(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<{ referralId: string; at: Date | null }[]> {
  if (referralIds.length === 0) return [];
  return lastAttendedOf(db, scope, { referralIds });
}

// Read for every caseload page: prepared.
const lastAttendedOf = preparedPerScope('cases_last_attended', (db, scope) =>
  db
    .select({ referralId: caseContacts.referralId, at: max(caseContacts.at) })
    .from(caseContacts)
    .where(
      and(
        anyOfIdsPlaceholder(caseContacts.referralId, 'referralIds'),
        scopeWhere(scope, { pcnId: caseContacts.pcnId }),
        eq(caseContacts.outcome, 'attended'),
      ),
    )
    .groupBy(caseContacts.referralId),
);

const isOpen = and(isNull(plannedContacts.settledByContactId), isNull(plannedContacts.cancelledAt));

export async function insertPlannedContact(
  db: DbOrTx,
  values: typeof plannedContacts.$inferInsert,
): Promise<PlannedContactRow> {
  const [row] = await db.insert(plannedContacts).values(values).returning();
  return row as PlannedContactRow;
}

const plannedContactsOfCaseWhere = (scope: Scope, referralId: Placeholder) =>
  and(eq(plannedContacts.referralId, referralId), scopeWhere(scope, { pcnId: plannedContacts.pcnId }));

const plannedContactsOfCase = preparedPerScope('cases_planned_contacts', (db, scope) =>
  db
    .select()
    .from(plannedContacts)
    .where(plannedContactsOfCaseWhere(scope, sql.placeholder('referralId')))
    .orderBy(asc(plannedContacts.createdAt)),
);

/** Whether findPlannedContacts would find any row: a part of the case record's presence read. */
export const plannedContactsOfCaseExist = (db: DbOrTx, scope: Scope, referralId: Placeholder): SQL =>
  exists(db.select({ one: sql`1` }).from(plannedContacts).where(plannedContactsOfCaseWhere(scope, referralId)));

/** Every planned contact of a case, open or not, in booking order (for the timeline). */
export async function findPlannedContacts(db: DbOrTx, scope: Scope, referralId: string): Promise<PlannedContactRow[]> {
  return plannedContactsOfCase(db, scope, { referralId });
}

/** The open planned contacts of a case, soonest first. */
export async function findOpenPlannedContacts(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
): Promise<PlannedContactRow[]> {
  return db
    .select()
    .from(plannedContacts)
    .where(and(eq(plannedContacts.referralId, referralId), scopeWhere(scope, { pcnId: plannedContacts.pcnId }), isOpen))
    .orderBy(asc(plannedContacts.plannedFor), asc(plannedContacts.createdAt));
}

export async function findPlannedContact(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
  id: string,
): Promise<PlannedContactRow | null> {
  const [row] = await db
    .select()
    .from(plannedContacts)
    .where(
      and(
        eq(plannedContacts.id, id),
        eq(plannedContacts.referralId, referralId),
        scopeWhere(scope, { pcnId: plannedContacts.pcnId }),
      ),
    );
  return row ?? null;
}

/** Cancels one planned contact if it is still open; null when it was already settled or cancelled. */
export async function cancelPlannedContact(
  db: DbOrTx,
  id: string,
  by: { userId: string; at: Date },
): Promise<PlannedContactRow | null> {
  const [row] = await db
    .update(plannedContacts)
    .set({ cancelledAt: by.at, cancelledByUserId: by.userId })
    .where(and(eq(plannedContacts.id, id), isOpen))
    .returning();
  return row ?? null;
}

/** Cancels every open planned contact of a case (it is closing); returns the ids cancelled. */
export async function cancelOpenPlannedContacts(
  db: DbOrTx,
  referralId: string,
  by: { userId: string | null; at: Date },
): Promise<string[]> {
  const rows = await db
    .update(plannedContacts)
    .set({ cancelledAt: by.at, cancelledByUserId: by.userId })
    .where(and(eq(plannedContacts.referralId, referralId), isOpen))
    .returning({ id: plannedContacts.id });
  return rows.map((r) => r.id);
}

/**
 * Settles, by this contact, every open planned contact of the case planned for before the end of
 * the contact's day in UK time (a visit booked for 15:00 is kept by a contact at 10:00 that day).
 */
export async function settlePlannedContacts(db: DbOrTx, referralId: string, contact: ContactRow): Promise<string[]> {
  const endOfDay = sql`((((${contact.at.toISOString()})::timestamptz AT TIME ZONE 'Europe/London')::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
  const rows = await db
    .update(plannedContacts)
    .set({ settledByContactId: contact.id })
    .where(and(eq(plannedContacts.referralId, referralId), isOpen, sql`${plannedContacts.plannedFor} < ${endOfDay}`))
    .returning({ id: plannedContacts.id });
  return rows.map((r) => r.id);
}

/** The earliest open planned contact of each of these cases of one PCN (one query). */
export async function findNextPlannedContacts(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<{ referralId: string; plannedFor: Date; mode: PlannedContactRow['mode'] }[]> {
  if (referralIds.length === 0) return [];
  return nextPlannedOf(db, scope, { referralIds });
}

// Read for every caseload page: prepared.
const nextPlannedOf = preparedPerScope('cases_next_planned', (db, scope) =>
  db
    .selectDistinctOn([plannedContacts.referralId], {
      referralId: plannedContacts.referralId,
      plannedFor: plannedContacts.plannedFor,
      mode: plannedContacts.mode,
    })
    .from(plannedContacts)
    .where(
      and(
        anyOfIdsPlaceholder(plannedContacts.referralId, 'referralIds'),
        scopeWhere(scope, { pcnId: plannedContacts.pcnId }),
        isOpen,
      ),
    )
    .orderBy(plannedContacts.referralId, asc(plannedContacts.plannedFor)),
);

/** Whether the person has been met on this case: an attended contact (the first-contact milestone's test). */
export async function hasAttendedContact(db: DbOrTx, referralId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: caseContacts.id })
    .from(caseContacts)
    .where(and(eq(caseContacts.referralId, referralId), eq(caseContacts.outcome, 'attended')))
    .limit(1);
  return row !== undefined;
}

/**
 * Open planned contacts on a London calendar day (yyyy-mm-dd), every PCN: the day-before
 * reminders' list. The day is London's, whatever the database's time zone, across BST and GMT.
 */
export async function findOpenPlannedContactsOnLondonDay(db: DbOrTx, day: string): Promise<PlannedContactRow[]> {
  return (
    db
      .select()
      .from(plannedContacts)
      // The day's bounds as instants (London midnight to midnight), so an index on planned_for could serve it.
      .where(
        and(
          isOpen,
          sql`${plannedContacts.plannedFor} >= (${day}::date::timestamp AT TIME ZONE 'Europe/London')`,
          sql`${plannedContacts.plannedFor} < ((${day}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`,
        ),
      )
      .orderBy(asc(plannedContacts.plannedFor))
  );
}

/** One message back by its own id, in scope (the FHIR Bundle's id). */
export async function findGpMessageById(db: DbOrTx, scope: Scope, id: string): Promise<GpMessageRow | null> {
  const [row] = await db
    .select()
    .from(gpMessages)
    .where(
      and(eq(gpMessages.id, id), scopeWhere(scope, { practiceId: gpMessages.practiceId, pcnId: gpMessages.pcnId })),
    );
  return row ?? null;
}

/**
 * Messages back in scope, oldest first, written after `since` (exclusive, to the millisecond the
 * API shows as meta.lastUpdated); one more than `limit` tells a next page exists. New messages
 * sort last, so offset paging is stable for a reader walking forward.
 */
export async function listGpMessagesInScope(
  db: DbOrTx,
  scope: Scope,
  q: { since: Date | null; offset: number; limit: number },
): Promise<GpMessageRow[]> {
  return db
    .select()
    .from(gpMessages)
    .where(
      and(
        scopeWhere(scope, { practiceId: gpMessages.practiceId, pcnId: gpMessages.pcnId }),
        q.since
          ? sql`date_trunc('milliseconds', ${gpMessages.createdAt}) > ${q.since.toISOString()}::timestamptz`
          : undefined,
      ),
    )
    .orderBy(asc(gpMessages.createdAt), asc(gpMessages.id))
    .offset(q.offset)
    .limit(q.limit + 1);
}
