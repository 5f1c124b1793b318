import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedPerScope, preparedPerScopeOfIds } from '../../platform/db/prepared.js';
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

// Read on every case record viewed: prepared (platform/db/prepared.ts).
const measuresOfReferrals = preparedPerScopeOfIds('outcomes_measures_of_referrals', (db, scope, matchIds) =>
  db
    .select()
    .from(outcomeMeasures)
    .where(and(matchIds(outcomeMeasures.referralId), scopeWhere(scope, { pcnId: outcomeMeasures.pcnId })))
    .orderBy(asc(outcomeMeasures.administeredOn), asc(outcomeMeasures.recordedAt), asc(outcomeMeasures.id)),
);

/** Every recording of these cases of one PCN, oldest first (one query for a whole caseload). */
export async function findOutcomeMeasuresOfReferrals(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<OutcomeMeasureRow[]> {
  if (referralIds.length === 0) return [];
  return measuresOfReferrals(db, scope, referralIds);
}

export type LatestScoresRow = Pick<
  OutcomeMeasureRow,
  'referralId' | 'measure' | 'timepoint' | 'administeredOn' | 'scores'
>;

/** Each case's latest recording of each measure (the latest administered, then recorded), scores only. */
export async function findLatestScoresOfReferrals(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<LatestScoresRow[]> {
  if (referralIds.length === 0) return [];
  return latestScoresOf(db, scope, { referralIds });
}

// Read for every caseload page: prepared.
const latestScoresOf = preparedPerScope('outcomes_latest_scores', (db, scope) =>
  db
    .selectDistinctOn([outcomeMeasures.referralId, outcomeMeasures.measure], {
      referralId: outcomeMeasures.referralId,
      measure: outcomeMeasures.measure,
      timepoint: outcomeMeasures.timepoint,
      administeredOn: outcomeMeasures.administeredOn,
      scores: outcomeMeasures.scores,
    })
    .from(outcomeMeasures)
    .where(
      and(
        anyOfIdsPlaceholder(outcomeMeasures.referralId, 'referralIds'),
        scopeWhere(scope, { pcnId: outcomeMeasures.pcnId }),
      ),
    )
    .orderBy(
      outcomeMeasures.referralId,
      outcomeMeasures.measure,
      desc(outcomeMeasures.administeredOn),
      desc(outcomeMeasures.recordedAt),
      desc(outcomeMeasures.id),
    ),
);

export type BaselineAndLatestRow = {
  referralId: string;
  pcnId: string;
  measure: OutcomeMeasureRow['measure'];
  baseline: Record<string, unknown>;
  latest: Record<string, unknown>;
};

/**
 * Per case and measure, the baseline's scores and the latest later recording's (the same pair
 * listOutcomeMeasures compares), for cases with both; one query for many cases (aggregate reads).
 */
export async function findBaselineAndLatest(
  db: DbOrTx,
  scope: Scope,
  referralIds: readonly string[],
  measures: readonly OutcomeMeasureRow['measure'][],
): Promise<BaselineAndLatestRow[]> {
  if (referralIds.length === 0 || measures.length === 0) return [];
  // Unaliased, so that scopeWhere's column names ("outcome_measures"."pcn_id") resolve.
  const { rows } = await db.execute<BaselineAndLatestRow>(sql`
    SELECT outcome_measures.referral_id AS "referralId", outcome_measures.pcn_id AS "pcnId",
      outcome_measures.measure, outcome_measures.scores AS baseline, l.scores AS latest
    FROM outcome_measures
    JOIN LATERAL (
      SELECT l.scores FROM outcome_measures l
      WHERE l.referral_id = outcome_measures.referral_id AND l.measure = outcome_measures.measure
        AND l.timepoint <> 'baseline'
      ORDER BY l.administered_on DESC, l.recorded_at DESC, l.id DESC
      LIMIT 1
    ) l ON true
    WHERE outcome_measures.timepoint = 'baseline'
      AND outcome_measures.referral_id = ANY(${`{${referralIds.join(',')}}`}::uuid[])
      AND outcome_measures.measure = ANY(${`{${measures.join(',')}}`}::text[])
      AND ${scopeWhere(scope, { icbId: outcomeMeasures.icbId, pcnId: outcomeMeasures.pcnId })}`);
  return rows;
}

/** One recording, if its PCN is the scope's (else null, as for no such recording). */
export async function findOutcomeMeasureInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<OutcomeMeasureRow | null> {
  const [row] = await db
    .select()
    .from(outcomeMeasures)
    .where(
      and(
        eq(outcomeMeasures.id, id),
        scopeWhere(scope, { icbId: outcomeMeasures.icbId, pcnId: outcomeMeasures.pcnId }),
      ),
    );
  return row ?? null;
}

/** Every recording of the person in the scope's PCN, oldest first. */
export async function findOutcomeMeasuresOfPerson(
  db: DbOrTx,
  scope: Scope,
  personId: string,
): Promise<OutcomeMeasureRow[]> {
  return db
    .select()
    .from(outcomeMeasures)
    .where(
      and(
        eq(outcomeMeasures.personId, personId),
        scopeWhere(scope, { icbId: outcomeMeasures.icbId, pcnId: outcomeMeasures.pcnId }),
      ),
    )
    .orderBy(asc(outcomeMeasures.administeredOn), asc(outcomeMeasures.recordedAt), asc(outcomeMeasures.id));
}
