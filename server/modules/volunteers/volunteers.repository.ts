import { and, asc, desc, eq, exists, gte, inArray, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { preparedPerScope } from '../../platform/db/prepared.js';
import { befriendingAssignments, volunteerChecks, volunteerHours, volunteers } from './volunteers.tables.js';

// The only code that touches the volunteers tables. Every query that finds a volunteer (or their
// befriending) takes the actor's scope: another PCN's rows are simply not found.

export type VolunteerRow = typeof volunteers.$inferSelect;
export type CheckRow = typeof volunteerChecks.$inferSelect;
export type BefriendingRow = typeof befriendingAssignments.$inferSelect;
export type HoursRow = typeof volunteerHours.$inferSelect;

export async function findVolunteersOfPcn(db: DbOrTx, scope: Scope): Promise<VolunteerRow[]> {
  return db
    .select()
    .from(volunteers)
    .where(scopeWhere(scope, { pcnId: volunteers.pcnId }))
    .orderBy(sql`${volunteers.endedOn} IS NOT NULL`, asc(volunteers.name), asc(volunteers.id));
}

export async function findVolunteer(
  db: DbOrTx,
  scope: Scope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<VolunteerRow | null> {
  const query = db
    .select()
    .from(volunteers)
    .where(and(scopeWhere(scope, { pcnId: volunteers.pcnId }), eq(volunteers.id, id)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findVolunteersByIds(db: DbOrTx, scope: Scope, ids: string[]): Promise<VolunteerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(volunteers)
    .where(and(scopeWhere(scope, { pcnId: volunteers.pcnId }), inArray(volunteers.id, ids)));
}

export async function insertVolunteer(tx: DbOrTx, values: typeof volunteers.$inferInsert): Promise<VolunteerRow> {
  const [row] = await tx.insert(volunteers).values(values).returning();
  if (!row) throw new Error('volunteer insert returned nothing');
  return row;
}

/** Updates a volunteer at the version the caller saw; null when someone else changed it first. */
export async function updateVolunteer(
  tx: DbOrTx,
  scope: Scope,
  id: string,
  version: number,
  values: Partial<typeof volunteers.$inferInsert>,
): Promise<VolunteerRow | null> {
  const [row] = await tx
    .update(volunteers)
    .set({ ...values, version: sql`${volunteers.version} + 1` })
    .where(and(scopeWhere(scope, { pcnId: volunteers.pcnId }), eq(volunteers.id, id), eq(volunteers.version, version)))
    .returning();
  return row ?? null;
}

export async function findChecks(db: DbOrTx, volunteerIds: string[]): Promise<CheckRow[]> {
  if (volunteerIds.length === 0) return [];
  return db
    .select()
    .from(volunteerChecks)
    .where(inArray(volunteerChecks.volunteerId, volunteerIds))
    .orderBy(desc(volunteerChecks.completedOn), desc(volunteerChecks.createdAt));
}

export async function insertCheck(tx: DbOrTx, values: typeof volunteerChecks.$inferInsert): Promise<CheckRow> {
  const [row] = await tx.insert(volunteerChecks).values(values).returning();
  if (!row) throw new Error('check insert returned nothing');
  return row;
}

export async function findBefriendingOfVolunteers(db: DbOrTx, volunteerIds: string[]): Promise<BefriendingRow[]> {
  if (volunteerIds.length === 0) return [];
  return db
    .select()
    .from(befriendingAssignments)
    .where(inArray(befriendingAssignments.volunteerId, volunteerIds))
    .orderBy(desc(befriendingAssignments.startedAt));
}

/** A case's befriending as the case record sees it: one condition for the read and for its presence. */
const befriendingOfCaseWhere = (scope: Scope, referralId: Placeholder) =>
  and(scopeWhere(scope, { pcnId: befriendingAssignments.pcnId }), eq(befriendingAssignments.referralId, referralId));

// Read on every case record viewed: prepared (platform/db/prepared.ts).
const befriendingOfCase = preparedPerScope('volunteers_befriending_of_case', (db, scope) =>
  db
    .select()
    .from(befriendingAssignments)
    .where(befriendingOfCaseWhere(scope, sql.placeholder('referralId')))
    .orderBy(asc(befriendingAssignments.startedAt)),
);

/** Whether findBefriendingOfCase would find any row: a part of the case record's presence read. */
export const befriendingOfCaseExists = (db: DbOrTx, scope: Scope, referralId: Placeholder): SQL =>
  exists(db.select({ one: sql`1` }).from(befriendingAssignments).where(befriendingOfCaseWhere(scope, referralId)));

export async function findBefriendingOfCase(db: DbOrTx, scope: Scope, referralId: string): Promise<BefriendingRow[]> {
  return befriendingOfCase(db, scope, { referralId });
}

export async function insertBefriending(
  tx: DbOrTx,
  values: typeof befriendingAssignments.$inferInsert,
): Promise<BefriendingRow> {
  const [row] = await tx.insert(befriendingAssignments).values(values).returning();
  if (!row) throw new Error('befriending insert returned nothing');
  return row;
}

export async function findOpenBefriending(
  db: DbOrTx,
  scope: Scope,
  volunteerId: string,
  id: string,
): Promise<BefriendingRow | null> {
  const [row] = await db
    .select()
    .from(befriendingAssignments)
    .where(
      and(
        scopeWhere(scope, { pcnId: befriendingAssignments.pcnId }),
        eq(befriendingAssignments.volunteerId, volunteerId),
        eq(befriendingAssignments.id, id),
      ),
    )
    .for('update');
  return row ?? null;
}

/** Ends open befriending (one, or all of a volunteer's); returns the rows it ended. */
export async function endBefriending(
  tx: DbOrTx,
  where: { volunteerId: string; id?: string },
  values: { endedOn: string; endedBy: string; endReason: BefriendingRow['endReason'] },
): Promise<BefriendingRow[]> {
  return tx
    .update(befriendingAssignments)
    .set({ ...values, endedAt: new Date() })
    .where(
      and(
        eq(befriendingAssignments.volunteerId, where.volunteerId),
        isNull(befriendingAssignments.endedOn),
        where.id ? eq(befriendingAssignments.id, where.id) : undefined,
      ),
    )
    .returning();
}

export async function findHours(db: DbOrTx, volunteerId: string): Promise<HoursRow[]> {
  return db
    .select()
    .from(volunteerHours)
    .where(eq(volunteerHours.volunteerId, volunteerId))
    .orderBy(desc(volunteerHours.workedOn), desc(volunteerHours.createdAt));
}

/** Minutes each volunteer of the PCN gave since `since` (a date). */
export async function minutesSince(db: DbOrTx, scope: Scope, since: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ volunteerId: volunteerHours.volunteerId, minutes: sql<number>`sum(${volunteerHours.minutes})::int` })
    .from(volunteerHours)
    .where(and(scopeWhere(scope, { pcnId: volunteerHours.pcnId }), gte(volunteerHours.workedOn, since)))
    .groupBy(volunteerHours.volunteerId);
  return new Map(rows.map((r) => [r.volunteerId, r.minutes]));
}

export async function insertHours(tx: DbOrTx, values: typeof volunteerHours.$inferInsert): Promise<HoursRow> {
  const [row] = await tx.insert(volunteerHours).values(values).returning();
  if (!row) throw new Error('hours insert returned nothing');
  return row;
}
