import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { staffLeave } from './workforce.tables.js';

export type LeaveRow = typeof staffLeave.$inferSelect;

/** Leave of the PCN's team that has not ended before `fromDate`. */
export async function findLeaveOfPcn(db: DbOrTx, pcnId: string, fromDate: string): Promise<LeaveRow[]> {
  return db
    .select()
    .from(staffLeave)
    .where(and(eq(staffLeave.pcnId, pcnId), gte(staffLeave.endsOn, fromDate)))
    .orderBy(asc(staffLeave.startsOn), asc(staffLeave.createdAt));
}

/** Leave periods of the PCN that include `date`. */
export async function findLeaveOnDate(db: DbOrTx, pcnId: string, date: string): Promise<LeaveRow[]> {
  return db
    .select()
    .from(staffLeave)
    .where(and(eq(staffLeave.pcnId, pcnId), lte(staffLeave.startsOn, date), gte(staffLeave.endsOn, date)));
}

export async function findOverlappingLeave(
  db: DbOrTx,
  userId: string,
  startsOn: string,
  endsOn: string,
): Promise<LeaveRow | null> {
  const [row] = await db
    .select()
    .from(staffLeave)
    .where(and(eq(staffLeave.userId, userId), lte(staffLeave.startsOn, endsOn), gte(staffLeave.endsOn, startsOn)))
    .limit(1);
  return row ?? null;
}

export async function insertLeave(db: DbOrTx, values: typeof staffLeave.$inferInsert): Promise<LeaveRow> {
  const [row] = await db.insert(staffLeave).values(values).returning();
  return row as LeaveRow;
}

export async function deleteLeaveOfPcn(db: DbOrTx, pcnId: string, id: string): Promise<LeaveRow | null> {
  const [row] = await db
    .delete(staffLeave)
    .where(and(eq(staffLeave.id, id), eq(staffLeave.pcnId, pcnId)))
    .returning();
  return row ?? null;
}

/** Serialises leave changes of one person, so two overlapping periods cannot both be recorded. */
export async function lockLeaveOf(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('waymark.leave'), hashtext(${userId}))`);
}
