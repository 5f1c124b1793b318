import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { rebuildPcn } from './rebuild.js';
import type { TwoPcns } from './test-data.js';
import { setUpThreeReferrals, type ThreeReferrals } from './test-three-referrals.js';

// Every rollup row of a PCN against figures worked out by hand from three referrals
// (test-three-referrals.ts says what they are and what each figure should be).

let db: TestDatabase;
let t: TwoPcns;
let ids: Record<string, string>;
let rows: ThreeReferrals['rows'];
setUpThreeReferrals((set) => ({ db, t, ids, rows } = set));

const countsOf = (measure: string) => sql`
  SELECT practice_id, month::text, role, dimension, value, n FROM analytics_counts
   WHERE pcn_id = ${t.a.pcnId} AND measure = ${measure}`;

describe('analytics rollups of one PCN', () => {
  it('counts referrals by received month in London, with each dimension', async () => {
    const april = [
      'all|all|2',
      'source|practice|2',
      'reason|loneliness|2',
      'reason|debt|1',
      'urgency|routine|1',
      'urgency|urgent|1',
      'age_band|35-44|1',
      'age_band|75-84|1',
      'sex|female|1',
      'sex|male|1',
      'ethnic_group|white|1',
      'ethnic_group|black|1',
      'imd_quintile|2|1',
      'imd_quintile|not_known|1',
    ].map((x) => `P|2026-04-01|any|${x}`);
    const leapDay = [
      'all|all|1',
      'source|self|1',
      'reason|low_mood|1',
      'urgency|routine|1',
      'age_band|0-17|1',
      'sex|not_known|1',
      'ethnic_group|not_known|1',
      'imd_quintile|not_known|1',
    ].map((x) => `-|2024-02-01|any|${x}`);
    expect(await rows(countsOf('referrals'))).toEqual([...april, ...leapDay].sort());
  });

  it('counts the flow: each referral in every stage it reached, by worker role', async () => {
    const r1 = ['received', 'triaged', 'allocated', 'first_contact', 'plan_agreed', 'discharged'].map(
      (s) => `P|2026-04-01|link_worker|stage|${s}|1`,
    );
    const r3 = ['received', 'triaged', 'allocated', 'first_contact', 'discharged'].map(
      (s) => `P|2026-04-01|health_coach|stage|${s}|1`,
    );
    const r2 = ['received', 'triaged', 'declined'].map((s) => `-|2024-02-01|unallocated|stage|${s}|1`);
    expect(await rows(countsOf('flow'))).toEqual([...r1, ...r2, ...r3].sort());
  });

  it('counts closures by status and reason', async () => {
    expect(await rows(countsOf('closures'))).toEqual(
      [
        'P|2026-04-01|link_worker|reason|discharged:goals_met|1',
        'P|2026-04-01|health_coach|reason|discharged:not_recorded|1',
        '-|2024-02-01|unallocated|reason|declined:not_wanted|1',
      ].sort(),
    );
  });

  it('counts SNOMED-coded events by the month (London) of the event', async () => {
    expect(await rows(countsOf('snomed'))).toEqual(
      ['P|2026-04-01|any|code|871731000000106|1', 'P|2026-06-01|any|code|1082331000000102|1'].sort(),
    );
  });

  it('counts onward referrals by the month made, and sessions attended or missed by the session month', async () => {
    expect(await rows(countsOf('onward'))).toEqual(
      [
        'P|2026-05-01|link_worker|status|closed|1',
        'P|2026-05-01|link_worker|status|sent|1',
        'P|2026-05-01|link_worker|status|accepted|1',
        'P|2026-05-01|link_worker|kind|referral|3',
        'P|2026-05-01|link_worker|outcome|completed|1',
        `P|2026-05-01|link_worker|organisation|${ids.org}|3`,
        `P|2026-05-01|link_worker|organisation|${ids.org}:accepted|2`,
        `P|2026-05-01|link_worker|organisation|${ids.org}:attended|1`,
        // A signpost sends nothing: no organisation row.
        'P|2026-04-01|link_worker|status|signposted|1',
        'P|2026-04-01|link_worker|kind|signpost|1',
        'P|2026-05-01|link_worker|attendance|attended|3',
        'P|2026-05-01|link_worker|attendance|did_not_attend|1',
        'P|2026-06-01|link_worker|attendance|did_not_attend|1',
      ].sort(),
    );
  });

  it('counts PAM level moves of the pairs', async () => {
    expect(await rows(countsOf('pam_move'))).toEqual(['P|2026-06-01|link_worker|level|1→3|1']);
  });

  it('keeps waits in working days, with bank holidays skipped, and whether the due date was met', async () => {
    const waits = await rows(sql`
      SELECT practice_id, month::text, role, priority, working_days, met, n FROM analytics_waits WHERE pcn_id = ${t.a.pcnId}`);
    expect(waits).toEqual(
      ['P|2026-04-01|link_worker|soon|2|true|1', 'P|2026-04-01|health_coach|urgent|1|false|1'].sort(),
    );
  });

  it('pairs outcome measures baseline → latest, per item and equality dimension; no baseline or no later measure: no pair', async () => {
    const items = [
      'swemwbs|metric|19.98|23.21|1|0|0',
      'ons4|lifeSatisfaction|4.00|5.00|1|0|0',
      'ons4|worthwhile|5.00|5.00|0|1|0',
      'ons4|happy|6.00|4.00|0|0|1',
      // Less anxious is better.
      'ons4|anxious|7.00|3.00|1|0|0',
      'pam|level|1.00|3.00|1|0|0',
    ];
    const dims = ['all|all', 'age_band|35-44', 'sex|female', 'ethnic_group|white', 'imd_quintile|2'];
    const expected = items.flatMap((item) => {
      const [measure, name, ...figures] = item.split('|');
      return dims.map((d) => `P|2026-06-01|link_worker|${measure}|${name}|${d}|1|${figures.join('|')}`);
    });
    const outcomes = await rows(sql`
      SELECT practice_id, month::text, role, measure, item, dimension, value, pairs, baseline_sum, latest_sum,
             improved, same, worse
        FROM analytics_outcomes WHERE pcn_id = ${t.a.pcnId}`);
    expect(outcomes.map((o) => o.replace(/\|(\d+)\.(\d)\b/g, '|$1.$20'))).toEqual(expected.sort());
  });

  it('sums contacts per worker, month of the contact (London), mode and outcome', async () => {
    const contacts = await rows(sql`
      SELECT practice_id, worker_id, role, month::text, mode, outcome, n, minutes
        FROM analytics_contacts WHERE pcn_id = ${t.a.pcnId}`);
    const lw = `P|${t.linkWorker}|link_worker`;
    expect(contacts).toEqual(
      [
        `${lw}|2026-04-01|phone|attended|2|50`,
        `${lw}|2026-05-01|face_to_face|attended|1|60`,
        `${lw}|2026-05-01|phone|did_not_attend|1|15`,
        `P|${t.healthCoach}|health_coach|2026-04-01|video|attended|1|45`,
      ].sort(),
    );
  });

  it('rebuilds without doubling anything, and leaves other PCNs alone', async () => {
    const before = await rows(
      sql`SELECT measure, dimension, value, n FROM analytics_counts WHERE pcn_id = ${t.a.pcnId}`,
    );
    await rebuildPcn(db.db, t.a.pcnId);
    expect(
      await rows(sql`SELECT measure, dimension, value, n FROM analytics_counts WHERE pcn_id = ${t.a.pcnId}`),
    ).toEqual(before);
    expect(await rows(sql`SELECT n FROM analytics_counts WHERE pcn_id = ${t.b.pcnId}`)).toEqual([]);
  });
});
