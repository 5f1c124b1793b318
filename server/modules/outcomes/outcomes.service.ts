import type { LatestOutcomeScore } from '../../../common/front-door-types.js';
import {
  DEFAULT_OUTCOME_CONVENTIONS,
  type IndicatorChange,
  MEASURE_LABELS,
  MEASURES,
  type Measure,
  type MeasureSummary,
  type OutcomeConventions,
  type OutcomeMeasuresView,
  type OutcomeRecording,
} from '../../../common/outcome-measures.js';
import { requirePcnActor } from '../../platform/access/pcn-member.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { conflict, isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { findReferralInScope } from '../referrals/referrals.service.js';
import { userNames } from '../users/users.service.js';
import { londonToday } from '../workforce/workforce.service.js';
import * as repo from './outcomes.repository.js';
import type { TRecordOutcomeMeasure } from './outcomes.schemas.js';
import { changeBetween, indicatorsOf, type MeasureScores, type PamScores, scoreMeasure } from './scoring.js';

// The unverified conventions (UCLA-3 "lonely" from 6, PAM cut-offs) are configuration; until an
// administrator setting exists they are the published defaults.
const conventions: OutcomeConventions = DEFAULT_OUTCOME_CONVENTIONS;

function toRecording(row: repo.OutcomeMeasureRow, names: Map<string, string>): OutcomeRecording {
  const scores = row.scores as unknown as MeasureScores;
  return {
    id: row.id,
    measure: row.measure,
    timepoint: row.timepoint,
    administeredOn: row.administeredOn,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: names.get(row.recordedBy) ?? null,
    indicators: indicatorsOf(row.measure, scores, conventions),
    ...(row.measure === 'pam' ? { pamLevelMatchesCutoffs: (scores as PamScores).levelMatchesCutoffs } : {}),
  };
}

/**
 * Records one administration of a measure in a case of the worker's PCN. Every bad or missing
 * item is named and nothing is stored; a second baseline of the same measure is refused (409).
 */
export async function recordOutcomeMeasure(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  input: TRecordOutcomeMeasure,
): Promise<OutcomeRecording> {
  const actor = requirePcnActor(ctx, 'referral');
  const scored = scoreMeasure(input.measure, input.answers, conventions);
  const administeredOn = input.administeredOn ?? londonToday();
  const errors = scored.ok ? [] : [...scored.errors];
  if (administeredOn > londonToday()) errors.push({ field: 'administeredOn', message: 'must not be in the future' });
  const kase = await findReferralInScope(db, actor.scope, referralId);
  if (!kase) throw notFound('referral');
  if (!scored.ok || errors.length > 0) throw validationError(errors);

  try {
    return await runUseCase(db, ctx, async (tx) => {
      const row = await repo.insertOutcomeMeasure(tx, {
        personId: kase.personId,
        referralId: kase.id,
        icbId: kase.icbId,
        pcnId: kase.pcnId,
        measure: input.measure,
        timepoint: input.timepoint,
        answers: scored.answers,
        scores: scored.scores as unknown as Record<string, unknown>,
        recordedBy: actor.userId,
        administeredOn,
      });
      await writeAudit(tx, ctx, {
        action: 'outcome.record',
        entityType: 'referral',
        entityId: kase.id,
        details: { outcomeMeasureId: row.id, measure: row.measure, timepoint: row.timepoint },
      });
      return toRecording(row, new Map([[actor.userId, actor.name]]));
    });
  } catch (err) {
    if (isUniqueViolation(err, 'outcome_measures_one_baseline')) {
      throw conflict(
        `This case already has a baseline ${MEASURE_LABELS[input.measure]}. Record this one as a review or discharge measure.`,
      );
    }
    throw err;
  }
}

/** Every recording of each measure in a case, with bands and the change from baseline to latest. */
export async function listOutcomeMeasures(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
): Promise<OutcomeMeasuresView> {
  const actor = requirePcnActor(ctx, 'referral');
  const kase = await findReferralInScope(db, actor.scope, referralId);
  if (!kase) {
    await writeAuditAlone(db, ctx, {
      action: 'outcome.read',
      outcome: 'denied',
      entityType: 'referral',
      entityId: referralId,
      details: { reason: 'not found in scope' },
    });
    throw notFound('referral');
  }
  const rows = await repo.findOutcomeMeasures(db, actor.scope, kase.id);
  const measures = await summarise(db, rows);
  await writeAuditAlone(db, ctx, {
    action: 'outcome.read',
    entityType: 'referral',
    entityId: kase.id,
    details: { count: rows.length },
  });
  return { referralId: kase.id, measures, conventions };
}

/**
 * The measures of a case already loaded in scope in `tx` (a discharge composing the message back),
 * read and audited in that transaction: a discharge that is refused (a stale version, a case not
 * open) rolls the audit row back with it, and leaves no record of a read that no one saw.
 */
export async function outcomeMeasuresInTransaction(
  tx: Tx,
  ctx: SignedInContext,
  referralId: string,
): Promise<MeasureSummary[]> {
  const actor = requirePcnActor(ctx, 'referral');
  const rows = await repo.findOutcomeMeasures(tx, actor.scope, referralId);
  const measures = await summarise(tx, rows);
  await writeAudit(tx, ctx, {
    action: 'outcome.read',
    entityType: 'referral',
    entityId: referralId,
    details: { count: rows.length },
  });
  return measures;
}

/** Every recording of each measure, oldest first, with the change from baseline to the latest. */
async function summarise(db: DbOrTx, rows: repo.OutcomeMeasureRow[]): Promise<MeasureSummary[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.recordedBy),
  );
  return MEASURES.flatMap((measure) => {
    const recordings = rows.filter((r) => r.measure === measure).map((r) => toRecording(r, names));
    if (recordings.length === 0) return [];
    const baseline = recordings.find((r) => r.timepoint === 'baseline');
    const latest = recordings.filter((r) => r !== baseline).at(-1);
    return [
      {
        measure,
        label: MEASURE_LABELS[measure],
        recordings,
        change:
          baseline && latest
            ? {
                baselineId: baseline.id,
                latestId: latest.id,
                indicators: changeBetween(measure, baseline.indicators, latest.indicators),
              }
            : null,
      },
    ];
  });
}

/**
 * The measures of one case of the PCN as listOutcomeMeasures gives them, for writers that have
 * already checked scope (the demo data's messages back to the GP). Not audited here.
 */
export async function measureSummariesOfCase(db: DbOrTx, scope: Scope, referralId: string): Promise<MeasureSummary[]> {
  return summarise(db, await repo.findOutcomeMeasuresOfReferrals(db, scope, [referralId]));
}

/**
 * Per case, the latest recording of each measure with its headline numbers, for caseload lists
 * (one query for all the cases). The caller has scoped the cases to its PCN and audits the read.
 */
export async function latestOutcomeScores(
  db: DbOrTx,
  scope: Scope,
  referralIds: string[],
): Promise<Map<string, LatestOutcomeScore[]>> {
  const rows = await repo.findLatestScoresOfReferrals(db, scope, referralIds);
  const latest = new Map(rows.map((row) => [`${row.referralId}:${row.measure}`, row]));
  const byCase = new Map<string, LatestOutcomeScore[]>();
  for (const id of referralIds) {
    const scores = MEASURES.flatMap((measure): LatestOutcomeScore[] => {
      const row = latest.get(`${id}:${measure}`);
      if (!row) return [];
      const indicators = indicatorsOf(measure, row.scores as unknown as MeasureScores, conventions);
      return [
        {
          measure,
          label: MEASURE_LABELS[measure],
          timepoint: row.timepoint,
          administeredOn: row.administeredOn,
          indicators,
        },
      ];
    });
    byCase.set(id, scores);
  }
  return byCase;
}

/**
 * Every recording of one case of the PCN, oldest first, for the case timeline. The caller has
 * checked scope and audits the read; no audit row here.
 */
export async function outcomeRecordingsOfCase(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
): Promise<OutcomeRecording[]> {
  const rows = await repo.findOutcomeMeasuresOfReferrals(db, scope, [referralId]);
  const names = await userNames(
    db,
    rows.map((r) => r.recordedBy),
  );
  return rows.map((r) => toRecording(r, names));
}

/** A case's change from baseline to latest on each indicator of one measure. */
export interface CaseMeasureChange {
  referralId: string;
  pcnId: string;
  measure: Measure;
  changes: IndicatorChange[];
}

/**
 * The change from baseline to latest of each of these cases' measures (cases with both only),
 * as listOutcomeMeasures computes it, for aggregate figures (evidence of an organisation's value).
 * The caller shows only counts built from them, under the small-number rule, and audits its read.
 */
export async function measureChangesOfCases(
  db: DbOrTx,
  scope: Scope,
  referralIds: readonly string[],
  measures: readonly Measure[],
): Promise<CaseMeasureChange[]> {
  const rows = await repo.findBaselineAndLatest(db, scope, referralIds, measures);
  return rows.map((r) => ({
    referralId: r.referralId,
    pcnId: r.pcnId,
    measure: r.measure,
    changes: changeBetween(
      r.measure,
      indicatorsOf(r.measure, r.baseline as unknown as MeasureScores, conventions),
      indicatorsOf(r.measure, r.latest as unknown as MeasureScores, conventions),
    ),
  }));
}

export type { OutcomeMeasureRow } from './outcomes.repository.js';
/** A recording by id, inside the scope; the FHIR edge audits its reads itself. */
export const findOutcomeMeasureInScope = repo.findOutcomeMeasureInScope;
/** The person's recordings in the scope's PCN, oldest first; the FHIR edge audits its reads itself. */
export const findOutcomeMeasuresOfPerson = repo.findOutcomeMeasuresOfPerson;
