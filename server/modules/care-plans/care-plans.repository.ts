import { and, desc, eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedPerScope, preparedRead } from '../../platform/db/prepared.js';
import { carePlans, carePlanVersions } from './care-plans.tables.js';

export type CarePlanRow = typeof carePlans.$inferSelect;
export type CarePlanVersionRow = typeof carePlanVersions.$inferSelect;

/** A plan is the PCN team's: every lookup names the team (the person's plan with another PCN is not this one). */
const planOf = (scope: Scope, personId: string | Placeholder) =>
  and(eq(carePlans.personId, personId), scopeWhere(scope, { pcnId: carePlans.pcnId }));

// The plan's reads run on every plan viewed and every case record: prepared (platform/db/prepared.ts).
const planByPerson = preparedPerScope('care_plans_plan_by_person', (db, scope) =>
  db
    .select()
    .from(carePlans)
    .where(planOf(scope, sql.placeholder('personId'))),
);

export async function findPlanByPerson(db: DbOrTx, scope: Scope, personId: string): Promise<CarePlanRow | null> {
  const [row] = await planByPerson(db, scope, { personId });
  return row ?? null;
}

// The plan as shown: its current version, read with the plan in one statement.
const currentVersionByPerson = preparedPerScope('care_plans_current_version_by_person', (db, scope) =>
  db
    .select({ version: carePlanVersions })
    .from(carePlans)
    .innerJoin(
      carePlanVersions,
      and(eq(carePlanVersions.planId, carePlans.id), eq(carePlanVersions.version, carePlans.currentVersion)),
    )
    .where(planOf(scope, sql.placeholder('personId'))),
);

/** The current version of the person's plan with the team (null before the first save). */
export async function findCurrentVersionByPerson(
  db: DbOrTx,
  scope: Scope,
  personId: string,
): Promise<CarePlanVersionRow | null> {
  const [row] = await currentVersionByPerson(db, scope, { personId });
  return row?.version ?? null;
}

/** The first save. Null when another save created the plan first (unique person and PCN). */
export async function insertPlan(db: DbOrTx, pcnId: string, personId: string): Promise<CarePlanRow | null> {
  const [row] = await db
    .insert(carePlans)
    .values({ personId, pcnId, currentVersion: 1 })
    .onConflictDoNothing({ target: [carePlans.personId, carePlans.pcnId] })
    .returning();
  return row ?? null;
}

/**
 * Moves the plan on by one version, only from the version the caller read: two saves based on
 * the same version cannot both win (the second re-checks the row after the first commits).
 */
export async function bumpPlanVersion(
  db: DbOrTx,
  scope: Scope,
  personId: string,
  fromVersion: number,
): Promise<CarePlanRow | null> {
  const [row] = await db
    .update(carePlans)
    .set({ currentVersion: fromVersion + 1, updatedAt: new Date() })
    .where(and(planOf(scope, personId), eq(carePlans.currentVersion, fromVersion)))
    .returning();
  return row ?? null;
}

export async function insertVersion(
  db: DbOrTx,
  values: typeof carePlanVersions.$inferInsert,
): Promise<CarePlanVersionRow> {
  const [row] = await db.insert(carePlanVersions).values(values).returning();
  return row as CarePlanVersionRow;
}

const versionOfPlan = preparedRead('care_plans_version', (db) =>
  db
    .select()
    .from(carePlanVersions)
    .where(
      and(
        eq(carePlanVersions.planId, sql.placeholder('planId')),
        eq(carePlanVersions.version, sql.placeholder('version')),
      ),
    ),
);

export async function findVersion(db: DbOrTx, planId: string, version: number): Promise<CarePlanVersionRow | null> {
  const [row] = await versionOfPlan(db, { planId, version });
  return row ?? null;
}

export async function findVersions(db: DbOrTx, planId: string, versions: number[]): Promise<CarePlanVersionRow[]> {
  return db
    .select()
    .from(carePlanVersions)
    .where(and(eq(carePlanVersions.planId, planId), inArray(carePlanVersions.version, versions)));
}

const versionsOfPerson = preparedPerScope('care_plans_versions_of_person', (db, scope) =>
  db
    .select({ version: carePlanVersions.version, savedBy: carePlanVersions.savedBy, savedAt: carePlanVersions.savedAt })
    .from(carePlanVersions)
    .innerJoin(carePlans, eq(carePlans.id, carePlanVersions.planId))
    .where(planOf(scope, sql.placeholder('personId')))
    .orderBy(desc(carePlanVersions.version)),
);

/** The versions of the person's plan with the PCN, newest first: one query (none before the first save). */
export async function listVersionsOfPerson(db: DbOrTx, scope: Scope, personId: string) {
  return versionsOfPerson(db, scope, { personId });
}

export async function listVersions(db: DbOrTx, planId: string) {
  return db
    .select({ version: carePlanVersions.version, savedBy: carePlanVersions.savedBy, savedAt: carePlanVersions.savedAt })
    .from(carePlanVersions)
    .where(eq(carePlanVersions.planId, planId))
    .orderBy(desc(carePlanVersions.version));
}

// Read for every caseload page: prepared.
const reviewDatesOf = preparedPerScope('care_plans_review_dates', (db, scope) =>
  db
    .select({ personId: carePlans.personId, reviewOn: sql<string | null>`${carePlanVersions.content}->>'reviewOn'` })
    .from(carePlans)
    .innerJoin(
      carePlanVersions,
      and(eq(carePlanVersions.planId, carePlans.id), eq(carePlanVersions.version, carePlans.currentVersion)),
    )
    .where(and(anyOfIdsPlaceholder(carePlans.personId, 'personIds'), scopeWhere(scope, { pcnId: carePlans.pcnId }))),
);

/** The review date in the current version of each of these people's plans with the PCN (one query). */
export async function findCurrentReviewDates(
  db: DbOrTx,
  scope: Scope,
  personIds: string[],
): Promise<{ personId: string; reviewOn: string | null }[]> {
  if (personIds.length === 0) return [];
  return reviewDatesOf(db, scope, { personIds });
}

/** A plan by its id, if it is the scope's PCN team's (else null, as for no such plan). */
export async function findPlanInScope(db: DbOrTx, scope: Scope, id: string): Promise<CarePlanRow | null> {
  const [row] = await db
    .select()
    .from(carePlans)
    .where(and(eq(carePlans.id, id), scopeWhere(scope, { pcnId: carePlans.pcnId })));
  return row ?? null;
}
