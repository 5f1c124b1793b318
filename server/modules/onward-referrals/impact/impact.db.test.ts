import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../../../common/impact.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../../test/team.js';
import type { Session } from '../../../test/toolkit.js';
import { createTestListing, createTestOrganization } from '../../directory/listings/test-listings.js';
import { replyStatsOfOrganisations } from './reply-stats.js';
import { insertAttendance, insertMeasure, insertOnwardReferral, swemwbsAll } from './test-impact.js';

// Evidence of value per organisation, through HTTP, on a fixture whose figures are worked out by
// hand. Organisation X (run by the home VCS partner) has two services: "Walk", referred to only by
// the home PCN (A), and a service whose name is a spreadsheet formula, referred to by PCN B.
//
// Period 2026-02-01 to 2026-04-30:
//  - Walk: 10 referrals from A sent Mon 2 Feb; 8 accepted Wed 4 Feb (2 working days), 2 declined
//    Mon 9 Feb (5). 3 people attend on 10 Feb (1 session each), one of them 2 more on 3 Mar.
//    Closed in March: 2 completed, 1 stopped attending. SWEMWBS baseline and review for 9 of the
//    10 people: 6 improved, 2 the same, 1 worse.
//  - The formula service: 1 referral from B sent Thu 2 Apr, accepted Tue 7 Apr: 1 working day,
//    because Good Friday (3 Apr) and Easter Monday (6 Apr) are bank holidays. 2 signposts from B
//    in April. That person's UCLA-3 improved.

const {
  ctx,
  tenancy: home,
  pcnB,
  ...team
} = setUpTestApp({
  tenancies: { pcnB: 'same-icb', elsewhere: 'new-icb' },
  team: {
    lead: 'team_lead',
    cc: 'care_coordinator',
    worker: 'link_worker',
    referrer: 'referrer',
    partner: 'vcs_partner',
    commissioner: 'commissioner',
    admin: 'admin',
    workerB: { role: 'link_worker', at: 'pcnB' },
    farCommissioner: { role: 'commissioner', at: 'elsewhere' },
  },
});

const FORMULA = '=HYPERLINK("http://evil.example","Walk")';
const PERIOD = '?from=2026-02-01&to=2026-04-30';
const org = { x: '', y: '' };

beforeAll(async () => {
  const x = await createTestOrganization(ctx.db, home.icbId, {
    name: 'Riverside Trust',
    vcsOrganisationId: home.vcsOrganisationId,
  });
  const y = await createTestOrganization(ctx.db, home.icbId, { name: 'Another Group' });
  org.x = x.id;
  org.y = y.id;
  const walk = await createTestListing(ctx.db, home.icbId, { organization_id: x.id, name: 'Walk' });
  const formula = await createTestListing(ctx.db, home.icbId, { organization_id: x.id, name: FORMULA });
  const elsewhereListing = await createTestListing(ctx.db, home.icbId, { organization_id: y.id, name: 'Choir' });
  const a = { tenancy: home, by: team.worker.id, organizationId: x.id };

  for (let i = 0; i < 10; i++) {
    const accepted = i < 8;
    const closed =
      i < 3 ? { closedAt: '2026-03-20T12:00:00Z', outcome: i < 2 ? 'completed' : 'stopped_attending' } : {};
    const { id, kase } = await insertOnwardReferral(ctx.db, {
      ...a,
      serviceId: walk.id,
      sentAt: '2026-02-02T10:00:00Z',
      ...(accepted ? { acceptedAt: '2026-02-04T10:00:00Z' } : { declinedAt: '2026-02-09T10:00:00Z' }),
      ...(closed as object),
    });
    if (i < 3) await insertAttendance(ctx.db, id, '2026-02-10');
    if (i === 0) await insertAttendance(ctx.db, id, '2026-03-03', 2);
    if (i === 3) await insertAttendance(ctx.db, id, '2026-02-11', 1, 'did_not_attend');
    if (i < 9) {
      const later = i < 6 ? 4 : i < 8 ? 3 : 2;
      await insertMeasure(ctx.db, home, kase, team.worker.id, {
        measure: 'swemwbs',
        timepoint: 'baseline',
        answers: swemwbsAll(3),
        on: '2026-01-20',
      });
      await insertMeasure(ctx.db, home, kase, team.worker.id, {
        measure: 'swemwbs',
        timepoint: 'review',
        answers: swemwbsAll(later),
        on: '2026-04-20',
      });
    }
  }
  const b = { tenancy: pcnB, by: team.workerB.id, organizationId: x.id, serviceId: formula.id };
  const { kase } = await insertOnwardReferral(ctx.db, {
    ...b,
    sentAt: '2026-04-02T10:00:00Z',
    acceptedAt: '2026-04-07T10:00:00Z',
  });
  const ucla = (n: number) => ({ ucla1: n, ucla2: n, ucla3: n });
  await insertMeasure(ctx.db, pcnB, kase, team.workerB.id, {
    measure: 'ucla3',
    timepoint: 'baseline',
    answers: ucla(3),
    on: '2026-03-01',
  });
  await insertMeasure(ctx.db, pcnB, kase, team.workerB.id, {
    measure: 'ucla3',
    timepoint: 'discharge',
    answers: ucla(2),
    on: '2026-04-25',
  });
  for (const day of ['2026-04-08T09:00:00Z', '2026-04-09T09:00:00Z']) {
    await insertOnwardReferral(ctx.db, { ...b, kind: 'signpost', sentAt: day });
  }
  // Outside the period, and another organisation: counted nowhere here.
  await insertOnwardReferral(ctx.db, { ...a, serviceId: walk.id, sentAt: '2026-05-02T10:00:00Z' });
  await insertOnwardReferral(ctx.db, {
    ...a,
    organizationId: y.id,
    serviceId: elsewhereListing.id,
    sentAt: '2026-02-03T10:00:00Z',
  });
}, 120_000);

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers });
const orgUrl = (id = org.x, suffix = '') => `/api/directory/organisations/${id}/impact${suffix}${PERIOD}`;

async function report(s: Session, url: string): Promise<ImpactReport> {
  const res = await get(s, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImpactReport;
}

const month = (r: ImpactReport, m: string) => r.months.find((x) => x.month === m);
const service = (r: ImpactReport, name: string) => r.services.find((x) => x.name === name);
const change = (r: ImpactReport, key: string) => r.measureChanges.find((x) => x.key === key);

describe('the partner’s own organisation', () => {
  it('shows its own referrals, answers, attendance and closes exactly, and the teams’ records under the rule', async () => {
    const r = await report(team.partner, `/api/partner/impact${PERIOD}`);
    expect(r.organisations).toEqual([{ id: org.x, name: 'Riverside Trust' }]);
    expect(r.period).toEqual({ from: '2026-02-01', to: '2026-04-30' });
    expect(r.months.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04']);
    // 11 referrals; 9 of 11 answered accepted; reply days 1, 2×8, 5×2: median 2.
    expect(r.totals).toEqual({
      referrals: 11,
      acceptedPercent: 82,
      medianReplyWorkingDays: 2,
      peopleAttended: 3,
      sessionsAttended: 5,
      signposts: '*',
      exact: true,
    });
    expect(month(r, '2026-02')).toMatchObject({
      referrals: 10,
      acceptedPercent: 80,
      peopleAttended: 3,
      sessionsAttended: 3,
    });
    expect(month(r, '2026-03')).toMatchObject({
      referrals: 0,
      acceptedPercent: null,
      peopleAttended: 1,
      sessionsAttended: 2,
    });
    // Good Friday and Easter Monday are not working days.
    expect(month(r, '2026-04')).toMatchObject({ referrals: 1, medianReplyWorkingDays: 1, signposts: '*' });
    expect(service(r, 'Walk')).toMatchObject({ referrals: 10, acceptedPercent: 80, medianReplyWorkingDays: 2 });
    expect(service(r, FORMULA)).toMatchObject({ referrals: 1, acceptedPercent: 100 });
    // Each service by month too: Walk's ten came in February, the other service's one in April.
    const walkMonths = service(r, 'Walk')?.months ?? [];
    expect(walkMonths.map((m) => [m.month, m.referrals])).toEqual([
      ['2026-02', 10],
      ['2026-03', 0],
      ['2026-04', 0],
    ]);
    expect(walkMonths[0]).toMatchObject({ acceptedPercent: 80, medianReplyWorkingDays: 2 });
    expect(service(r, FORMULA)?.months.map((m) => m.referrals)).toEqual([0, 0, 1]);
    expect(r.outcomesAtClose.filter((o) => o.count !== 0).map((o) => [o.outcome, o.count])).toEqual([
      ['completed', 2],
      ['stopped_attending', 1],
    ]);
    // Outcome measures are the teams': 9 people → 10, and each direction (1–7) → "*".
    expect(change(r, 'metric')).toMatchObject({
      people: 10,
      improved: '*',
      unchanged: '*',
      worsened: '*',
      exact: false,
    });
    expect(change(r, 'total')).toMatchObject({ people: '*', improved: '*' });
    expect(change(r, 'lifeSatisfaction')).toMatchObject({ people: 0, improved: 0 });
  });

  it('cannot reach another organisation’s figures: none through its own page, 403 on the staff route', async () => {
    const mine = await report(team.partner, `/api/partner/impact${PERIOD}`);
    expect(JSON.stringify(mine)).not.toContain('Choir');
    expect((await get(team.partner, orgUrl(org.y))).statusCode).toBe(403);
    expect((await get(team.partner, orgUrl(org.x))).statusCode).toBe(403);
  });

  it('writes an audit row of the read', async () => {
    await report(team.partner, `/api/partner/impact${PERIOD}`);
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, team.partner.id), eq(auditEvents.action, 'impact.read')));
    expect(rows.at(-1)).toMatchObject({ entityType: 'vcs_organisation', entityId: home.vcsOrganisationId });
    expect(rows.at(-1)?.details).toMatchObject({ from: '2026-02-01', to: '2026-04-30', format: 'json' });
  });
});

describe('an organisation’s figures for staff', () => {
  it('a commissioner sees every figure under the small-number rule', async () => {
    const r = await report(team.commissioner, orgUrl());
    expect(r.suppression).toBe('all');
    expect(r.totals).toEqual({
      referrals: 10,
      acceptedPercent: 82,
      medianReplyWorkingDays: 2,
      peopleAttended: '*',
      sessionsAttended: '*',
      signposts: '*',
      exact: false,
    });
    expect(month(r, '2026-04')).toMatchObject({ referrals: '*', acceptedPercent: '*', medianReplyWorkingDays: '*' });
    expect(service(r, 'Walk')).toMatchObject({ referrals: 10, sessionsAttended: '*', exact: false });
    expect(r.outcomesAtClose.find((o) => o.outcome === 'completed')?.count).toBe('*');
    expect(change(r, 'metric')).toMatchObject({ people: 10, improved: '*', exact: false });
  });

  it('a lead sees the figures wholly of their own PCN exactly, and the rest under the rule', async () => {
    const r = await report(team.lead, orgUrl());
    expect(r.suppression).toBe('outside-own');
    expect(month(r, '2026-02')).toMatchObject({ referrals: 10, sessionsAttended: 3, peopleAttended: 3, exact: true });
    expect(month(r, '2026-04')).toMatchObject({ referrals: '*', signposts: '*', exact: false });
    expect(service(r, 'Walk')).toMatchObject({ referrals: 10, peopleAttended: 3, sessionsAttended: 5, exact: true });
    expect(service(r, FORMULA)).toMatchObject({ referrals: '*', exact: false });
    expect(r.totals).toMatchObject({ referrals: 10, peopleAttended: '*', exact: false });
    expect(r.outcomesAtClose.find((o) => o.outcome === 'completed')?.count).toBe(2);
    expect(change(r, 'metric')).toEqual(
      expect.objectContaining({ people: 9, improved: 6, unchanged: 2, worsened: 1, exact: true }),
    );
    expect(change(r, 'total')).toMatchObject({ people: '*', exact: false });
  });

  it('a care coordinator and an admin may read it; a link worker and a referrer may not', async () => {
    expect((await get(team.cc, orgUrl())).statusCode).toBe(200);
    expect((await get(team.admin, orgUrl())).statusCode).toBe(200);
    for (const s of [team.worker, team.referrer]) {
      expect((await get(s, orgUrl())).statusCode).toBe(403);
      expect((await get(s, orgUrl(org.x, '.csv'))).statusCode).toBe(403);
      expect((await get(s, `/api/partner/impact${PERIOD}`)).statusCode).toBe(403);
    }
    expect((await get(team.commissioner, `/api/partner/impact${PERIOD}`)).statusCode).toBe(403);
  });

  it('another ICB’s commissioner is told the organisation does not exist, as for a made-up id', async () => {
    const res = await get(team.farCommissioner, orgUrl());
    const none = await get(team.farCommissioner, orgUrl('5b6c2c57-7c8e-4a4f-9d2e-2f6d1e0c1a11'));
    expect(res.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(res.json().detail).toBe(none.json().detail);
    expect((await get(team.farCommissioner, orgUrl(org.x, '.csv'))).statusCode).toBe(404);
  });

  it('names the field of a bad period and reads nothing', async () => {
    const before = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'impact.read'));
    const cases: [string, string][] = [
      ['?from=2026-02-30', 'from'],
      ['?from=yesterday', 'from'],
      ['?from=2026-04-01&to=2026-03-01', 'to'],
      ['?from=2022-01-01&to=2026-01-01', 'from'],
      ['?from=2999-01-01', 'from'],
      ['?from=2027-06-01', 'from'],
    ];
    for (const [query, field] of cases) {
      const res = await get(team.lead, `/api/directory/organisations/${org.x}/impact${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
    const after = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'impact.read'));
    expect(after.length).toBe(before.length);
  });

  it('defaults to the last 12 months, from the first of the month', async () => {
    const r = await report(team.lead, `/api/directory/organisations/${org.x}/impact`);
    expect(r.months).toHaveLength(12);
    expect(r.period.from.endsWith('-01')).toBe(true);
  });
});

describe('the CSV download', () => {
  it('neutralises a service named as a spreadsheet formula, and follows the same rule', async () => {
    const res = await get(team.commissioner, orgUrl(org.x, '.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('impact-riverside-trust-2026-02-01-to-2026-04-30.csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('section,name,month,figure,value');
    const formulaLines = lines.filter((l) => l.includes('HYPERLINK'));
    expect(formulaLines.length).toBeGreaterThan(0);
    for (const l of formulaLines) expect(l.startsWith('service,"\'=HYPERLINK(')).toBe(true);
    expect(lines).toContain('organisation,Riverside Trust,2026-02-01 to 2026-04-30,Referrals received,10');
    expect(lines).toContain('organisation,Riverside Trust,2026-02-01 to 2026-04-30,Sessions attended,*');
  });

  it('the partner’s CSV is its own figures, audited as a CSV read', async () => {
    const res = await get(team.partner, `/api/partner/impact.csv${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('organisation,Test Charity');
    expect(res.body).toContain('2026-02-01 to 2026-04-30,Sessions attended,5');
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, team.partner.id), eq(auditEvents.action, 'impact.read')))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row?.details).toMatchObject({ format: 'csv' });
  });
});

describe('reply figures beside a listing', () => {
  it('median working days to the first answer and the share accepted, over the last year', async () => {
    const stats = await replyStatsOfOrganisations(ctx.db, home.icbId, [org.x, org.y], new Date('2026-05-01T00:00:00Z'));
    // X: 12 sent (the one of 2 May too, not answered yet); reply days 2×8, 5×2 and 1 (bank holidays
    // skipped): median 2; 9 of the 11 answered accepted.
    expect(stats.get(org.x)).toEqual({
      organisationId: org.x,
      referrals: 12,
      medianReplyWorkingDays: 2,
      acceptedPercent: 82,
    });
    // Y: one referral, not answered yet.
    expect(stats.get(org.y)).toEqual({
      organisationId: org.y,
      referrals: 1,
      medianReplyWorkingDays: null,
      acceptedPercent: null,
    });
  });
});
