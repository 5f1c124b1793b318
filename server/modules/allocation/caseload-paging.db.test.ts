import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASELOAD_PAGE_SIZE, type Caseload } from '../../../common/front-door-types.js';
import { referralReference } from '../../../common/referrals.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { firstPlanBody } from '../care-plans/test-plans.js';
import { testNhsNumber } from '../referrals/referral-fixtures.js';
import { createTestReferral, type TestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';

// A busy worker's caseload is hundreds of cases: the API answers one page of those that match the
// search and "show", and the counts of every open case. What it searches by and shows is read for
// every case; the details only for the page.

const {
  ctx,
  tenancy,
  pat,
  pat: patS,
  sam,
} = setUpTestApp({
  team: {
    pat: { role: 'link_worker', name: 'Pat Ndiaye' },
    sam: { role: 'health_coach', name: 'Sam Ferreira', signIn: false },
  },
});

const DAY = 86_400_000;
const { get } = requestsAs(ctx);
const caseload = async (query = '') => {
  const res = await get(patS, `/api/caseload${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Caseload;
};
const ids = (c: Caseload) => c.items.map((i) => i.id);
const daysFromToday = (n: number) => {
  const d = new Date(`${londonToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Pat's cases in caseload order (first contact due soonest first), then the extra ones. */
const ordered: TestReferral[] = [];
let quill: TestReferral;
let quillNhs: string;
let covering: TestReferral;
let reviewOverdue: TestReferral;
let longUnderWay: TestReferral;

beforeAll(async () => {
  const base = Date.now() + 2 * DAY;
  // 30 waiting for first contact, due an hour apart: the order the pages must keep.
  for (let i = 0; i < 30; i++) {
    ordered.push(
      await createTestReferral(
        ctx.db,
        tenancy,
        triaged({
          status: 'allocated',
          allocatedWorkerId: pat.id,
          allocatedAt: new Date(),
          firstContactDueAt: new Date(base + i * 3_600_000),
        }),
      ),
    );
  }
  // Under way for months: its first contact was due long before the waiting ones', yet the cases
  // waiting for first contact come first.
  longUnderWay = await createTestReferral(
    ctx.db,
    tenancy,
    triaged({
      status: 'active',
      allocatedWorkerId: pat.id,
      allocatedAt: new Date(Date.now() - 90 * DAY),
      firstContactAt: new Date(Date.now() - 80 * DAY),
      firstContactDueAt: new Date(Date.now() - 80 * DAY),
    }),
  );
  quillNhs = testNhsNumber();
  // Late in the order (page 2), so finding them proves the search reads past the first page.
  quill = await createTestReferral(ctx.db, tenancy, {
    ...triaged({
      status: 'active',
      allocatedWorkerId: pat.id,
      allocatedAt: new Date(),
      firstContactAt: new Date(),
      firstContactDueAt: new Date(base + 40 * DAY),
    }),
    person: { givenName: 'Zebedee', familyName: 'Quill', nhsNumber: quillNhs },
  });
  covering = await createTestReferral(
    ctx.db,
    tenancy,
    triaged({
      status: 'active',
      allocatedWorkerId: sam.id,
      coverWorkerId: pat.id,
      allocatedAt: new Date(),
      firstContactAt: new Date(),
      firstContactDueAt: new Date(base + 41 * DAY),
    }),
  );
  // Overdue only by its plan's review date: "show overdue" must read plans beyond the page.
  reviewOverdue = await createTestReferral(
    ctx.db,
    tenancy,
    triaged({
      status: 'active',
      allocatedWorkerId: pat.id,
      allocatedAt: new Date(),
      firstContactAt: new Date(),
      firstContactDueAt: new Date(base + 42 * DAY),
    }),
  );
  const res = await ctx.app.inject({
    method: 'PUT',
    url: `/api/people/${reviewOverdue.personId}/care-plan`,
    headers: patS.headers,
    payload: firstPlanBody(daysFromToday(-2)),
  });
  expect(res.statusCode, res.body).toBe(200);
});

describe('GET /api/caseload: pages, search and show', () => {
  it('answers a page at a time, waiting for first contact first, with the counts of every open case', async () => {
    const all = [...ordered, longUnderWay, quill, covering, reviewOverdue].map((r) => r.id);
    const first = await caseload();
    expect(first).toMatchObject({ total: all.length, page: 1, pageSize: CASELOAD_PAGE_SIZE });
    expect(first.counts).toEqual({ total: all.length, awaitingFirstContact: 30, overdue: 0, covering: 1 });
    expect(ids(first)).toEqual(all.slice(0, CASELOAD_PAGE_SIZE));
    const second = await caseload('?page=2');
    expect(second).toMatchObject({ total: all.length, page: 2 });
    expect(ids(second)).toEqual(all.slice(CASELOAD_PAGE_SIZE));
    // The details are there for the page's cases, read for that page.
    const q = second.items.find((i) => i.id === quill.id);
    expect(q?.person).toMatchObject({ givenName: 'Zebedee', familyName: 'Quill', nhsNumber: quillNhs });
    expect(second.items.find((i) => i.id === reviewOverdue.id)?.planReview.due).toBe('overdue');
    expect(second.items.find((i) => i.id === covering.id)?.cover).toEqual({
      kind: 'covering',
      worker: { id: sam.id, name: 'Sam Ferreira' },
    });
  });

  it('a page past the last answers the last page, saying which it is', async () => {
    const far = await caseload('?page=99');
    expect(far.page).toBe(2);
    expect(ids(far)).toEqual(ids(await caseload('?page=2')));
  });

  it('searches every open case by words of the name, the NHS number with spaces, or the reference', async () => {
    expect(ids(await caseload('?q=quill%20ZEBEDEE'))).toEqual([quill.id]);
    const spaced = `${quillNhs.slice(0, 3)} ${quillNhs.slice(3, 6)} ${quillNhs.slice(6)}`;
    expect(ids(await caseload(`?q=${encodeURIComponent(spaced)}`))).toEqual([quill.id]);
    expect(ids(await caseload(`?q=${encodeURIComponent(referralReference(quill.id).toLowerCase())}`))).toEqual([
      quill.id,
    ]);
    const none = await caseload('?q=nobody-has-this-name');
    expect(none).toMatchObject({ items: [], total: 0, page: 1 });
    // The counts stay those of the whole caseload.
    expect(none.counts.total).toBe(ordered.length + 4);
  });

  it('shows what is asked: waiting, under way, covering, and overdue of any kind', async () => {
    const waiting = await caseload('?show=waiting&page=2');
    expect(waiting.total).toBe(30);
    expect(ids(waiting)).toEqual(ordered.slice(CASELOAD_PAGE_SIZE).map((r) => r.id));
    expect(ids(await caseload('?show=under_way'))).toEqual([longUnderWay.id, quill.id, covering.id, reviewOverdue.id]);
    expect(ids(await caseload('?show=covering'))).toEqual([covering.id]);
    expect(ids(await caseload('?show=overdue'))).toEqual([reviewOverdue.id]);
    expect(ids(await caseload('?show=covering&q=quill'))).toEqual([]);
  });

  it('audits what was read: the page, how many matched and how many are open', async () => {
    await caseload('?show=under_way');
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'caseload.read'), eq(auditEvents.actorUserId, pat.id)))
      .orderBy(auditEvents.id)
      .then((rows) => rows.slice(-1));
    expect(row?.details).toEqual({ count: 4, matching: 4, open: ordered.length + 4, page: 1 });
  });

  it.each([
    ['page=0', 'page', /1 or more/],
    ['page=two', 'page', /page number/],
    ['show=everything', 'show', /must be one of/],
    [`q=${'x'.repeat(101)}`, 'q', /at most 100/],
  ])('refuses %s: 400 naming %s, and reads (and audits) nothing', async (query, field, message) => {
    const audited = () =>
      ctx.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'caseload.read'), eq(auditEvents.actorUserId, pat.id)));
    const before = (await audited()).length;
    const res = await get(patS, `/api/caseload?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect((await audited()).length).toBe(before);
  });
});
