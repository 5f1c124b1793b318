import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
// Reading the referrals table here is for scope checks and the row lock only (as allocation
// does); every status change goes through referrals.service's transitionReferral.
import { referrals } from '../referrals/referrals.tables.js';
import { caseContacts, caseNotes, gpMessages } from './cases.tables.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type ContactRow = typeof caseContacts.$inferSelect;
export type NoteRow = typeof caseNotes.$inferSelect;
export type GpMessageRow = typeof gpMessages.$inferSelect;

/** A referral of this PCN; `lock` holds it until the transaction ends (one case write at a time). */
export async function findReferralOfPcn(
  db: DbOrTx,
  pcnId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ReferralRow | null> {
  const q = db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.pcnId, pcnId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertContact(db: DbOrTx, values: typeof caseContacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(caseContacts).values(values).returning();
  return row as ContactRow;
}

export async function insertNote(db: DbOrTx, values: typeof caseNotes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(caseNotes).values(values).returning();
  return row as NoteRow;
}

export async function findContacts(db: DbOrTx, pcnId: string, referralId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(caseContacts)
    .where(and(eq(caseContacts.referralId, referralId), eq(caseContacts.pcnId, pcnId)))
    .orderBy(asc(caseContacts.at));
}

export async function findNotes(db: DbOrTx, pcnId: string, referralId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.referralId, referralId), eq(caseNotes.pcnId, pcnId)))
    .orderBy(asc(caseNotes.createdAt));
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
export async function findGpMessage(
  db: DbOrTx,
  where: { practiceId: string } | { pcnId: string },
  referralId: string,
): Promise<GpMessageRow | null> {
  const scope = 'practiceId' in where ? eq(gpMessages.practiceId, where.practiceId) : eq(gpMessages.pcnId, where.pcnId);
  const [row] = await db
    .select()
    .from(gpMessages)
    .where(and(eq(gpMessages.referralId, referralId), scope));
  return row ?? null;
}

/** When each of these cases of one PCN last had an attended contact (one query). */
export async function findLastAttendedContacts(
  db: DbOrTx,
  pcnId: string,
  referralIds: string[],
): Promise<{ referralId: string; at: Date | null }[]> {
  if (referralIds.length === 0) return [];
  return db
    .select({ referralId: caseContacts.referralId, at: max(caseContacts.at) })
    .from(caseContacts)
    .where(
      and(
        inArray(caseContacts.referralId, referralIds),
        eq(caseContacts.pcnId, pcnId),
        eq(caseContacts.outcome, 'attended'),
      ),
    )
    .groupBy(caseContacts.referralId);
}
