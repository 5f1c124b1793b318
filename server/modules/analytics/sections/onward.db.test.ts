import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenancy, type TestTenancy } from '../../../test/toolkit.js';
import { createTestOrganization } from '../../directory/listings/test-listings.js';
import { teamGroupAttendance, teamGroupSessions, teamGroups } from '../../team-groups/team-groups.tables.js';
import { createTestReferral } from '../../triage/test-referrals.js';
import { analyticsCounts } from '../analytics.tables.js';
import { replaceSlicesOf } from '../refresh/slices.js';
import { buildOnward, ORGANISATIONS_SHOWN } from './onward.js';
import { quarter, rowOf, sectionTestDatabase, tableOf } from './test-sections.js';

const database = await sectionTestDatabase();
const db = database.db;
let home: TestTenancy;
let quiet: TestTenancy;
let directoryOrg: { id: string; name: string };
let elsewhereOrg: { id: string; name: string };

async function onward(dimension: string, value: string, n: number, month = '2026-02-01') {
  await db
    .insert(analyticsCounts)
    .values({ pcnId: home.pcnId, month, role: 'link_worker', measure: 'onward', dimension, value, n });
}

beforeAll(async () => {
  home = await createTestTenancy(db);
  quiet = await createTestTenancy(db, home.icbId);
  const otherIcb = await createTestTenancy(db);
  directoryOrg = await createTestOrganization(db, home.icbId, { name: 'Riverside Walking Group' });
  elsewhereOrg = await createTestOrganization(db, otherIcb.icbId, { name: 'Another ICB Allotments' });
  for (const [status, n] of [
    ['sent', 3],
    ['accepted', 5],
    ['closed', 2],
    ['signposted', 4],
  ] as const) {
    await onward('status', status, n);
  }
  await onward('status', 'accepted', 9, '2026-04-01'); // after the period
  await onward('organisation', directoryOrg.id, 10);
  await onward('organisation', `${directoryOrg.id}:accepted`, 6);
  await onward('organisation', `${directoryOrg.id}:attended`, 4);
  await onward('organisation', home.vcsOrganisationId, 2);
  await onward('organisation', `${home.vcsOrganisationId}:accepted`, 1);
  // An id this ICB does not hold: counted, but its name is not looked up elsewhere.
  await onward('organisation', elsewhereOrg.id, 1);
  // What the refresh job derives from the detail rows it writes (refresh/slices.ts).
  for (const pcnId of [home.pcnId, quiet.pcnId]) await replaceSlicesOf(db, pcnId);
});

describe('onward referrals and community organisations', () => {
  it('counts by status and, per organisation, referrals, acceptances and attendance', async () => {
    const tables = await buildOnward(db, quarter(home.icbId, [home.pcnId, quiet.pcnId]));
    const byStatus = tableOf(tables, 'onward-by-status');
    expect(byStatus.rows.map((r) => [r.key, rowOf(byStatus, r.key).n])).toEqual([
      ['signposted', 4],
      ['sent', 3],
      ['accepted', 5],
      ['closed', 2],
    ]);
    expect(rowOf(byStatus, 'total')).toEqual({ n: 14 });
    const byOrg = tableOf(tables, 'onward-by-organisation');
    expect(byOrg.rows.map((r) => r.label)).toEqual([
      'Riverside Walking Group',
      expect.stringMatching(/^Test Charity/),
      'Organisation no longer in the directory',
    ]);
    expect(JSON.stringify(byOrg)).not.toContain('Another ICB Allotments');
    expect(rowOf(byOrg, directoryOrg.id)).toEqual({
      sent: 10,
      accepted: 6,
      acceptedShare: 60,
      attended: 4,
      attendedShare: 66.7,
    });
    expect(rowOf(byOrg, home.vcsOrganisationId)).toEqual({
      sent: 2,
      accepted: 1,
      acceptedShare: 50,
      attended: 0,
      attendedShare: 0,
    });
    expect(rowOf(byOrg, 'total')).toEqual({
      sent: 13,
      accepted: 7,
      acceptedShare: 53.8,
      attended: 4,
      attendedShare: 57.1,
    });
  });

  it('answers empty tables with a note when the rollup holds nothing for onward referrals', async () => {
    const tables = await buildOnward(db, quarter(home.icbId, [quiet.pcnId]));
    expect(tableOf(tables, 'team-groups').notes).toEqual([
      'No register of a group the team runs was taken in this period.',
    ]);
    for (const table of tables.filter((t) => t.id !== 'team-groups')) {
      expect(table.rows).toEqual([]);
      expect(table.total).toBeNull();
      expect(table.notes.join(' ')).toMatch(/No onward referrals are recorded/);
    }
  });

  it('names the organisations sent the most and sums the others in one row', async () => {
    const busy = await createTestTenancy(db, home.icbId);
    // Two more organisations than are named, sent 30, 29, … referrals; each accepted one.
    const sent = Array.from({ length: ORGANISATIONS_SHOWN + 2 }, (_, i) => ({ id: randomUUID(), n: 30 - i }));
    await db.insert(analyticsCounts).values(
      sent.flatMap(({ id, n }) => [
        {
          pcnId: busy.pcnId,
          month: '2026-02-01',
          role: 'link_worker',
          measure: 'onward',
          dimension: 'organisation',
          value: id,
          n,
        },
        {
          pcnId: busy.pcnId,
          month: '2026-02-01',
          role: 'link_worker',
          measure: 'onward',
          dimension: 'organisation',
          value: `${id}:accepted`,
          n: 1,
        },
      ]),
    );
    await replaceSlicesOf(db, busy.pcnId);
    const byOrg = tableOf(await buildOnward(db, quarter(home.icbId, [busy.pcnId])), 'onward-by-organisation');
    expect(byOrg.rows).toHaveLength(ORGANISATIONS_SHOWN + 1);
    expect(byOrg.rows.slice(0, ORGANISATIONS_SHOWN).map((r) => r.key)).toEqual(
      sent.slice(0, ORGANISATIONS_SHOWN).map((o) => o.id),
    );
    const last = sent.slice(ORGANISATIONS_SHOWN);
    expect(byOrg.rows.at(-1)?.label).toBe('Other organisations (2)');
    expect(rowOf(byOrg, 'other')).toMatchObject({ sent: last.reduce((s, o) => s + o.n, 0), accepted: 2 });
    expect(rowOf(byOrg, 'total')).toMatchObject({ sent: sent.reduce((s, o) => s + o.n, 0), accepted: sent.length });
  });
});

describe('groups the team runs (issue 16)', () => {
  // By hand: the walk has two sessions in the quarter with registers taken — 10 January (Ann and
  // Bob came, 3 others) and 14 March (Ann came, 2 others) — one in April (after the period) and
  // one on 21 February with no register yet: 2 sessions, 3 attendances, 2 different people,
  // 5 others. The knit group has one session (Bob; no others): 1, 1, 1, 0.
  it('counts sessions held, attendances, different people and others per group, in the period only', async () => {
    const [ann, bob] = [await createTestReferral(db, home), await createTestReferral(db, home)];
    const group = async (name: string) =>
      (
        await db
          .insert(teamGroups)
          .values({ pcnId: home.pcnId, name, schedule: 'Weekly', venue: 'The park', capacity: 12 })
          .returning()
      )[0]?.id as string;
    const walk = await group('Walk and talk');
    const knit = await group('Knit and natter');
    const session = async (groupId: string, startsAt: string, others: number, came: (typeof ann)[], taken = true) => {
      const [s] = await db
        .insert(teamGroupSessions)
        .values({
          groupId,
          pcnId: home.pcnId,
          startsAt: new Date(startsAt),
          durationMinutes: 60,
          othersCount: others,
          registerTakenAt: taken ? new Date(startsAt) : null,
        })
        .returning();
      for (const r of came) {
        await db
          .insert(teamGroupAttendance)
          .values({ sessionId: s?.id as string, referralId: r.id, personId: r.personId, pcnId: home.pcnId });
      }
    };
    await session(walk, '2026-01-10T10:00:00Z', 3, [ann, bob]);
    await session(walk, '2026-03-14T10:00:00Z', 2, [ann]);
    await session(walk, '2026-04-11T10:00:00Z', 9, [ann, bob]); // after the period
    await session(walk, '2026-02-21T10:00:00Z', 0, [], false); // no register taken
    await session(knit, '2026-02-03T14:00:00Z', 0, [bob]);

    const table = tableOf(await buildOnward(db, quarter(home.icbId, [home.pcnId])), 'team-groups');
    expect(table.rows.map((r) => r.label)).toEqual(['Knit and natter', 'Walk and talk']);
    expect(rowOf(table, walk)).toEqual({ sessions: 2, attendances: 3, people: 2, others: 5 });
    expect(rowOf(table, knit)).toEqual({ sessions: 1, attendances: 1, people: 1, others: 0 });
    // Several PCNs: a row per PCN (the quiet one ran nothing).
    const icb = tableOf(await buildOnward(db, quarter(home.icbId, [home.pcnId, quiet.pcnId])), 'team-groups');
    expect(icb.rows.map((r) => r.key)).toEqual([home.pcnId]);
    expect(icb.rowHeader).toBe('Primary care network');
  });
});
