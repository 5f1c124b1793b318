import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Scope } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { workforceRates, workforceScenarios } from './workforce-planner.tables.js';

export type RateRow = typeof workforceRates.$inferSelect;
export type ScenarioRow = typeof workforceScenarios.$inferSelect;

/** The shipped figures and the ICB's own, every year (the service lays the ICB's over the shipped). */
export async function findRatesOf(db: DbOrTx, icbId: string): Promise<RateRow[]> {
  return db
    .select()
    .from(workforceRates)
    .where(or(isNull(workforceRates.icbId), eq(workforceRates.icbId, icbId)))
    .orderBy(asc(workforceRates.year), asc(workforceRates.code));
}

/** Writes the ICB's figure for (code, year): a new row, or a change to the ICB's row. */
export async function upsertRateOf(
  tx: DbOrTx,
  icbId: string,
  values: { code: string; year: string; amount: number | null; verified: boolean; source: string; updatedBy: string },
): Promise<RateRow> {
  const [row] = await tx
    .insert(workforceRates)
    .values({ icbId, ...values })
    .onConflictDoUpdate({
      target: [workforceRates.icbId, workforceRates.code, workforceRates.year],
      set: {
        amount: values.amount,
        verified: values.verified,
        source: values.source,
        updatedBy: values.updatedBy,
        updatedAt: sql`now()`,
        version: sql`${workforceRates.version} + 1`,
      },
    })
    .returning();
  return row as RateRow;
}

/**
 * Which scenarios a principal sees: a team lead their PCN's (made by its leads), a commissioner
 * the ICB commissioners'. Nobody else has any.
 */
function scenarioScope(scope: Scope) {
  if (scope.kind === 'pcn') {
    return and(
      eq(workforceScenarios.icbId, scope.icbId),
      eq(workforceScenarios.audience, 'pcn'),
      eq(workforceScenarios.pcnId, scope.pcnId),
    );
  }
  if (scope.kind === 'icb')
    return and(eq(workforceScenarios.icbId, scope.icbId), eq(workforceScenarios.audience, 'icb'));
  return sql`false`;
}

export async function findScenarios(db: DbOrTx, scope: Scope): Promise<ScenarioRow[]> {
  return db
    .select()
    .from(workforceScenarios)
    .where(scenarioScope(scope))
    .orderBy(desc(workforceScenarios.createdAt))
    .limit(200);
}

export async function findScenario(db: DbOrTx, scope: Scope, id: string): Promise<ScenarioRow | null> {
  const [row] = await db
    .select()
    .from(workforceScenarios)
    .where(and(eq(workforceScenarios.id, id), scenarioScope(scope)));
  return row ?? null;
}

export async function insertScenario(tx: DbOrTx, values: typeof workforceScenarios.$inferInsert): Promise<ScenarioRow> {
  const [row] = await tx.insert(workforceScenarios).values(values).returning();
  return row as ScenarioRow;
}

export async function deleteScenario(tx: DbOrTx, scope: Scope, id: string): Promise<ScenarioRow | null> {
  const [row] = await tx
    .delete(workforceScenarios)
    .where(and(eq(workforceScenarios.id, id), scenarioScope(scope)))
    .returning();
  return row ?? null;
}
