import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsReport, ZAnalyticsReport } from '../../../../common/analytics.js';
import { setUpTestApp } from '../../../test/team.js';
import { createTestUser, type Session, signIn } from '../../../test/toolkit.js';
import { createTestReferral, triaged } from '../../triage/test-referrals.js';
import { analyticsCounts, analyticsOutcomes } from '../analytics.tables.js';
import { replaceSlicesOf } from '../refresh/slices.js';

// api-b's sections through HTTP: a team lead sees their own team exactly, workers by name; a
// commissioner sees the same figures under the small-number rule and never a worker's name.

const { ctx, tenancy: home } = setUpTestApp();
let lead: Session;
let commissioner: Session;
let workerName: string;
let workerId: string;
const PERIOD = 'from=2026-01&to=2026-03';

async function report(session: Session, section: string, query = ''): Promise<AnalyticsReport> {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analytics/${section}?${PERIOD}${query}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return ZAnalyticsReport.parse(res.json());
}

const cell = (r: AnalyticsReport, table: string, row: string, column: string) =>
  r.tables.find((t) => t.id === table)?.rows.find((x) => x.key === row)?.values[column];

beforeAll(async () => {
  workerName = `Wren Oakfield ${Date.now()}`;
  const worker = await createTestUser(ctx.db, home, 'link_worker', { name: workerName });
  workerId = worker.id;
  await createTestReferral(
    ctx.db,
    home,
    triaged({ status: 'active', allocatedWorkerId: worker.id, allocatedAt: new Date() }),
  );
  lead = await signIn(ctx, await createTestUser(ctx.db, home, 'team_lead'));
  commissioner = await signIn(ctx, await createTestUser(ctx.db, home, 'commissioner'));
  const key = { pcnId: home.pcnId, practiceId: home.practiceId, month: '2026-02-01' };
  await ctx.db.insert(analyticsCounts).values([
    { ...key, role: 'any', measure: 'referrals', dimension: 'sex', value: 'female', n: 3 },
    { ...key, role: 'any', measure: 'referrals', dimension: 'sex', value: 'male', n: 40 },
    { ...key, role: 'link_worker', measure: 'pam_move', dimension: 'level', value: '2→3', n: 12 },
  ]);
  await ctx.db.insert(analyticsOutcomes).values({
    ...key,
    role: 'link_worker',
    measure: 'swemwbs',
    item: 'metric',
    dimension: 'all',
    value: 'all',
    pairs: 20,
    baselineSum: '400',
    latestSum: '450',
    improved: 15,
    same: 2,
    worse: 3,
  });
  // What the refresh job derives from the detail rows it writes (refresh/slices.ts).
  for (const pcnId of [home.pcnId]) await replaceSlicesOf(ctx.db, pcnId);
});

describe('capacity, outcomes, onward and equality over HTTP', () => {
  it('a team lead sees their team exactly, each worker by name', async () => {
    const capacity = await report(lead, 'capacity');
    expect(capacity.suppressed).toBe(false);
    expect(capacity.tables.map((t) => t.id)).toEqual(['capacity-by-role', 'capacity-by-pcn', 'capacity-by-worker']);
    const byWorker = capacity.tables.find((t) => t.id === 'capacity-by-worker');
    expect(byWorker?.rows.find((r) => r.key === workerId)?.label).toBe(workerName);
    expect(cell(capacity, 'capacity-by-worker', workerId, 'openCases')).toBe(1);
    const filtered = await report(lead, 'capacity', '&role=health_coach');
    expect(JSON.stringify(filtered)).not.toContain(workerName);
  });

  it('a commissioner gets the same section suppressed, and no worker named or identified', async () => {
    const capacity = await report(commissioner, 'capacity');
    expect(capacity.suppressed).toBe(true);
    expect(capacity.tables.map((t) => t.id)).toEqual(['capacity-by-role', 'capacity-by-pcn']);
    const text = JSON.stringify(capacity);
    expect(text).not.toContain(workerName);
    expect(text).not.toContain(workerId);
    expect(cell(capacity, 'capacity-by-pcn', home.pcnId, 'openCases')).toBe('*');
    // Even a PCN filter to a single team gives a commissioner no names.
    expect(JSON.stringify(await report(commissioner, 'capacity', `&pcnId=${home.pcnId}`))).not.toContain(workerName);
  });

  it('outcomes, onward and equality answer both, exact for the lead and under the rule for the commissioner', async () => {
    const [leadOutcomes, icbOutcomes] = [await report(lead, 'outcomes'), await report(commissioner, 'outcomes')];
    expect(cell(leadOutcomes, 'outcomes-paired', 'swemwbs:metric', 'improving')).toBe(75);
    expect(cell(icbOutcomes, 'outcomes-paired', 'swemwbs:metric', 'pairs')).toBe(20);
    expect(cell(leadOutcomes, 'outcomes-pam-moves', 'from2', 'to3')).toBe(12);
    expect(cell(icbOutcomes, 'outcomes-pam-moves', 'from2', 'to3')).toBe(10); // rounded to the nearest 5

    const onward = await report(commissioner, 'onward');
    expect(
      onward.tables.map((t) => [t.id, t.rows.length, t.notes.some((n) => /^No (onward referrals|register)/.test(n))]),
    ).toEqual([
      ['onward-by-status', 0, true],
      ['onward-by-organisation', 0, true],
      ['team-groups', 0, true],
    ]);

    const [leadEquality, icbEquality] = [await report(lead, 'equality'), await report(commissioner, 'equality')];
    expect(cell(leadEquality, 'equality-sex', 'female', 'referrals')).toBe(3);
    expect(cell(icbEquality, 'equality-sex', 'female', 'referrals')).toBe('*');
  });
});
