import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import {
  supervisionSessions,
  supervisionTargets,
  teamMemberSkills,
  teamProfiles,
  teamSkills,
  trainingRecords,
  trainingRequirements,
} from './team.tables.js';

// Every query here is bounded by an ICB (the lists) or by user ids the service has already found
// in the actor's scope (users.service findUserInScope / teamMembersOfPcn): the scope is checked
// there, once, before these are reached.

export type SkillRow = typeof teamSkills.$inferSelect;
export type ProfileRow = typeof teamProfiles.$inferSelect;
export type RequirementRow = typeof trainingRequirements.$inferSelect;
export type TrainingRow = typeof trainingRecords.$inferSelect;
export type TargetRow = typeof supervisionTargets.$inferSelect;
export type SupervisionRow = typeof supervisionSessions.$inferSelect;

export async function findSkillsOfIcb(db: DbOrTx, icbId: string): Promise<SkillRow[]> {
  return db
    .select()
    .from(teamSkills)
    .where(eq(teamSkills.icbId, icbId))
    .orderBy(asc(teamSkills.sortOrder), asc(teamSkills.label));
}

export async function findSkillsOfUsers(db: DbOrTx, userIds: string[]): Promise<(SkillRow & { userId: string })[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: teamMemberSkills.userId, skill: teamSkills })
    .from(teamMemberSkills)
    .innerJoin(teamSkills, eq(teamSkills.id, teamMemberSkills.skillId))
    .where(inArray(teamMemberSkills.userId, userIds))
    .orderBy(asc(teamSkills.sortOrder), asc(teamSkills.label));
  return rows.map((r) => ({ ...r.skill, userId: r.userId }));
}

export async function findProfiles(db: DbOrTx, userIds: string[]): Promise<ProfileRow[]> {
  if (userIds.length === 0) return [];
  return db.select().from(teamProfiles).where(inArray(teamProfiles.userId, userIds));
}

export async function upsertProfile(db: DbOrTx, values: typeof teamProfiles.$inferInsert): Promise<void> {
  const { userId: _id, ...set } = values;
  await db
    .insert(teamProfiles)
    .values(values)
    .onConflictDoUpdate({ target: teamProfiles.userId, set: { ...set, updatedAt: new Date() } });
}

export async function replaceMemberSkills(db: DbOrTx, userId: string, skillIds: string[]): Promise<void> {
  await db.delete(teamMemberSkills).where(eq(teamMemberSkills.userId, userId));
  if (skillIds.length > 0) await db.insert(teamMemberSkills).values(skillIds.map((skillId) => ({ userId, skillId })));
}

export async function findRequirementsOfIcb(db: DbOrTx, icbId: string): Promise<RequirementRow[]> {
  return db
    .select()
    .from(trainingRequirements)
    .where(eq(trainingRequirements.icbId, icbId))
    .orderBy(asc(trainingRequirements.role), asc(trainingRequirements.sortOrder), asc(trainingRequirements.title));
}

export async function findTrainingOfUsers(db: DbOrTx, userIds: string[]): Promise<TrainingRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(trainingRecords)
    .where(inArray(trainingRecords.userId, userIds))
    .orderBy(desc(trainingRecords.completedOn), desc(trainingRecords.createdAt));
}

export async function insertTraining(db: DbOrTx, values: typeof trainingRecords.$inferInsert): Promise<TrainingRow> {
  const [row] = await db.insert(trainingRecords).values(values).returning();
  return row as TrainingRow;
}

export async function findTargetsOfIcb(db: DbOrTx, icbId: string): Promise<TargetRow[]> {
  return db
    .select()
    .from(supervisionTargets)
    .where(eq(supervisionTargets.icbId, icbId))
    .orderBy(asc(supervisionTargets.role));
}

export async function findSupervisionsOfUsers(db: DbOrTx, userIds: string[]): Promise<SupervisionRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(supervisionSessions)
    .where(inArray(supervisionSessions.userId, userIds))
    .orderBy(desc(supervisionSessions.heldOn), desc(supervisionSessions.createdAt));
}

/** The sessions `supervisorId` gave, newest first (shown to that supervisor only). */
export async function findSupervisionsGivenBy(db: DbOrTx, supervisorId: string): Promise<SupervisionRow[]> {
  return db
    .select()
    .from(supervisionSessions)
    .where(eq(supervisionSessions.supervisorId, supervisorId))
    .orderBy(desc(supervisionSessions.heldOn), desc(supervisionSessions.createdAt))
    .limit(100);
}

export async function insertSupervision(
  db: DbOrTx,
  values: typeof supervisionSessions.$inferInsert,
): Promise<SupervisionRow> {
  const [row] = await db.insert(supervisionSessions).values(values).returning();
  return row as SupervisionRow;
}

/** Serialises writes to one ICB's team lists. */
export async function lockSettingsOf(db: DbOrTx, icbId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('waymark.team-settings'), hashtext(${icbId}))`);
}

export async function updateSkill(
  db: DbOrTx,
  icbId: string,
  id: string,
  values: Pick<SkillRow, 'label' | 'reasonCodes' | 'active' | 'sortOrder'>,
): Promise<SkillRow | null> {
  const [row] = await db
    .update(teamSkills)
    .set(values)
    .where(and(eq(teamSkills.id, id), eq(teamSkills.icbId, icbId)))
    .returning();
  return row ?? null;
}

export async function insertSkill(db: DbOrTx, values: typeof teamSkills.$inferInsert): Promise<SkillRow> {
  const [row] = await db.insert(teamSkills).values(values).returning();
  return row as SkillRow;
}

export async function updateRequirement(
  db: DbOrTx,
  icbId: string,
  id: string,
  values: Omit<typeof trainingRequirements.$inferInsert, 'id' | 'icbId'>,
): Promise<RequirementRow | null> {
  const [row] = await db
    .update(trainingRequirements)
    .set(values)
    .where(and(eq(trainingRequirements.id, id), eq(trainingRequirements.icbId, icbId)))
    .returning();
  return row ?? null;
}

export async function insertRequirement(
  db: DbOrTx,
  values: typeof trainingRequirements.$inferInsert,
): Promise<RequirementRow> {
  const [row] = await db.insert(trainingRequirements).values(values).returning();
  return row as RequirementRow;
}

export async function upsertTarget(db: DbOrTx, values: typeof supervisionTargets.$inferInsert): Promise<void> {
  await db
    .insert(supervisionTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [supervisionTargets.icbId, supervisionTargets.role],
      set: { intervalDays: values.intervalDays, note: values.note },
    });
}
