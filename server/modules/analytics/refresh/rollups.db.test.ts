import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestTenancy } from '../../../test/toolkit.js';
import { createPartnerService } from '../../onward-referrals/test-onward.js';
import { analyticsAsOf } from './as-of.js';
import { changedMonthsOf } from './changes.js';
import { ROLLUP_TABLES, rebuildAll, rebuildPcn, refreshChanged } from './rebuild.js';
import { SLICE_TABLES } from './slices.js';
import {
  createTwoPcns,
  insertAttendance,
  insertContact,
  insertEvent,
  insertMeasure,
  insertOnward,
  insertPerson,
  insertPlan,
  insertReferral,
  type TwoPcns,
} from './test-data.js';

// Every rollup row of a PCN against figures worked out by hand from three referrals:
//  R1 received 2026-03-31T23:30Z = 00:30 on 1 April in London (BST): April's cohort. Triaged
//     'soon', allocated to the link worker, first contact 7 April with Good Friday (3 April) and
//     Easter Monday (6 April) inside the wait: 2 working days (2 and 7 April), due 8 April: met.
//     Plan agreed 20 April. Discharged 'goals_met' with SWEMWBS, ONS4 and PAM paired (baseline →
//     review → discharge: the discharge is the latest). Three onward referrals to one
//     organisation (sent; accepted and attended; accepted, missed) and a signpost.
//  R2 a self-referral on leap day 2024-02-29 of someone born 2008-02-29 (16: '0-17'), nothing
//     known about them; declined at triage; a UCLA-3 baseline and nothing after it (no pair).
//  R3 urgent, health coach, first contact the next working day after the due time: 1 day, not
//     met; discharged with no reason and no measures (no pair); its plan was agreed long before
//     the referral and a later save is not agreed: no plan agreed.

let db: TestDatabase;
let t: TwoPcns;
const ids: Record<string, string> = {};

async function rows(query: ReturnType<typeof sql>): Promise<string[]> {
  const result = await db.db.execute<Record<string, unknown>>(query);
  return result.rows
    .map((r) =>
      Object.values(r)
        .map((v) => (v === t.a.practiceId ? 'P' : v === null ? '-' : String(v)))
        .join('|'),
    )
    .sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTwoPcns(db.db);
  const { a } = t;
  await db.db.execute(sql`
    INSERT INTO postcodes (postcode, latitude, longitude, lsoa) VALUES
      ('ZZ1 1AA', 54.9, -1.6, 'E01999991'), ('ZZ2 2BB', 54.9, -1.6, 'E01999992')`);
  await db.db.execute(sql`INSERT INTO imd_deciles (lsoa, decile) VALUES ('E01999991', 3)`);
  const p1 = await insertPerson(db.db, a.icbId, {
    dob: '1990-06-15',
    sex: 'female',
    ethnicity: 'A',
    postcode: 'ZZ1 1AA',
  });
  const p2 = await insertPerson(db.db, a.icbId, { dob: '2008-02-29' });
  // Postcode known, but its LSOA has no IMD decile: 'not_known'.
  const p3 = await insertPerson(db.db, a.icbId, {
    dob: '1950-01-01',
    sex: 'male',
    ethnicity: 'N',
    postcode: 'ZZ2 2BB',
  });
  const r1 = await insertReferral(db.db, a, {
    personId: p1,
    practiceId: a.practiceId,
    source: 'practice',
    reasons: ['loneliness', 'debt'],
    urgency: 'routine',
    status: 'discharged',
    receivedAt: '2026-03-31T23:30:00Z',
    triagedAt: '2026-04-01T09:00:00Z',
    priority: 'soon',
    allocatedWorkerId: t.linkWorker,
    allocatedAt: '2026-04-01T10:00:00Z',
    firstContactDueAt: '2026-04-08T16:00:00Z',
    firstContactAt: '2026-04-07T10:00:00Z',
    closedAt: '2026-06-10T15:00:00Z',
    closureReason: 'goals_met',
  });
  const r2 = await insertReferral(db.db, a, {
    personId: p2,
    source: 'self',
    reasons: ['low_mood'],
    urgency: 'routine',
    status: 'declined',
    receivedAt: '2024-02-29T12:00:00Z',
    triagedAt: '2024-03-01T09:00:00Z',
    closedAt: '2024-03-01T09:00:00Z',
    closureReason: 'not_wanted',
  });
  const r3 = await insertReferral(db.db, a, {
    personId: p3,
    practiceId: a.practiceId,
    source: 'practice',
    reasons: ['loneliness'],
    urgency: 'urgent',
    status: 'discharged',
    receivedAt: '2026-04-15T09:00:00Z',
    triagedAt: '2026-04-15T10:00:00Z',
    priority: 'urgent',
    allocatedWorkerId: t.healthCoach,
    allocatedAt: '2026-04-15T11:00:00Z',
    firstContactDueAt: '2026-04-15T16:00:00Z',
    firstContactAt: '2026-04-16T09:00:00Z',
    closedAt: '2026-05-20T09:00:00Z',
  });
  Object.assign(ids, { r1, r2, r3, p1 });

  await insertEvent(db.db, r1, '2026-04-01T09:00:00Z', '871731000000106');
  // 23:30 UTC on 31 May is June in London.
  await insertEvent(db.db, r1, '2026-05-31T23:30:00Z', '1082331000000102');
  await insertEvent(db.db, r1, '2026-04-02T09:00:00Z', null);

  await insertPlan(db.db, a, p1, t.linkWorker, [
    { savedAt: '2026-04-10T10:00:00Z', agreedOn: null },
    { savedAt: '2026-04-20T10:00:00Z', agreedOn: '2026-04-20' },
  ]);
  await insertPlan(db.db, a, p3, t.healthCoach, [
    { savedAt: '2025-01-01T10:00:00Z', agreedOn: '2025-01-01' },
    { savedAt: '2026-04-20T10:00:00Z', agreedOn: '2025-01-01' },
  ]);

  const m = (referralId: string, personId: string, measure: string, timepoint: string, on: string, scores: object) =>
    insertMeasure(db.db, a, { referralId, personId, by: t.linkWorker, measure, timepoint, on, scores });
  const ons4 = (l: number, w: number, h: number, x: number) => ({
    lifeSatisfaction: { value: l, band: 'low' },
    worthwhile: { value: w, band: 'low' },
    happy: { value: h, band: 'low' },
    anxious: { value: x, band: 'low' },
  });
  await m(r1, p1, 'swemwbs', 'baseline', '2026-04-07', { raw: 20, metric: 19.98 });
  await m(r1, p1, 'swemwbs', 'review', '2026-05-10', { raw: 22, metric: 21.54 });
  await m(r1, p1, 'swemwbs', 'discharge', '2026-06-10', { raw: 24, metric: 23.21 });
  await m(r1, p1, 'ons4', 'baseline', '2026-04-07', ons4(4, 5, 6, 7));
  await m(r1, p1, 'ons4', 'discharge', '2026-06-10', ons4(5, 5, 4, 3));
  await m(r1, p1, 'pam', 'baseline', '2026-04-07', { score: 40, level: 1, levelMatchesCutoffs: true });
  await m(r1, p1, 'pam', 'discharge', '2026-06-10', { score: 60, level: 3, levelMatchesCutoffs: true });
  await m(r2, p2, 'ucla3', 'baseline', '2024-03-01', { total: 7 });

  const c = (referralId: string, workerId: string, at: string, mode: string, minutes: number, outcome: string) =>
    insertContact(db.db, { referralId, pcnId: a.pcnId, workerId, at, mode, minutes, outcome });
  await c(r1, t.linkWorker, '2026-04-07T10:00:00Z', 'phone', 30, 'attended');
  await c(r1, t.linkWorker, '2026-04-20T10:00:00Z', 'phone', 20, 'attended');
  // 23:30 UTC on 30 April is May in London.
  await c(r1, t.linkWorker, '2026-04-30T23:30:00Z', 'face_to_face', 60, 'attended');
  await c(r1, t.linkWorker, '2026-05-05T10:00:00Z', 'phone', 15, 'did_not_attend');
  await c(r3, t.healthCoach, '2026-04-16T09:00:00Z', 'video', 45, 'attended');

  const service = await createPartnerService(db.db, a);
  ids.org = service.organizationId;
  const onward = (o: Omit<Parameters<typeof insertOnward>[2], 'referralId' | 'personId' | 'by' | 'service'>) =>
    insertOnward(db.db, a, { referralId: r1, personId: p1, by: t.linkWorker, service, ...o });
  // 23:30 UTC on 30 April is May in London.
  const o1 = await onward({
    kind: 'referral',
    status: 'closed',
    outcome: 'completed',
    acceptedAt: '2026-05-02T10:00:00Z',
    createdAt: '2026-04-30T23:30:00Z',
  });
  await insertAttendance(db.db, o1, 'attended', '2026-05-10', 3);
  await insertAttendance(db.db, o1, 'did_not_attend', '2026-06-01', 1);
  await onward({ kind: 'signpost', status: 'signposted', createdAt: '2026-04-20T10:00:00Z' });
  // Sent to the same organisation, not taken on; then one taken on but never attended.
  await onward({ kind: 'referral', status: 'sent', createdAt: '2026-05-03T10:00:00Z' });
  const o3 = await onward({
    kind: 'referral',
    status: 'accepted',
    acceptedAt: '2026-05-05T10:00:00Z',
    createdAt: '2026-05-04T10:00:00Z',
  });
  await insertAttendance(db.db, o3, 'did_not_attend', '2026-05-12', 1);

  // PCN B: one referral, received, so that change detection has a PCN to leave alone.
  const pb = await insertPerson(db.db, t.b.icbId, { dob: '1980-01-01' });
  ids.rb = await insertReferral(db.db, t.b, {
    personId: pb,
    source: 'self',
    reasons: ['loneliness'],
    urgency: 'routine',
    status: 'received',
    receivedAt: '2026-04-02T09:00:00Z',
  });
  await rebuildPcn(db.db, a.pcnId);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

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

describe('change detection', () => {
  it('rebuilds PCNs never refreshed, then only the PCN with a new contact', async () => {
    const first = await refreshChanged(db.db);
    // A was built in beforeAll with nothing changed since; B never was.
    expect(first.map((r) => r.pcnId)).toEqual([t.b.pcnId]);
    expect(await refreshChanged(db.db)).toEqual([]);
    const refreshedAt = async (pcnId: string) =>
      (await rows(sql`SELECT refreshed_at::text FROM analytics_refreshes WHERE pcn_id = ${pcnId}`))[0];
    const bBefore = await refreshedAt(t.b.pcnId);
    const aBefore = await refreshedAt(t.a.pcnId);

    await db.db.execute(sql`
      INSERT INTO case_contacts (referral_id, pcn_id, at, mode, duration_minutes, outcome, recorded_by_user_id)
      VALUES (${ids.r3}, ${t.a.pcnId}, '2026-05-02T10:00:00Z', 'group', 90, 'attended', ${t.healthCoach})`);
    const caughtUpTo = async (pcnId: string) =>
      (await rows(sql`SELECT caught_up_to::text FROM analytics_refreshes WHERE pcn_id = ${pcnId}`))[0];
    const bCaughtUp = await caughtUpTo(t.b.pcnId);
    const second = await refreshChanged(db.db);
    expect(second.map((r) => r.pcnId)).toEqual([t.a.pcnId]);
    // B was not rebuilt ("as of" stays), but nothing of it changed: it is caught up to now, so the
    // next run reads no change from before this one.
    expect(await refreshedAt(t.b.pcnId)).toBe(bBefore);
    const moved = new Date(String(await caughtUpTo(t.b.pcnId))).getTime();
    expect(moved).toBeGreaterThan(new Date(String(bCaughtUp)).getTime());
    // Taken just before A's own cut-off, so no later than A's.
    expect(moved).toBeLessThanOrEqual(new Date(String(await caughtUpTo(t.a.pcnId))).getTime());
    expect(await refreshedAt(t.a.pcnId)).not.toBe(aBefore);
    expect(
      await rows(sql`SELECT mode, n, minutes FROM analytics_contacts WHERE pcn_id = ${t.a.pcnId} AND mode = 'group'`),
    ).toEqual(['group|1|90']);
  });

  it('sees a person record changed through their referrals', async () => {
    await db.db.execute(sql`UPDATE people SET sex = 'female', updated_at = now() WHERE id = ${ids.p1}`);
    // Unchanged: p1 was already female; what matters is that the change is noticed.
    expect((await refreshChanged(db.db)).map((r) => r.pcnId)).toEqual([t.a.pcnId]);
  });

  it('says "as of" the oldest rebuild of the PCNs asked about, and nothing for a PCN never built', async () => {
    await rebuildAll(db.db);
    const stamps = await rows(sql`SELECT pcn_id, refreshed_at FROM analytics_refreshes ORDER BY refreshed_at`);
    expect(stamps).toHaveLength(2);
    const oldest = await db.db.execute<{ at: Date }>(sql`SELECT min(refreshed_at) AS at FROM analytics_refreshes`);
    expect(await analyticsAsOf(db.db, [t.a.pcnId, t.b.pcnId])).toBe(new Date(oldest.rows[0]?.at as Date).toISOString());
    const c = await createTestTenancy(db.db, t.a.icbId);
    expect(await analyticsAsOf(db.db, [t.a.pcnId, c.pcnId])).toBeNull();
    expect(await analyticsAsOf(db.db, [])).toBeNull();
  });
});

describe('a refresh of the changed months only', () => {
  const TABLES = [...ROLLUP_TABLES, ...SLICE_TABLES];
  const ICB_TABLES = TABLES.filter((table) => table.startsWith('analytics_icb_'));
  const PCN_TABLES = TABLES.filter((table) => !ICB_TABLES.includes(table));
  /** Every rollup row of PCN A and of its ICB, as text. */
  async function figures(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    expect(PCN_TABLES).toHaveLength(8);
    expect(ICB_TABLES).toHaveLength(3);
    for (const table of PCN_TABLES)
      out[table] = await rows(sql`SELECT * FROM ${sql.identifier(table)} WHERE pcn_id = ${t.a.pcnId}`);
    for (const table of ICB_TABLES)
      out[table] = await rows(sql`SELECT * FROM ${sql.identifier(table)} WHERE icb_id = ${t.a.icbId}`);
    return out;
  }
  /** The row versions (xmin) of R2's month, which no change below touches. */
  const untouched = () =>
    rows(sql`SELECT xmin::text FROM analytics_count_slices WHERE pcn_id = ${t.a.pcnId} AND month = '2024-02-01'`);

  it('recomputes every month the changed referrals count in, and nothing else, to the figures a full rebuild gives', async () => {
    await rebuildAll(db.db);
    const before = await figures();
    const r2Rows = await untouched();
    expect(r2Rows.length).toBeGreaterThan(0);

    // R1 passes to the health coach: its role moves in every month it counts in (received and
    // plan in April; contacts, onward referrals and sessions in May; a coded event, a measure and
    // a session in June). R3 (April) gets a SWEMWBS pair whose latest is in July, and a contact in June.
    await db.db.execute(
      sql`UPDATE referrals SET allocated_worker_id = ${t.healthCoach}, updated_at = now() WHERE id = ${ids.r1}`,
    );
    await db.db.execute(sql`
      INSERT INTO outcome_measures (person_id, referral_id, icb_id, pcn_id, measure, timepoint, answers, scores,
                                    recorded_by, administered_on)
      SELECT person_id, id, ${t.a.icbId}, pcn_id, 'swemwbs', tp, '{}'::jsonb, sc::jsonb, ${t.healthCoach}, d::date
        FROM referrals, (VALUES ('baseline', '{"raw":14,"metric":15.8}', '2026-04-16'),
                                ('discharge', '{"raw":21,"metric":20.73}', '2026-07-02')) AS m(tp, sc, d)
       WHERE id = ${ids.r3}`);
    await db.db.execute(sql`
      INSERT INTO case_contacts (referral_id, pcn_id, at, mode, duration_minutes, outcome, recorded_by_user_id)
      VALUES (${ids.r3}, ${t.a.pcnId}, '2026-06-03T10:00:00Z', 'phone', 20, 'attended', ${t.healthCoach})`);

    expect(await changedMonthsOf(db.db, t.a.pcnId)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01']);
    expect((await refreshChanged(db.db)).map((r) => [r.pcnId, r.rebuilt])).toEqual([[t.a.pcnId, true]]);
    const refreshed = await figures();
    // Moved: the flow of R1's April cohort is the health coach's now; R3's pair is counted in July.
    expect(refreshed).not.toEqual(before);
    expect(
      await rows(sql`SELECT role, n FROM analytics_counts WHERE pcn_id = ${t.a.pcnId} AND measure = 'flow'
                      AND value = 'plan_agreed'`),
    ).toEqual(['health_coach|1']);
    expect(
      await rows(sql`SELECT month::text, pairs FROM analytics_outcomes WHERE pcn_id = ${t.a.pcnId}
                      AND measure = 'swemwbs' AND dimension = 'all' AND month = '2026-07-01'`),
    ).toEqual(['2026-07-01|1']);
    expect(await untouched()).toEqual(r2Rows);

    await rebuildAll(db.db);
    expect(await figures()).toEqual(refreshed);
  });

  it('keeps the referrals that did not change but count in a recomputed month', async () => {
    await rebuildAll(db.db);
    // As if a minute had passed since the rebuild (the cut-off keeps a few seconds' margin).
    await db.db.execute(sql`UPDATE analytics_refreshes SET caught_up_to = now() WHERE pcn_id = ${t.a.pcnId}`);
    // A referral received in June: June alone is recomputed. R1 (received in April, unchanged)
    // counts in June too: a coded event, its PAM move and its pairs, a session missed.
    const person = await insertPerson(db.db, t.a.icbId, { dob: '1985-05-05' });
    const r4 = await insertReferral(db.db, t.a, {
      personId: person,
      source: 'self',
      reasons: ['debt'],
      urgency: 'routine',
      status: 'received',
      receivedAt: '2026-06-15T09:00:00Z',
    });
    await db.db.execute(sql`UPDATE referrals SET updated_at = now() WHERE id = ${r4}`);
    expect(await changedMonthsOf(db.db, t.a.pcnId)).toEqual(['2026-06-01']);
    const before = await figures();
    await refreshChanged(db.db);
    const refreshed = await figures();
    expect(refreshed.analytics_counts).not.toEqual(before.analytics_counts);
    expect(
      await rows(sql`SELECT measure, value, n FROM analytics_counts WHERE pcn_id = ${t.a.pcnId}
                      AND measure IN ('snomed', 'pam_move') AND month = '2026-06-01'`),
    ).toEqual(['pam_move|1→3|1', 'snomed|1082331000000102|1']);
    await rebuildAll(db.db);
    expect(await figures()).toEqual(refreshed);
  });
});

describe('after a run that rebuilt a PCN', () => {
  it('has vacuumed the rollup and slice tables, so dashboards can read the indexes alone', async () => {
    // Manual runs only (autovacuum counts apart): vacuum_count is 0 until the refresh vacuums.
    const counts = sql`
      SELECT relname, vacuum_count::int AS vacuums FROM pg_stat_user_tables
       WHERE relname LIKE 'analytics\_%' AND relname NOT IN ('analytics_refreshes', 'analytics_imd') ORDER BY relname`;
    const before = (await db.db.execute<{ relname: string; vacuums: number }>(counts)).rows;
    await rebuildAll(db.db);
    const after = (await db.db.execute<{ relname: string; vacuums: number }>(counts)).rows;
    expect(after.map((t) => t.relname)).toEqual([
      'analytics_contact_slices',
      'analytics_contacts',
      'analytics_count_slices',
      'analytics_counts',
      'analytics_icb_count_slices',
      'analytics_icb_outcome_slices',
      'analytics_icb_wait_slices',
      'analytics_outcome_slices',
      'analytics_outcomes',
      'analytics_wait_slices',
      'analytics_waits',
    ]);
    for (const t of after) {
      const was = before.find((b) => b.relname === t.relname)?.vacuums ?? 0;
      expect({ table: t.relname, vacuumed: t.vacuums > was }).toEqual({ table: t.relname, vacuumed: true });
    }
  });
});
