import { type SQL, sql } from 'drizzle-orm';
import { ONS4_ITEMS } from '../../../../common/outcome-measures.js';
import type { Tx } from '../../../platform/db/client.js';
import { inMonths, type RebuildMonths } from './changes.js';
import type { RollupShape } from './merge.js';
import { equalityDimensions } from './referral-base.js';

/**
 * The pairs: for each referral and measure, its baseline against the latest measure taken
 * after it (review or discharge; the latest by date administered, then by when it was
 * recorded). A referral without a baseline, or with only a baseline, has no pair — a discharge
 * without any measure is simply absent. `month` is the month of the latest measure.
 */
export async function loadPairs(tx: Tx): Promise<void> {
  await tx.execute(sql`
    CREATE TEMP TABLE analytics_pairs ON COMMIT DROP AS
    WITH latest AS (
      SELECT DISTINCT ON (o.referral_id, o.measure) o.referral_id, o.measure, o.scores, o.administered_on
        FROM outcome_measures o
        JOIN analytics_rr rr ON rr.id = o.referral_id
       WHERE o.timepoint <> 'baseline'
       ORDER BY o.referral_id, o.measure, o.administered_on DESC, o.recorded_at DESC
    )
    SELECT b.referral_id, b.measure, b.scores AS baseline, l.scores AS latest,
           date_trunc('month', l.administered_on)::date AS month
      FROM outcome_measures b
      JOIN analytics_rr rr ON rr.id = b.referral_id
      JOIN latest l ON l.referral_id = b.referral_id AND l.measure = b.measure
     WHERE b.timepoint = 'baseline'`);
}

const ons4Keys = `{${ONS4_ITEMS.map((i) => i.key).join(',')}}`;

/**
 * analytics_outcomes from the pairs, per item as outcome_measures.scores stores it (scoring.ts):
 * SWEMWBS 'metric' (the metric score), each ONS4 item (its 0–10 value), UCLA-3 'total', PAM
 * 'level'. Higher is better except ONS4 'anxious' and UCLA-3 (loneliness), where lower is;
 * improved / same / worse follow that direction. Broken down by 'all' and each equality
 * dimension of the person (referral-base.ts).
 */
export const OUTCOMES: RollupShape = {
  table: 'analytics_outcomes',
  keys: ['pcn_id', 'practice_id', 'month', 'role', 'measure', 'item', 'dimension', 'value'],
  figures: ['pairs', 'baseline_sum', 'latest_sum', 'improved', 'same', 'worse'],
};

export function outcomesOf(pcnId: string, months: RebuildMonths = null): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, p.month, rr.role, p.measure, i.item, d.dimension, d.value,
           count(*), sum(i.b), sum(i.l),
           count(*) FILTER (WHERE CASE WHEN i.higher_better THEN i.l > i.b ELSE i.l < i.b END),
           count(*) FILTER (WHERE i.l = i.b),
           count(*) FILTER (WHERE CASE WHEN i.higher_better THEN i.l < i.b ELSE i.l > i.b END)
      FROM analytics_pairs p
      JOIN analytics_rr rr ON rr.id = p.referral_id
      CROSS JOIN LATERAL (
        SELECT 'metric'::text AS item, (p.baseline->>'metric')::numeric AS b, (p.latest->>'metric')::numeric AS l,
               true AS higher_better
         WHERE p.measure = 'swemwbs'
        UNION ALL
        SELECT k, (p.baseline->k->>'value')::numeric, (p.latest->k->>'value')::numeric, k <> 'anxious'
          FROM unnest(${ons4Keys}::text[]) AS k
         WHERE p.measure = 'ons4'
        UNION ALL
        SELECT 'total', (p.baseline->>'total')::numeric, (p.latest->>'total')::numeric, false
         WHERE p.measure = 'ucla3'
        UNION ALL
        SELECT 'level', (p.baseline->>'level')::numeric, (p.latest->>'level')::numeric, true
         WHERE p.measure = 'pam'
      ) AS i
      ${equalityDimensions}
     WHERE i.b IS NOT NULL AND i.l IS NOT NULL AND ${inMonths(sql`p.month`, months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}
