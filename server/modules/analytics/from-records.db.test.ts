import { describe, expect, it } from 'vitest';
import type { FigureTable } from '../../../common/analytics.js';
import { setUpTestApp } from '../../test/team.js';
import { rebuildPcn } from './refresh/rebuild.js';
import { insertEvent, insertPerson, insertReferral } from './refresh/test-data.js';

// From records to published figures: two referrals written as the app leaves them, the PCN's
// rollups rebuilt by the refresh job's own code, then read through the API — so api-a's sections
// read the measures and dimensions the job really writes, not only hand-made rows.

const { ctx, tenancy: home, lead, worker } = setUpTestApp({ team: { lead: 'team_lead', worker: 'link_worker' } });

const get = async (section: string) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analytics/${section}?from=2025-03&to=2025-03`,
    headers: lead.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { asOf: string | null; tables: FigureTable[] };
};
const value = (tables: FigureTable[], table: string, row: string, column: string) =>
  tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.values[column];

describe('figures from records, through the refresh job', () => {
  it('counts demand, flow, waits and the national figures the job rolled up', async () => {
    const person = await insertPerson(ctx.db, home.icbId, { dob: '1960-05-01' });
    // Received Monday 10 March, first contact Wednesday 12 March (2 working days), before its due date.
    const seen = await insertReferral(ctx.db, home, {
      personId: person,
      practiceId: home.practiceId,
      source: 'practice',
      reasons: ['loneliness', 'debt'],
      urgency: 'routine',
      status: 'first_contact',
      receivedAt: '2025-03-10T10:00:00Z',
      triagedAt: '2025-03-10T12:00:00Z',
      priority: 'routine',
      allocatedWorkerId: worker.id,
      allocatedAt: '2025-03-11T09:00:00Z',
      firstContactDueAt: '2025-03-20T17:00:00Z',
      firstContactAt: '2025-03-12T10:00:00Z',
    });
    await insertEvent(ctx.db, seen, '2025-03-10T10:00:00Z', '871731000000106');
    await insertReferral(ctx.db, home, {
      personId: person,
      source: 'self',
      reasons: ['loneliness'],
      urgency: 'routine',
      status: 'declined',
      receivedAt: '2025-03-15T10:00:00Z',
      closedAt: '2025-03-16T10:00:00Z',
      closureReason: 'person_declined',
    });
    await rebuildPcn(ctx.db, home.pcnId);

    const demand = await get('demand');
    expect(demand.asOf).toEqual(expect.any(String));
    expect(value(demand.tables, 'demand-referrals-by-month', '2025-03', 'referrals')).toBe(2);
    expect(value(demand.tables, 'demand-by-source', 'self', 'referrals')).toBe(1);
    expect(value(demand.tables, 'demand-by-reason', 'loneliness', 'referrals')).toBe(2);
    expect(value(demand.tables, 'demand-by-reason', 'debt', 'referrals')).toBe(1);

    const flow = (await get('flow')).tables;
    expect(value(flow, 'flow-stages', 'received', 'referrals')).toBe(2);
    expect(value(flow, 'flow-stages', 'first_contact', 'referrals')).toBe(1);
    expect(value(flow, 'flow-closures', 'declined', 'referrals')).toBe(1);

    const waits = (await get('waits')).tables;
    expect(value(waits, 'waits-by-month', '2025-03', 'referrals')).toBe(1);
    expect(value(waits, 'waits-by-month', '2025-03', 'median')).toBe(2);
    expect(value(waits, 'waits-by-month', '2025-03', 'met')).toBe(100);

    const national = (await get('national')).tables;
    expect(value(national, 'national-by-month', '2025-03', 'snomed:871731000000106')).toBe(1);
    expect(value(national, 'national-by-month', '2025-03', 'received')).toBe(2);
  });
});
