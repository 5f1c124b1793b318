import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { outcomeMeasures } from './outcomes.tables.js';

export type OutcomeMeasureRow = typeof outcomeMeasures.$inferSelect;
export type OutcomeMeasureInsert = typeof outcomeMeasures.$inferInsert;

export async function insertOutcomeMeasure(db: DbOrTx, values: OutcomeMeasureInsert): Promise<OutcomeMeasureRow> {
  const [row] = await db.insert(outcomeMeasures).values(values).returning();
  return row as OutcomeMeasureRow;
}

/** Every recording of a case, oldest first (by the day given, then by when it was entered). */
export async function findOutcomeMeasures(db: DbOrTx, scope: Scope, referralId: string): Promise<OutcomeMeasureRow[]> {
  return db
    .select()
    .from(outcomeMeasures)
    .where(
      and(
        eq(outcomeMeasures.referralId, referralId),
        scopeWhere(scope, { icbId: outcomeMeasures.icbId, pcnId: outcomeMeasures.pcnId }),
      ),
    )
    .orderBy(asc(outcomeMeasures.administeredOn), asc(outcomeMeasures.recordedAt), asc(outcomeMeasures.id));
}

/** Every recording of these cases of one PCN, oldest first (one query for a whole caseload). */
export async function findOutcomeMeasuresOfReferrals(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<OutcomeMeasureRow[]> {
  if (referralIds.length === 0) return [];
  return db
    .select()
    .from(outcomeMeasures)
    .where(and(inArray(outcomeMeasures.referralId, referralIds), scopeWhere(scope, { pcnId: outcomeMeasures.pcnId })))
    .orderBy(asc(outcomeMeasures.administeredOn), asc(outcomeMeasures.recordedAt), asc(outcomeMeasures.id));
}
