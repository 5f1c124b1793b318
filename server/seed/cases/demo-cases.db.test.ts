import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SNOMED } from '../../../common/referrals.js';
import { capacityOf } from '../../modules/allocation/allocation-rules.js';
import { ZCarePlanContent } from '../../modules/care-plans/care-plans.schemas.js';
import { carePlans, carePlanVersions } from '../../modules/care-plans/care-plans.tables.js';
import { caseContacts, caseNotes, gpMessages, plannedContacts } from '../../modules/cases/cases.tables.js';
import { pcns } from '../../modules/organisations/organisations.tables.js';
import { outcomeMeasures } from '../../modules/outcomes/outcomes.tables.js';
import { scoreMeasure } from '../../modules/outcomes/scoring.js';
import { referralEvents, referrals } from '../../modules/referrals/referrals.tables.js';
import { users } from '../../modules/users/users.tables.js';
import { createTestApp, type Session, signIn, type TestContext } from '../../test/toolkit.js';
import { seedDemoData } from '../demo.js';
import { isDemoArchive } from '../records/insert-demo-retention.js';

// Issue 10, point 22: a new team's first week finds every stage of the work in the demo, not
// just a triage queue. Seeds the demo into an empty database and reads it back, table by table
// and through the pages' own API as the printed demo sign-ins.

const PASSWORD = 'demo-password-for-tests';
const DAY = 86_400_000;
let ctx: TestContext;
let seededAt: number;

beforeAll(async () => {
  ctx = await createTestApp();
  seededAt = Date.now();
  expect(await seedDemoData(ctx.db, PASSWORD)).toBe(true);
});

const demoSignIn = (email: string): Promise<Session> => signIn(ctx, { email, password: PASSWORD });
const get = async (s: Session, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};

describe('demo case work', () => {
  it('every PCN has cases at every stage, from waiting to discharged with a message back', async () => {
    // Issue 19: the few records past retention (years old, for the retention page) are not the year's work.
    const all = (await ctx.db.select().from(referrals)).filter((r) => !isDemoArchive(r));
    const messages = new Set((await ctx.db.select().from(gpMessages)).map((m) => m.referralId));
    for (const pcn of await ctx.db.select().from(pcns)) {
      const own = all.filter((r) => r.pcnId === pcn.id);
      const statuses = new Set(own.map((r) => r.status));
      for (const stage of ['received', 'triaged', 'allocated', 'first_contact', 'active', 'discharged', 'declined']) {
        expect(statuses, `${pcn.name} has a case ${stage}`).toContain(stage);
      }
      const discharged = own.filter((r) => r.status === 'discharged');
      for (const r of discharged) expect(messages.has(r.id), 'a discharged case has its message back').toBe(true);
      // Discharges with reasons, not just "goals met".
      expect(new Set(discharged.map((r) => r.closureReason)).size).toBeGreaterThanOrEqual(3);
    }
  });

  it('spreads the referrals over the last twelve months, every quarter of it, in every PCN', async () => {
    // Issue 19: the few records past retention (years old, for the retention page) are not the year's work.
    const all = (await ctx.db.select().from(referrals)).filter((r) => !isDemoArchive(r));
    for (const r of all) {
      expect(r.receivedAt.getTime()).toBeGreaterThan(seededAt - 366 * DAY);
      expect(r.receivedAt.getTime()).toBeLessThanOrEqual(seededAt);
    }
    for (const pcn of await ctx.db.select().from(pcns)) {
      const ages = all.filter((r) => r.pcnId === pcn.id).map((r) => (seededAt - r.receivedAt.getTime()) / DAY);
      const quarters = new Set(ages.map((a) => Math.min(3, Math.floor(a / 91.5))));
      expect([...quarters].sort(), `${pcn.name} received referrals in each quarter`).toEqual([0, 1, 2, 3]);
    }
  });

  it("every case's events are in time order, chain from status to status and end at its status", async () => {
    const events = await ctx.db.select().from(referralEvents).orderBy(asc(referralEvents.id));
    const contacts = await ctx.db.select().from(caseContacts);
    for (const r of (await ctx.db.select().from(referrals)).filter((x) => !isDemoArchive(x))) {
      const own = events.filter((e) => e.referralId === r.id);
      expect(own[0]).toMatchObject({ type: 'received', fromStatus: null, toStatus: 'received' });
      expect(own[0]?.at.getTime()).toBe(r.receivedAt.getTime());
      for (let i = 1; i < own.length; i++) {
        const [before, after] = [own[i - 1], own[i]];
        expect(after?.at.getTime(), `${r.id}: ${after?.type} after ${before?.type}`).toBeGreaterThanOrEqual(
          before?.at.getTime() ?? 0,
        );
        expect(after?.fromStatus).toBe(before?.toStatus);
      }
      expect(own.at(-1)?.toStatus).toBe(r.status);
      expect(r.version).toBe(own.length);
      expect(own.at(-1)?.at.getTime()).toBeLessThan(seededAt);
      // Contacts happen while the case is allocated, before it closes, never in the future.
      for (const c of contacts.filter((c) => c.referralId === r.id)) {
        expect(c.at.getTime()).toBeGreaterThan(r.allocatedAt?.getTime() ?? Number.POSITIVE_INFINITY);
        expect(c.at.getTime()).toBeLessThan(r.closedAt?.getTime() ?? seededAt);
      }
      if (r.firstContactAt) {
        const first = own.find((e) => e.type === 'first_contact');
        expect(first?.snomedCode).toBe(SNOMED.referralToSocialPrescribing);
        expect(first?.at.getTime()).toBe(r.firstContactAt.getTime());
        const attended = contacts.filter((c) => c.referralId === r.id && c.outcome === 'attended');
        expect(Math.min(...attended.map((c) => c.at.getTime()))).toBe(r.firstContactAt.getTime());
      }
    }
  });

  it('every outcome measure carries exactly the scores scoring.ts gives its answers', async () => {
    const rows = await ctx.db.select().from(outcomeMeasures);
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.measure))).toEqual(new Set(['ons4', 'swemwbs', 'ucla3', 'pam']));
    expect(new Set(rows.map((r) => r.timepoint))).toEqual(new Set(['baseline', 'review', 'discharge']));
    for (const r of rows) {
      const scored = scoreMeasure(r.measure, r.answers);
      expect(scored.ok).toBe(true);
      if (scored.ok) expect(r.scores).toEqual(JSON.parse(JSON.stringify(scored.scores)));
    }
  });

  it('plans are valid plans, versioned one by one, and each discharge message is coded', async () => {
    const plans = await ctx.db.select().from(carePlans);
    const versions = await ctx.db.select().from(carePlanVersions);
    expect(plans.some((p) => p.currentVersion >= 2)).toBe(true);
    for (const p of plans) {
      const own = versions.filter((v) => v.planId === p.id).sort((a, b) => a.version - b.version);
      expect(own.map((v) => v.version)).toEqual(Array.from({ length: p.currentVersion }, (_, i) => i + 1));
      for (const v of own) expect(ZCarePlanContent.safeParse(v.content).error?.issues ?? []).toEqual([]);
    }
    const byId = new Map((await ctx.db.select().from(referrals)).map((r) => [r.id, r]));
    for (const m of await ctx.db.select().from(gpMessages)) {
      const r = byId.get(m.referralId);
      const codes = m.codes as { code: string; date: string }[];
      expect(codes[0]).toMatchObject({
        code: SNOMED.referralToSocialPrescribing,
        date: r?.firstContactAt?.toISOString(),
      });
      expect(codes.some((c) => c.code === SNOMED.socialPrescribingDeclined)).toBe(
        m.dischargeReason === 'declined_further_support',
      );
      expect(m.dischargedAt.getTime()).toBe(r?.closedAt?.getTime());
      expect((m.offered as { attended: number }).attended).toBeGreaterThanOrEqual(2);
    }
    expect((await ctx.db.select().from(caseNotes)).length).toBeGreaterThan(0);
    const contacts = await ctx.db.select().from(caseContacts);
    expect(contacts.some((c) => c.outcome === 'did_not_attend')).toBe(true);
  });

  it('each coach holds open coaching cases (high complexity or PAM level 1), so cover asks before a care coordinator', async () => {
    const open = (await ctx.db.select().from(referrals)).filter((r) =>
      ['allocated', 'first_contact', 'active'].includes(r.status),
    );
    const coaches = (await ctx.db.select().from(users)).filter((u) => u.role === 'health_coach');
    expect(coaches).toHaveLength(3);
    for (const coach of coaches) {
      const coaching = open.filter(
        (r) => r.allocatedWorkerId === coach.id && (r.complexity === 'high' || r.predictedPam === 1),
      );
      expect(coaching.length, `${coach.name}'s coaching cases`).toBeGreaterThan(0);
    }
  });

  it("keeps every team member's open cases within capacity × FTE", async () => {
    const open = (await ctx.db.select().from(referrals)).filter((r) =>
      ['allocated', 'first_contact', 'active'].includes(r.status),
    );
    const team = (await ctx.db.select().from(users)).filter((u) => u.pcnId && u.caseloadCapacity !== null);
    for (const u of team) {
      const held = open.filter((r) => r.allocatedWorkerId === u.id).length;
      const capacity = capacityOf({ fte: u.fte === null ? null : Number(u.fte), caseloadCapacity: u.caseloadCapacity });
      expect(held, `${u.name}'s caseload`).toBeLessThanOrEqual(capacity);
    }
  });
});

describe('the printed demo sign-ins find work on their pages', () => {
  type Item = { status: string; latestScores: unknown[]; nextContact: unknown; planReview: { on: string | null } };

  it.each([['linkworker@northshire.example'], ['coach@northshire.example']])(
    '%s: a caseload with first contacts and active cases with plans, measures and next contacts',
    async (email) => {
      const caseload = await get(await demoSignIn(email), '/api/caseload');
      const items = caseload.items as Item[];
      expect(items.some((i) => i.status === 'allocated')).toBe(true);
      expect(items.some((i) => i.status === 'first_contact')).toBe(true);
      const active = items.filter((i) => i.status === 'active');
      expect(active.length).toBeGreaterThanOrEqual(3);
      expect(active.every((i) => i.latestScores.length > 0 && i.planReview.on !== null)).toBe(true);
      expect(active.some((i) => i.nextContact !== null)).toBe(true);
    },
  );

  it('the referrer reads discharged referrals of the practice with the message back', async () => {
    const referrer = await demoSignIn('referrer@northshire.example');
    const list = await get(referrer, '/api/practice/referrals');
    const discharged = (list.referrals as { id: string; status: string }[]).filter((r) => r.status === 'discharged');
    expect(discharged.length).toBeGreaterThanOrEqual(2);
    const message = await get(referrer, `/api/referrals/${discharged[0]?.id}/gp-message`);
    expect(message.codes[0].code).toBe(SNOMED.referralToSocialPrescribing);
    expect(message.summary).not.toBe('');
  });

  it('the lead sees the team at work, and Tom Okafor still has the most spare link worker capacity', async () => {
    const lead = await demoSignIn('lead@northshire.example');
    const team = await get(lead, '/api/team/caseloads');
    for (const m of team.members as { name: string; cases: unknown[] }[]) {
      expect(m.cases.length, `${m.name} holds cases`).toBeGreaterThan(0);
    }
    // A triaged referral of Central that the rules give a link worker (not complex, PAM 3 or 4).
    const waiting = (await ctx.db.select().from(referrals).where(eq(referrals.status, 'triaged'))).find(
      (r) =>
        r.pcnId === lead.me.pcn?.id &&
        r.complexity !== 'high' &&
        (r.predictedPam ?? 0) >= 3 &&
        !r.signpostingOnly &&
        r.recommendedRole === null,
    );
    expect(waiting, 'a triaged link worker referral in the queue').toBeTruthy();
    const suggestion = await get(lead, `/api/referrals/${waiting?.id}/allocation-suggestion`);
    expect(suggestion.role).toBe('link_worker');
    expect(suggestion.worker.name).toBe('Tom Okafor');
    const discharged = (await ctx.db.select().from(referrals).where(eq(referrals.status, 'discharged'))).find(
      (r) => r.allocatedWorkerId === lead.me.user.id,
    );
    expect(discharged, 'the lead has discharged cases of their own').toBeTruthy();
    const view = await get(lead, `/api/referrals/${discharged?.id}`);
    expect(view.status).toBe('discharged');
  });

  it('has open bookings only ahead and settled ones only behind', async () => {
    for (const b of await ctx.db.select().from(plannedContacts)) {
      if (b.settledByContactId === null && b.cancelledAt === null) {
        expect(b.plannedFor.getTime()).toBeGreaterThan(seededAt);
      } else {
        expect(b.plannedFor.getTime()).toBeLessThan(seededAt);
      }
    }
  });
});
