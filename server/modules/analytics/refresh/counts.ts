import { type SQL, sql } from 'drizzle-orm';
import { inMonths, type RebuildMonths } from './changes.js';
import type { RollupShape } from './merge.js';
import { agreedWithin, londonMonth } from './sql-parts.js';

// analytics_counts, measure by measure. Every query reads the PCN's referrals from analytics_rr
// (referral-base.ts) and groups in SQL; nothing is counted row by row in JS. Each selects the
// rows of the months the rebuild recomputes only (`months`, changes.ts), in COUNTS' columns.

export const COUNTS: RollupShape = {
  table: 'analytics_counts',
  keys: ['pcn_id', 'practice_id', 'month', 'role', 'measure', 'dimension', 'value'],
  figures: ['n'],
};

/**
 * 'referrals' (role 'any': counted when received, before anyone is allocated), month received:
 * 'all'/'all'; 'source'; 'reason' (a referral counts once under each of its reasons, so these
 * add up to more than 'all'); 'urgency' (as the referrer asked); and the person's 'age_band',
 * 'sex', 'ethnic_group' (ETHNIC_GROUPS, never the 16 codes) and 'imd_quintile' ('not_known' when missing).
 */
function referralCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, rr.month, 'any', 'referrals', d.dimension, d.value, count(*)
      FROM analytics_rr rr
      CROSS JOIN LATERAL (
        SELECT 'all'::text AS dimension, 'all'::text AS value
        UNION ALL SELECT 'source', rr.source
        UNION ALL SELECT 'urgency', rr.urgency_requested
        UNION ALL SELECT 'age_band', rr.age_band
        UNION ALL SELECT 'sex', rr.sex
        UNION ALL SELECT 'ethnic_group', rr.ethnic_group
        UNION ALL SELECT 'imd_quintile', rr.imd_quintile
        UNION ALL (SELECT DISTINCT 'reason', reason FROM unnest(rr.reasons) AS reason)
      ) AS d
     WHERE ${inMonths(sql`rr.month`, months)}
     GROUP BY rr.practice_id, rr.month, d.dimension, d.value`;
}

/**
 * 'flow', dimension 'stage': the cohort received in a month, counted in every stage it reached
 * (so 'received' ≥ 'triaged' ≥ … for the main path), role = the allocated worker's role.
 * Reached means: triaged / allocated / first_contact — the step's time is set on the referral;
 * plan_agreed — the PCN's care and support plan for the person has a saved version whose
 * "date agreed" (content.agreedOn) falls between the London date the referral was received and
 * the date it closed (a plan is one per person and PCN and outlives referrals, so an agreement
 * made for an earlier referral does not count for a later one); discharged / declined /
 * redirected / not_contactable — the referral's status (a decline or redirect may come
 * straight from triage, so those need not have reached the earlier stages).
 */
function flowCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, rr.month, rr.role, 'flow', 'stage', s.stage, count(*)
      FROM analytics_rr rr
      CROSS JOIN LATERAL (VALUES
        ('received', true),
        ('triaged', rr.triaged_at IS NOT NULL),
        ('allocated', rr.allocated_at IS NOT NULL),
        ('first_contact', rr.first_contact_at IS NOT NULL),
        ('plan_agreed', EXISTS (
          SELECT 1 FROM care_plans cp JOIN care_plan_versions v ON v.plan_id = cp.id
           WHERE cp.person_id = rr.person_id AND cp.pcn_id = rr.pcn_id
             AND ${agreedWithin('v', sql`rr.received_on`, sql`rr.closed_on`)})),
        ('discharged', rr.status = 'discharged'),
        ('declined', rr.status = 'declined'),
        ('redirected', rr.status = 'redirected'),
        ('not_contactable', rr.status = 'not_contactable')
      ) AS s(stage, reached)
     WHERE s.reached AND ${inMonths(sql`rr.month`, months)}
     GROUP BY rr.practice_id, rr.month, rr.role, s.stage`;
}

/**
 * 'closures', dimension 'reason', value '<status>:<closure_reason>' ('not_recorded' when no
 * reason was given) for referrals that ended declined, redirected, not contactable or
 * discharged; month received (the same cohort as flow, so a stage's closures add up to it).
 */
function closureCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, rr.month, rr.role, 'closures', 'reason',
           rr.status || ':' || coalesce(rr.closure_reason, 'not_recorded'), count(*)
      FROM analytics_rr rr
     WHERE rr.status IN ('declined', 'redirected', 'not_contactable', 'discharged') AND ${inMonths(sql`rr.month`, months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * 'snomed', dimension 'code': the referral events that carry a SNOMED CT code (the national
 * social prescribing figures), month of the event, practice = the referral's, role 'any'.
 */
function snomedCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, ${londonMonth(sql`e.at`)}, 'any', 'snomed', 'code', e.snomed_code, count(*)
      FROM referral_events e
      JOIN analytics_rr rr ON rr.id = e.referral_id
     WHERE e.snomed_code IS NOT NULL AND ${inMonths(londonMonth(sql`e.at`), months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * 'onward' (the closed loop with community services), role = the case's worker's role, by the
 * month the onward referral was made (sent or signposted): dimensions 'status' (now), 'kind'
 * (signpost / referral), 'outcome' (once closed), and 'organisation' for referrals (not
 * signposts: nothing is sent) with value '<directory organisation id>' (sent to it),
 * '<id>:accepted' (taken on, whatever happened next) and '<id>:attended' (accepted and attended
 * at least once) — the onward section's shares. Dimension 'attendance' (attended /
 * did_not_attend) counts sessions, by the session's month.
 */
function onwardCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`(
    SELECT ${pcnId}::uuid, rr.practice_id, ${londonMonth(sql`o.created_at`)}, rr.role, 'onward', d.dimension, d.value, count(*)
      FROM onward_referrals o
      JOIN analytics_rr rr ON rr.id = o.referral_id
      CROSS JOIN LATERAL (SELECT o.kind = 'referral' AS sent, o.kind = 'referral' AND o.accepted_at IS NOT NULL AS accepted) AS f
      CROSS JOIN LATERAL (VALUES
        ('status', o.status), ('kind', o.kind), ('outcome', o.outcome),
        ('organisation', CASE WHEN f.sent THEN o.organization_id::text END),
        ('organisation', CASE WHEN f.accepted THEN o.organization_id || ':accepted' END),
        ('organisation', CASE WHEN f.accepted AND EXISTS (
           SELECT 1 FROM onward_attendances a WHERE a.onward_referral_id = o.id AND a.kind = 'attended')
           THEN o.organization_id || ':attended' END)
      ) AS d(dimension, value)
     WHERE d.value IS NOT NULL AND ${inMonths(londonMonth(sql`o.created_at`), months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7)
    UNION ALL (
    SELECT ${pcnId}::uuid, rr.practice_id, date_trunc('month', a.on)::date, rr.role, 'onward', 'attendance', a.kind,
           sum(a.sessions)
      FROM onward_attendances a
      JOIN onward_referrals o ON o.id = a.onward_referral_id
      JOIN analytics_rr rr ON rr.id = o.referral_id
     WHERE ${inMonths(sql`date_trunc('month', a.on)::date`, months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7)`;
}

/**
 * 'pam_move', dimension 'level', value '<baseline level>→<latest level>' from the paired
 * outcome measures (analytics_pairs, outcomes.ts), month of the latest measure.
 */
function pamMoveCounts(pcnId: string, months: RebuildMonths): SQL {
  return sql`
    SELECT ${pcnId}::uuid, rr.practice_id, p.month, rr.role, 'pam_move', 'level',
           (p.baseline->>'level') || '→' || (p.latest->>'level'), count(*)
      FROM analytics_pairs p
      JOIN analytics_rr rr ON rr.id = p.referral_id
     WHERE p.measure = 'pam' AND p.baseline->>'level' IS NOT NULL AND p.latest->>'level' IS NOT NULL
       AND ${inMonths(sql`p.month`, months)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Every count of a PCN (analytics_rr and analytics_pairs loaded) of those months: one query, the
 * measures' rows side by side (each measure is its own rows, so no two share a key).
 */
export function countsOf(pcnId: string, months: RebuildMonths = null): SQL {
  const parts = [referralCounts, flowCounts, closureCounts, snomedCounts, onwardCounts, pamMoveCounts].map(
    (part) => sql`(${part(pcnId, months)})`,
  );
  return sql.join(parts, sql` UNION ALL `);
}
