import { and, asc, desc, eq, exists, gte, inArray, isNotNull, lte, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { preparedPerScope } from '../../platform/db/prepared.js';
import { teamGroupAttendance, teamGroupFacilitators, teamGroupSessions, teamGroups } from './team-groups.tables.js';

// The only code that touches the team-groups tables. Every query that finds a group, a session
// or attendance takes the actor's scope: another PCN's rows are simply not found.

export type GroupRow = typeof teamGroups.$inferSelect;
export type SessionRow = typeof teamGroupSessions.$inferSelect;
export type FacilitatorRow = typeof teamGroupFacilitators.$inferSelect;
export type AttendanceRow = typeof teamGroupAttendance.$inferSelect;

export async function findGroupsOfPcn(db: DbOrTx, scope: Scope): Promise<GroupRow[]> {
  return db
    .select()
    .from(teamGroups)
    .where(scopeWhere(scope, { pcnId: teamGroups.pcnId }))
    .orderBy(sql`${teamGroups.closedAt} IS NOT NULL`, asc(teamGroups.name), asc(teamGroups.id));
}

export async function findGroup(
  db: DbOrTx,
  scope: Scope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<GroupRow | null> {
  const query = db
    .select()
    .from(teamGroups)
    .where(and(scopeWhere(scope, { pcnId: teamGroups.pcnId }), eq(teamGroups.id, id)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertGroup(tx: DbOrTx, values: typeof teamGroups.$inferInsert): Promise<GroupRow> {
  const [row] = await tx.insert(teamGroups).values(values).returning();
  if (!row) throw new Error('group insert returned nothing');
  return row;
}

export async function updateGroup(
  tx: DbOrTx,
  scope: Scope,
  id: string,
  version: number,
  values: Partial<typeof teamGroups.$inferInsert>,
): Promise<GroupRow | null> {
  const [row] = await tx
    .update(teamGroups)
    .set({ ...values, version: sql`${teamGroups.version} + 1` })
    .where(and(scopeWhere(scope, { pcnId: teamGroups.pcnId }), eq(teamGroups.id, id), eq(teamGroups.version, version)))
    .returning();
  return row ?? null;
}

export async function findFacilitators(db: DbOrTx, groupIds: string[]): Promise<FacilitatorRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select()
    .from(teamGroupFacilitators)
    .where(inArray(teamGroupFacilitators.groupId, groupIds))
    .orderBy(asc(teamGroupFacilitators.id));
}

export async function replaceFacilitators(
  tx: DbOrTx,
  groupId: string,
  staffIds: string[],
  volunteerIds: string[],
): Promise<void> {
  await tx.delete(teamGroupFacilitators).where(eq(teamGroupFacilitators.groupId, groupId));
  const rows = [
    ...staffIds.map((userId) => ({ groupId, userId })),
    ...volunteerIds.map((volunteerId) => ({ groupId, volunteerId })),
  ];
  if (rows.length > 0) await tx.insert(teamGroupFacilitators).values(rows);
}

export async function findSessions(db: DbOrTx, groupId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(teamGroupSessions)
    .where(eq(teamGroupSessions.groupId, groupId))
    .orderBy(desc(teamGroupSessions.startsAt));
}

export async function findSession(
  db: DbOrTx,
  scope: Scope,
  groupId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SessionRow | null> {
  const query = db
    .select()
    .from(teamGroupSessions)
    .where(
      and(
        scopeWhere(scope, { pcnId: teamGroupSessions.pcnId }),
        eq(teamGroupSessions.groupId, groupId),
        eq(teamGroupSessions.id, id),
      ),
    );
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertSession(tx: DbOrTx, values: typeof teamGroupSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(teamGroupSessions).values(values).returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export async function markRegisterTaken(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { othersCount: number; registerTakenBy: string },
): Promise<SessionRow | null> {
  const [row] = await tx
    .update(teamGroupSessions)
    .set({ ...values, registerTakenAt: new Date(), version: sql`${teamGroupSessions.version} + 1` })
    .where(and(eq(teamGroupSessions.id, id), eq(teamGroupSessions.version, version)))
    .returning();
  return row ?? null;
}

export async function findAttendance(db: DbOrTx, sessionIds: string[]): Promise<AttendanceRow[]> {
  if (sessionIds.length === 0) return [];
  return db.select().from(teamGroupAttendance).where(inArray(teamGroupAttendance.sessionId, sessionIds));
}

export async function replaceAttendance(
  tx: DbOrTx,
  sessionId: string,
  rows: Omit<typeof teamGroupAttendance.$inferInsert, 'sessionId'>[],
): Promise<void> {
  await tx.delete(teamGroupAttendance).where(eq(teamGroupAttendance.sessionId, sessionId));
  if (rows.length > 0) await tx.insert(teamGroupAttendance).values(rows.map((r) => ({ ...r, sessionId })));
}

/** A case's attendance as the case record sees it: one condition for the read and for its presence. */
const attendanceOfCaseWhere = (scope: Scope, referralId: Placeholder) =>
  and(scopeWhere(scope, { pcnId: teamGroupAttendance.pcnId }), eq(teamGroupAttendance.referralId, referralId));

/**
 * Whether findAttendanceOfCase could find any row (its attendance, without the joins to the
 * session and group, which only ever narrow it): a part of the case record's presence read.
 */
export const attendanceOfCaseExists = (db: DbOrTx, scope: Scope, referralId: Placeholder): SQL =>
  exists(db.select({ one: sql`1` }).from(teamGroupAttendance).where(attendanceOfCaseWhere(scope, referralId)));

// Read on every case record viewed: prepared (platform/db/prepared.ts).
const attendanceOfCase = preparedPerScope('team_groups_attendance_of_case', (db, scope) =>
  db
    .select({
      sessionId: teamGroupSessions.id,
      groupId: teamGroups.id,
      groupName: teamGroups.name,
      venue: teamGroups.venue,
      startsAt: teamGroupSessions.startsAt,
      durationMinutes: teamGroupSessions.durationMinutes,
      recordedBy: teamGroupAttendance.recordedBy,
    })
    .from(teamGroupAttendance)
    .innerJoin(teamGroupSessions, eq(teamGroupSessions.id, teamGroupAttendance.sessionId))
    .innerJoin(teamGroups, eq(teamGroups.id, teamGroupSessions.groupId))
    .where(attendanceOfCaseWhere(scope, sql.placeholder('referralId')))
    .orderBy(asc(teamGroupSessions.startsAt)),
);

/** The sessions of a case's attendance, with their group, for the case timeline. */
export async function findAttendanceOfCase(db: DbOrTx, scope: Scope, referralId: string) {
  return attendanceOfCase(db, scope, { referralId });
}

/** Per group of the PCN: registers taken between the two instants, attendances of people with cases and others. */
export async function attendanceFigures(db: DbOrTx, scope: Scope, from: Date, to: Date) {
  const held = and(
    scopeWhere(scope, { pcnId: teamGroupSessions.pcnId }),
    isNotNull(teamGroupSessions.registerTakenAt),
    gte(teamGroupSessions.startsAt, from),
    lte(teamGroupSessions.startsAt, to),
  );
  const sessions = await db
    .select({
      groupId: teamGroupSessions.groupId,
      sessions: sql<number>`count(*)::int`,
      others: sql<number>`coalesce(sum(${teamGroupSessions.othersCount}), 0)::int`,
    })
    .from(teamGroupSessions)
    .where(held)
    .groupBy(teamGroupSessions.groupId);
  const people = await db
    .select({
      groupId: teamGroupSessions.groupId,
      attendances: sql<number>`count(*)::int`,
      people: sql<number>`count(DISTINCT ${teamGroupAttendance.personId})::int`,
    })
    .from(teamGroupAttendance)
    .innerJoin(teamGroupSessions, eq(teamGroupSessions.id, teamGroupAttendance.sessionId))
    .where(held)
    .groupBy(teamGroupSessions.groupId);
  const [distinct] = await db
    .select({ people: sql<number>`count(DISTINCT ${teamGroupAttendance.personId})::int` })
    .from(teamGroupAttendance)
    .innerJoin(teamGroupSessions, eq(teamGroupSessions.id, teamGroupAttendance.sessionId))
    .where(held);
  return { sessions, people, distinctPeople: distinct?.people ?? 0 };
}

/** The next session of each group from `now`. */
export async function nextSessions(db: DbOrTx, scope: Scope, now: Date): Promise<Map<string, Date>> {
  const rows = await db
    .select({ groupId: teamGroupSessions.groupId, at: sql<Date>`min(${teamGroupSessions.startsAt})` })
    .from(teamGroupSessions)
    .where(and(scopeWhere(scope, { pcnId: teamGroupSessions.pcnId }), gte(teamGroupSessions.startsAt, now)))
    .groupBy(teamGroupSessions.groupId);
  return new Map(rows.map((r) => [r.groupId, new Date(r.at)]));
}
