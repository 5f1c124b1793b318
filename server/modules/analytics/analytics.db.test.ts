import { randomUUID } from 'node:crypto';
import { and, eq, gt, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSION_NOTE } from '../../../common/analytics.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { defaultPeriod } from './scope.js';
import { putCounts } from './test-rollups.js';

// The analytics API (issue 13): who sees which PCNs, exact against suppressed figures, filters,
// refused queries, the CSV download and its audit row. Figures come from hand-made rollup rows.

const {
  ctx,
  tenancy: home,
  otherPcn,
  otherIcb,
  lead,
  commissioner,
  stranger,
  referrer,
  worker,
  partner,
} = setUpTestApp({
  tenancies: { otherPcn: 'same-icb', otherIcb: 'new-icb' },
  team: {
    lead: 'team_lead',
    commissioner: 'commissioner',
    stranger: { role: 'commissioner', at: 'otherIcb' },
    referrer: 'referrer',
    worker: 'link_worker',
    partner: 'vcs_partner',
  },
});

const PERIOD = 'from=2025-01&to=2025-03';
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers });
/** The flow section over the period, with `query` ('&name=value…') added or replacing. */
const withPeriod = (query: string) =>
  new URLSearchParams({
    ...Object.fromEntries(new URLSearchParams(PERIOD)),
    ...Object.fromEntries(new URLSearchParams(query)),
  });
const flow = (s: Session, query = '') => get(s, `/api/analytics/flow?${withPeriod(query)}`);
const received = (body: { tables: { id: string; rows: { key: string; values: Record<string, unknown> }[] }[] }) =>
  body.tables.find((t) => t.id === 'flow-stages')?.rows.find((r) => r.key === 'received')?.values.referrals;

async function lastAuditId(): Promise<bigint> {
  const [row] = await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return row?.id ?? 0n;
}

beforeAll(async () => {
  const stage = (pcnId: string, month: string, n: number, role = 'any', practiceId: string | null = null) => ({
    pcnId,
    practiceId,
    month,
    role,
    measure: 'flow',
    dimension: 'stage',
    value: 'received',
    n,
  });
  await putCounts(ctx.db, [
    stage(home.pcnId, '2025-02', 3),
    stage(home.pcnId, '2025-03', 40, 'link_worker', home.practiceId),
    stage(home.pcnId, '2025-03', 9, 'health_coach', home.practiceId),
    stage(home.pcnId, '2024-12', 100), // before the period
    stage(otherPcn.pcnId, '2025-02', 20),
    stage(otherIcb.pcnId, '2025-02', 500),
  ]);
});

describe('GET /api/analytics/options', () => {
  it('offers a commissioner every PCN of the ICB with its practices, a lead only their own', async () => {
    const all = await get(commissioner, '/api/analytics/options');
    expect(all.statusCode).toBe(200);
    const pcnIds = all.json().pcns.map((p: { id: string }) => p.id);
    expect(pcnIds).toEqual(expect.arrayContaining([home.pcnId, otherPcn.pcnId]));
    expect(pcnIds).not.toContain(otherIcb.pcnId);
    expect(all.json().pcns.find((p: { id: string }) => p.id === home.pcnId).practices).toEqual([
      { id: home.practiceId, name: expect.any(String) },
    ]);
    expect(all.json()).toMatchObject({ ownPcnOnly: false, ...{ defaultFrom: defaultPeriod().from } });
    expect(all.json().months[0]).toBe('2024-12');
    expect(all.json().asOf).toEqual(expect.any(String));

    const own = await get(lead, '/api/analytics/options');
    expect(own.json().pcns.map((p: { id: string }) => p.id)).toEqual([home.pcnId]);
    expect(own.json()).toMatchObject({ ownPcnOnly: true, defaultTo: defaultPeriod().to });
  });

  it('refuses a referrer, a link worker and a VCS partner (403)', async () => {
    for (const s of [referrer, worker, partner]) {
      expect((await get(s, '/api/analytics/options')).statusCode).toBe(403);
      expect((await flow(s)).statusCode).toBe(403);
      expect((await get(s, `/api/analytics/flow.csv?${PERIOD}`)).statusCode).toBe(403);
    }
  });
});

describe('GET /api/analytics/:section', () => {
  it('shows a team lead their own PCN exactly, and a commissioner the same figures under the rule', async () => {
    const own = await flow(lead, '&to=2025-02');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ section: 'flow', suppressed: false, filters: { pcn: { id: home.pcnId } } });
    expect(received(own.json())).toBe(3);

    const icb = await flow(commissioner, `&pcnId=${home.pcnId}&to=2025-02`);
    expect(icb.json()).toMatchObject({ suppressed: true });
    expect(received(icb.json())).toBe('*');
  });

  it('filters by PCN, practice, period and role', async () => {
    // ICB-wide: home 3 + 40 + 9 and the other PCN's 20 (December and the other ICB left out), rounded to 5.
    expect(received((await flow(commissioner)).json())).toBe(70);
    expect(received((await flow(lead)).json())).toBe(52);
    expect(received((await flow(lead, `&practiceId=${home.practiceId}`)).json())).toBe(49);
    expect(received((await flow(lead, '&role=link_worker')).json())).toBe(43);
    expect(received((await flow(lead, '&from=2024-12&to=2024-12')).json())).toBe(100);
    expect(received((await flow(commissioner, `&pcnId=${otherPcn.pcnId}`)).json())).toBe(20);
  });

  it('answers a lead asking for another PCN or its practice exactly as for an id that does not exist', async () => {
    const missing = await flow(lead, `&pcnId=${randomUUID()}`);
    const other = await flow(lead, `&pcnId=${otherPcn.pcnId}`);
    expect(missing.statusCode).toBe(404);
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    const missingPractice = await flow(lead, `&practiceId=${randomUUID()}`);
    const otherPractice = await flow(lead, `&practiceId=${otherPcn.practiceId}`);
    expect(otherPractice.statusCode).toBe(404);
    expect(otherPractice.body).toBe(missingPractice.body);
  });

  it("shows a commissioner of another ICB nothing of this ICB's", async () => {
    const mine = await flow(stranger);
    expect(received(mine.json())).toBe(500);
    expect(mine.json().filters.pcn).toBeNull();
    const asked = await flow(stranger, `&pcnId=${home.pcnId}`);
    const missing = await flow(stranger, `&pcnId=${randomUUID()}`);
    expect(asked.statusCode).toBe(404);
    expect(asked.body).toBe(missing.body);
    const practice = await flow(stranger, `&practiceId=${home.practiceId}`);
    expect(practice.statusCode).toBe(404);
  });

  it('refuses a bad query with 400 naming the field, and writes nothing', async () => {
    const before = await lastAuditId();
    const cases: [string, string][] = [
      ['from=2025-13', 'from'],
      ['from=2025-06&to=2025-01', 'to'],
      ['from=2020-01&to=2025-01', 'from'],
      ['to=last-year', 'to'],
      ['pcnId=not-a-pcn', 'pcnId'],
      ['practiceId=1', 'practiceId'],
      ['role=commissioner', 'role'],
      [`pcnId=${otherPcn.pcnId}&practiceId=${home.practiceId}`, 'practiceId'],
    ];
    for (const [query, field] of cases) {
      for (const url of [`/api/analytics/flow?${query}`, `/api/analytics/flow.csv?${query}`]) {
        const res = await get(commissioner, url);
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    }
    const written = await ctx.db.select().from(auditEvents).where(gt(auditEvents.id, before));
    expect(written.filter((r) => r.action === 'analytics.export')).toEqual([]);
  });

  it('answers 404 problem+json for a section with no figures', async () => {
    for (const url of ['/api/analytics/nosuch', '/api/analytics/nosuch.csv', '/api/analytics/tostring']) {
      const res = await get(commissioner, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves a repeated request from memory until the rollups are refreshed', async () => {
    const month = '2025-01';
    const ask = async () => received((await flow(lead, `&from=${month}&to=${month}`)).json());
    expect(await ask()).toBe(0);
    // Written behind the job's back ("as of" unchanged): the cached answer stands.
    const { analyticsCounts } = await import('./analytics.tables.js');
    await ctx.db.insert(analyticsCounts).values({
      pcnId: home.pcnId,
      month: `${month}-01`,
      role: 'any',
      measure: 'flow',
      dimension: 'stage',
      value: 'received',
      n: 11,
    });
    expect(await ask()).toBe(0);
    // A refresh moves "as of": the next answer is built afresh.
    const { markRefreshed } = await import('./test-rollups.js');
    await markRefreshed(ctx.db, [home.pcnId], new Date(Date.now() + 1000));
    expect(await ask()).toBe(11);
  });
});

describe('GET /api/analytics/:section.csv', () => {
  it("downloads the figures under the rule with a header block, even a lead's own, and audits the export", async () => {
    const before = await lastAuditId();
    const res = await get(lead, `/api/analytics/flow.csv?${withPeriod('from=2025-02&to=2025-02')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*flow.*\.csv"$/);
    const lines = res.body.split('\r\n');
    expect(lines.slice(0, 3).join('\n')).toContain('2025-02 to 2025-02');
    expect(res.body).toContain(SUPPRESSION_NOTE.slice(0, 40));
    expect(lines).toContain('Received,*,*');
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'analytics.export')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: lead.id, entityType: 'pcn', entityId: home.pcnId });
    expect(rows[0]?.details).toMatchObject({ section: 'flow', from: '2025-02', to: '2025-02' });
  });
});
