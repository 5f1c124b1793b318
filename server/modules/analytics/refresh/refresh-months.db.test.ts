import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { createTestTenancy } from '../../../test/toolkit.js';
import { createPartnerService } from '../../onward-referrals/test-onward.js';
import { analyticsAsOf } from './as-of.js';
import { changedMonthsOf } from './changes.js';
import { ROLLUP_TABLES, rebuildAll, refreshChanged } from './rebuild.js';
import { SLICE_TABLES } from './slices.js';
import {
  insertAttendance,
  insertContact,
  insertEvent,
  insertMeasure,
  insertOnward,
  insertPerson,
  insertReferral,
  type TwoPcns,
} from './test-data.js';
import { setUpThreeReferrals, type ThreeReferrals } from './test-three-referrals.js';

// The refresh over the three referrals of test-three-referrals.ts: which PCNs it finds changed,
// which months it recomputes, that those give the rows a full rebuild gives, and the vacuum after.

let db: TestDatabase;
let t: TwoPcns;
let ids: Record<string, string>;
let rows: ThreeReferrals['rows'];
setUpThreeReferrals((set) => ({ db, t, ids, rows } = set));

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
  it('writes only the rows whose figures changed: a rebuild of unchanged records writes none', async () => {
    /** Each rollup row of PCN A and its ICB with its row version (xmin), by table. */
    async function versions(): Promise<Record<string, string[]>> {
      const out: Record<string, string[]> = {};
      for (const table of TABLES) {
        const mine = ICB_TABLES.includes(table) ? sql`icb_id = ${t.a.icbId}` : sql`pcn_id = ${t.a.pcnId}`;
        out[table] = await rows(sql`SELECT xmin::text, t::text FROM ${sql.identifier(table)} t WHERE ${mine}`);
      }
      return out;
    }
    await rebuildAll(db.db);
    const built = await versions();
    expect(Object.values(built).every((list) => list.length > 0)).toBe(true);
    // Every month recomputed, and every figure the same: not one row written.
    await rebuildAll(db.db);
    expect(await versions()).toEqual(built);

    // A contact of R3 in June: the contact rows and slices of June move, nothing else does.
    await db.db.execute(sql`UPDATE analytics_refreshes SET caught_up_to = now() WHERE pcn_id = ${t.a.pcnId}`);
    await db.db.execute(sql`
      INSERT INTO case_contacts (referral_id, pcn_id, at, mode, duration_minutes, outcome, recorded_by_user_id)
      VALUES (${ids.r3}, ${t.a.pcnId}, '2026-06-03T10:00:00Z', 'phone', 20, 'attended', ${t.healthCoach})`);
    expect(await changedMonthsOf(db.db, t.a.pcnId)).toEqual(['2026-06-01']);
    await refreshChanged(db.db);
    const after = await versions();
    const moved = (table: string) => after[table]?.filter((row) => !built[table]?.includes(row)) ?? [];
    for (const table of TABLES.filter((x) => !x.includes('contact'))) expect(moved(table), table).toEqual([]);
    // The health coach's June contacts: one row new (or changed) in the detail and one in the slices.
    expect(moved('analytics_contacts')).toHaveLength(1);
    expect(moved('analytics_contact_slices')).toHaveLength(1);
    expect(moved('analytics_contacts')[0]).toContain('2026-06-01');
    // The rows of June that the contact did not move kept their versions.
    const june = (list: string[] | undefined) => (list ?? []).filter((row) => row.includes('2026-06-01'));
    expect(june(built.analytics_counts).length).toBeGreaterThan(0);
    expect(june(after.analytics_counts)).toEqual(june(built.analytics_counts));
  });

  it('recomputes only the month a care plan save brings to "plan agreed", and keeps "as of" when it brings none', async () => {
    const a = t.a.pcnId;
    /** A new version of the person's plan here, saved now, agreed on that date (or not agreed). */
    const saveVersion = (personId: string, agreedOn: string | null) =>
      db.db.execute(sql`
        WITH plan AS (
          UPDATE care_plans SET current_version = current_version + 1, updated_at = now()
           WHERE person_id = ${personId} AND pcn_id = ${a} RETURNING id, current_version)
        INSERT INTO care_plan_versions (plan_id, version, content, saved_by, saved_at)
        SELECT id, current_version, ${JSON.stringify({ agreedOn })}::jsonb, ${t.linkWorker}, now() FROM plan`);
    const asOf = () => rows(sql`SELECT refreshed_at::text FROM analytics_refreshes WHERE pcn_id = ${a}`);
    const planAgreed = () =>
      rows(sql`SELECT coalesce(sum(n), 0) FROM analytics_counts
                WHERE pcn_id = ${a} AND measure = 'flow' AND value = 'plan_agreed' AND month = '2026-04-01'`);
    const caughtUpNow = () =>
      db.db.execute(sql`UPDATE analytics_refreshes SET caught_up_to = now() WHERE pcn_id = ${a}`);
    await rebuildAll(db.db);
    await caughtUpNow();
    const before = await asOf();
    const agreedBefore = Number((await planAgreed())[0]);

    // R1's plan was agreed on 20 April, within R1's time: agreed again, or saved unagreed, it
    // brings R1 nowhere new.
    const p1 = ids.p1 as string;
    await saveVersion(p1, '2026-05-01');
    await saveVersion(p1, null);
    expect(await changedMonthsOf(db.db, a)).toEqual([]);
    expect(await refreshChanged(db.db)).toMatchObject([{ pcnId: a, rebuilt: true, months: 0 }]);
    expect(await asOf()).toEqual(before);
    expect(
      await rows(sql`SELECT caught_up_to > now() - interval '1 minute' FROM analytics_refreshes WHERE pcn_id = ${a}`),
    ).toEqual(['true']);

    // R3's person (their plan agreed in 2025, before R3) agrees it again on 1 May, within R3's
    // time (15 April – 20 May): R3's April cohort reaches the stage, and April alone is recomputed.
    await caughtUpNow();
    const p3 = (await rows(sql`SELECT person_id FROM referrals WHERE id = ${ids.r3}`))[0] as string;
    await saveVersion(p3, '2026-05-01');
    expect(await changedMonthsOf(db.db, a)).toEqual(['2026-04-01']);
    expect(await refreshChanged(db.db)).toMatchObject([{ pcnId: a, rebuilt: true, months: 1 }]);
    expect(await asOf()).not.toEqual(before);
    expect(Number((await planAgreed())[0])).toBe(agreedBefore + 1);
    const refreshed = await figures();
    await rebuildAll(db.db);
    expect(await figures()).toEqual(refreshed);
  });

  it('keeps a referral that counts in a recomputed month by one record alone, of every kind', async () => {
    // Five referrals received in January 2025, each counting in one later month by one record
    // only: a coded event (August), a contact (September), a measure's pair (October), an onward
    // referral made (November), a session (December). A new referral received in each of those
    // months then makes the refresh recompute them: each must find its one referral again.
    const a = t.a;
    const old = async () =>
      insertReferral(db.db, a, {
        personId: await insertPerson(db.db, a.icbId, { dob: '1970-03-03' }),
        source: 'practice',
        reasons: ['debt'],
        urgency: 'routine',
        status: 'allocated',
        receivedAt: '2025-01-06T09:00:00Z',
        allocatedWorkerId: t.linkWorker,
      });
    const personOf = async (referralId: string) =>
      (await rows(sql`SELECT person_id FROM referrals WHERE id = ${referralId}`))[0] as string;
    const coded = await old();
    await insertEvent(db.db, coded, '2025-08-04T09:00:00Z', '871731000000106');
    const contacted = await old();
    await insertContact(db.db, {
      referralId: contacted,
      pcnId: a.pcnId,
      workerId: t.linkWorker,
      at: '2025-09-01T10:00:00Z',
      mode: 'phone',
      minutes: 10,
      outcome: 'attended',
    });
    const measured = await old();
    for (const [timepoint, on, metric] of [
      ['baseline', '2025-01-10', 15.8],
      ['discharge', '2025-10-06', 20.73],
    ] as const)
      await insertMeasure(db.db, a, {
        referralId: measured,
        personId: await personOf(measured),
        by: t.linkWorker,
        measure: 'swemwbs',
        timepoint,
        on,
        scores: { raw: 14, metric },
      });
    const service = await createPartnerService(db.db, a);
    const onward = async (referralId: string, createdAt: string) =>
      insertOnward(db.db, a, {
        referralId,
        personId: await personOf(referralId),
        by: t.linkWorker,
        service,
        kind: 'referral',
        status: 'accepted',
        acceptedAt: createdAt,
        createdAt,
      });
    await onward(await old(), '2025-11-03T10:00:00Z');
    const attended = await onward(await old(), '2025-01-20T10:00:00Z');
    await insertAttendance(db.db, attended, 'attended', '2025-12-01', 2);

    await rebuildAll(db.db);
    await db.db.execute(sql`UPDATE analytics_refreshes SET caught_up_to = now() WHERE pcn_id = ${a.pcnId}`);
    const months = ['2025-08-01', '2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01'];
    for (const month of months) {
      const person = await insertPerson(db.db, a.icbId, { dob: '1990-01-01' });
      const r = await insertReferral(db.db, a, {
        personId: person,
        source: 'self',
        reasons: ['debt'],
        urgency: 'routine',
        status: 'received',
        receivedAt: `${month.slice(0, 8)}15T09:00:00Z`,
      });
      await db.db.execute(sql`UPDATE referrals SET updated_at = now() WHERE id = ${r}`);
    }
    expect(await changedMonthsOf(db.db, a.pcnId)).toEqual(months);
    await refreshChanged(db.db);
    const refreshed = await figures();
    // Each kind's row is there after the refresh (so the comparison below is not of nothing)…
    expect(
      await rows(sql`
        SELECT month::text, measure, dimension FROM analytics_counts
         WHERE pcn_id = ${a.pcnId} AND month >= '2025-08-01' AND month < '2026-01-01'
           AND measure IN ('snomed', 'onward') AND dimension IN ('code', 'kind', 'attendance')
        UNION SELECT month::text, 'contacts', '' FROM analytics_contacts WHERE pcn_id = ${a.pcnId} AND month = '2025-09-01'
        UNION SELECT month::text, 'outcomes', '' FROM analytics_outcomes WHERE pcn_id = ${a.pcnId} AND month = '2025-10-01'`),
    ).toEqual([
      '2025-08-01|snomed|code',
      '2025-09-01|contacts|',
      '2025-10-01|outcomes|',
      '2025-11-01|onward|kind',
      '2025-12-01|onward|attendance',
    ]);
    // …and every row is what a full rebuild gives.
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
