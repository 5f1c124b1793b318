import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenancy, createTestUser, type TestTenancy } from '../../../test/toolkit.js';
import { createTestReferral, triaged } from '../../triage/test-referrals.js';
import { analyticsContacts } from '../analytics.tables.js';
import { replaceSlicesOf } from '../refresh/slices.js';
import { buildCapacity } from './capacity.js';
import { quarter, rowOf, sectionTestDatabase, tableOf } from './test-sections.js';

// Capacity against a hand-made team: caseloads from live referrals, contacts from the rollup.
// Period: January–March 2026 = 90 days = 90/7 weeks.

const database = await sectionTestDatabase();
const db = database.db;
let home: TestTenancy;
let other: TestTenancy;
const names: Record<string, string> = {};
const ids: Record<string, string> = {};

async function worker(
  key: string,
  tenancy: TestTenancy,
  role: 'link_worker' | 'health_coach',
  fte: string,
  cap: number,
  active = true,
) {
  names[key] = `Worker ${key} ${Math.random().toString(36).slice(2, 7)}`;
  const user = await createTestUser(db, tenancy, role, { name: names[key], fte, caseloadCapacity: cap, active });
  ids[key] = user.id;
  return user.id;
}

async function cases(
  tenancy: TestTenancy,
  workerId: string,
  statuses: ('allocated' | 'first_contact' | 'active' | 'discharged')[],
) {
  for (const status of statuses) {
    await createTestReferral(db, tenancy, triaged({ status, allocatedWorkerId: workerId, allocatedAt: new Date() }));
  }
}

async function contacts(
  tenancy: TestTenancy,
  workerId: string,
  role: string,
  month: string,
  outcome: string,
  n: number,
) {
  await db
    .insert(analyticsContacts)
    .values({ pcnId: tenancy.pcnId, workerId, role, month, mode: 'phone', outcome, n, minutes: n * 30 });
}

beforeAll(async () => {
  home = await createTestTenancy(db);
  other = await createTestTenancy(db, home.icbId);
  const lw1 = await worker('lw1', home, 'link_worker', '1.00', 20);
  const lw2 = await worker('lw2', home, 'link_worker', '0.50', 10);
  const hc = await worker('hc', home, 'health_coach', '0.80', 15);
  const lw3 = await worker('lw3', other, 'link_worker', '1.00', 30);
  const gone = await worker('gone', home, 'link_worker', '1.00', 20, false);
  await cases(home, lw1, ['allocated', 'first_contact', 'active', 'discharged']);
  await cases(home, lw2, ['active']);
  await cases(home, hc, ['active', 'active']);
  await cases(other, lw3, ['allocated']);
  await cases(home, gone, ['active']);
  await contacts(home, lw1, 'link_worker', '2026-01-01', 'attended', 20);
  await contacts(home, lw1, 'link_worker', '2026-02-01', 'attended', 16);
  await contacts(home, lw1, 'link_worker', '2026-02-01', 'did_not_attend', 4);
  await contacts(home, lw1, 'link_worker', '2026-03-01', 'cancelled', 2);
  await contacts(home, lw1, 'link_worker', '2025-12-01', 'attended', 50); // before the period
  await contacts(home, lw1, 'link_worker', '2026-04-01', 'attended', 50); // after it
  await contacts(home, lw2, 'link_worker', '2026-03-01', 'attended', 9);
  await contacts(home, lw2, 'link_worker', '2026-03-01', 'did_not_attend', 1);
  await contacts(home, hc, 'health_coach', '2026-01-01', 'attended', 12);
  await contacts(other, lw3, 'link_worker', '2026-02-01', 'attended', 30);
  // What the refresh job derives from the detail rows it writes (refresh/slices.ts).
  for (const t of [home, other]) await replaceSlicesOf(db, t.pcnId);
});

describe('capacity and utilisation', () => {
  it('per role, over the ICB: caseload against capacity, cases and contacts per WTE, DNA rate', async () => {
    const tables = await buildCapacity(db, quarter(home.icbId, [home.pcnId, other.pcnId]));
    const byRole = tableOf(tables, 'capacity-by-role');
    expect(byRole.rows.map((r) => r.key)).toEqual(['link_worker', 'health_coach']);
    // link workers: lw1 + lw2 + lw3 (the inactive worker is not counted): open 3 + 1 + 1.
    expect(rowOf(byRole, 'link_worker')).toEqual({
      workers: 3,
      wte: 2.5,
      capacity: 60,
      openCases: 5,
      utilisation: 8.3, // 5 / 60
      casesPerWte: 2, // 5 / 2.5
      contacts: 75, // 20 + 16 + 9 + 30
      contactsPerWteWeek: 2.3, // 75 / 2.5 / (90 / 7) = 2.33
      dnaRate: 6.3, // 5 / 80 (cancelled left out)
    });
    expect(rowOf(byRole, 'health_coach')).toEqual({
      workers: 1,
      wte: 0.8,
      capacity: 15,
      openCases: 2,
      utilisation: 13.3,
      casesPerWte: 2.5,
      contacts: 12,
      contactsPerWteWeek: 1.2, // 12 / 0.8 / 12.857
      dnaRate: 0,
    });
    expect(rowOf(byRole, 'total')).toMatchObject({
      workers: 4,
      wte: 3.3,
      capacity: 75,
      openCases: 7,
      contacts: 87,
      dnaRate: 5.4,
    });
    const byPcn = tableOf(tables, 'capacity-by-pcn');
    expect(rowOf(byPcn, home.pcnId)).toMatchObject({ workers: 3, openCases: 6, contacts: 57, dnaRate: 8.1 });
    expect(rowOf(byPcn, other.pcnId)).toMatchObject({ workers: 1, openCases: 1, contacts: 30 });
  });

  it('names no worker unless the viewer is the lead of that team', async () => {
    const commissioner = await buildCapacity(db, quarter(home.icbId, [home.pcnId, other.pcnId]));
    const otherLead = await buildCapacity(db, quarter(home.icbId, [home.pcnId]));
    for (const tables of [commissioner, otherLead]) {
      expect(tables.map((t) => t.id)).not.toContain('capacity-by-worker');
      const text = JSON.stringify(tables);
      for (const name of Object.values(names)) expect(text).not.toContain(name);
      for (const id of Object.values(ids)) expect(text).not.toContain(id);
    }
    const lead = await buildCapacity(db, quarter(home.icbId, [home.pcnId], { ownTeam: true }));
    const byWorker = tableOf(lead, 'capacity-by-worker');
    expect(byWorker.rows.map((r) => r.label).sort()).toEqual([names.hc, names.lw1, names.lw2].sort());
    expect(rowOf(byWorker, ids.lw1 as string)).toEqual({
      wte: 1,
      capacity: 20,
      openCases: 3,
      utilisation: 15,
      casesPerWte: 3,
      contacts: 36,
      contactsPerWteWeek: 2.8, // 36 / 1 / 12.857
      dnaRate: 10, // 4 / 40
    });
  });

  it('the role filter keeps that role’s workers and contacts only', async () => {
    const tables = await buildCapacity(db, quarter(home.icbId, [home.pcnId], { role: 'health_coach', ownTeam: true }));
    expect(tableOf(tables, 'capacity-by-role').rows.map((r) => r.key)).toEqual(['health_coach']);
    expect(rowOf(tableOf(tables, 'capacity-by-pcn'), home.pcnId)).toMatchObject({
      workers: 1,
      openCases: 2,
      contacts: 12,
    });
    expect(tableOf(tables, 'capacity-by-worker').rows.map((r) => r.key)).toEqual([ids.hc]);
  });
});
