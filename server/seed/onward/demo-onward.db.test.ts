import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nhsNumberProblem } from '../../../common/nhs-number.js';
import { DECLINE_REASONS, ONWARD_OUTCOMES, ONWARD_STATUSES } from '../../../common/onward-referrals.js';
import { directoryOrganizations, directoryServices } from '../../modules/directory/directory.tables.js';
import { serviceReferralSettings } from '../../modules/directory/directory-partner.tables.js';
import { searchServices } from '../../modules/directory/search/search.service.js';
import {
  onwardAttendances,
  onwardEvents,
  onwardLinks,
  onwardReferrals,
} from '../../modules/onward-referrals/onward-referrals.tables.js';
import { asTeamOnward, type TeamOnward } from '../../modules/onward-referrals/onward-source.js';
import { outcomeMeasures } from '../../modules/outcomes/outcomes.tables.js';
import { people } from '../../modules/people/people.tables.js';
import { referrals } from '../../modules/referrals/referrals.tables.js';
import { users } from '../../modules/users/users.tables.js';
import { addWorkingDays, londonDate } from '../../platform/working-days.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { seedDemoData } from '../demo.js';
import { STRETCH_DAYS, YEAR_STRETCHES } from './plan-onward.js';
import { CONNECT_WALK, RIVERSIDE_GARDENS_WALK, RIVERSIDE_WALK } from './targets.js';

// Issue 12, point 8: the demo shows the loop with the voluntary sector. Seeds the demo into an
// empty database and reads the onward referrals back.

const DAY = 86_400_000;
let database: TestDatabase;
let seededAt: number;
/** The team's onward referrals (the demo's residents' own self-referrals are checked apart). */
type Onward = TeamOnward<typeof onwardReferrals.$inferSelect> & { serviceName: string };
let all: Onward[];
let partnerOrgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  seededAt = Date.now();
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
  const rows = await database.db
    .select({ o: onwardReferrals, serviceName: directoryServices.name })
    .from(onwardReferrals)
    .innerJoin(directoryServices, eq(directoryServices.id, onwardReferrals.serviceId));
  all = rows.flatMap((r) => {
    const team = asTeamOnward(r.o);
    return team ? [{ ...team, serviceName: r.serviceName }] : [];
  });
  const [partner] = await database.db.select().from(users).where(eq(users.email, 'partner@northshire.example'));
  partnerOrgId = partner?.vcsOrganisationId as string;
});
afterAll(async () => {
  await database.close();
});

describe('the demo onward referrals', () => {
  it('are in every state, with every decline reason and every outcome, from all three teams', async () => {
    expect(new Set(all.map((o) => o.status))).toEqual(new Set(ONWARD_STATUSES));
    expect(new Set(all.flatMap((o) => (o.declineReason ? [o.declineReason] : [])))).toEqual(new Set(DECLINE_REASONS));
    expect(new Set(all.flatMap((o) => (o.outcome ? [o.outcome] : [])))).toEqual(new Set(ONWARD_OUTCOMES));
    expect(new Set(all.map((o) => o.pcnId)).size).toBe(3);
    const attended = await database.db.select().from(onwardAttendances);
    const withSessions = new Set(attended.filter((a) => a.kind === 'attended').map((a) => a.onwardReferralId));
    expect(all.filter((o) => o.status === 'accepted' && withSessions.has(o.id)).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((o) => o.status === 'closed' && withSessions.has(o.id)).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((o) => o.status === 'sent' && o.viewedAt !== null).length).toBeGreaterThanOrEqual(1);
  });

  it("fill the demo partner's inbox with new and active referrals, and none of another organisation", () => {
    const inbox = all.filter((o) => o.vcsOrganisationId === partnerOrgId);
    expect(inbox.filter((o) => o.status === 'sent' && o.viewedAt === null).length).toBeGreaterThanOrEqual(2);
    expect(inbox.filter((o) => o.status === 'accepted').length).toBeGreaterThanOrEqual(2);
    expect(inbox.filter((o) => o.serviceName === CONNECT_WALK).length).toBeGreaterThanOrEqual(2);
    for (const o of all.filter((x) => x.delivery === 'inbox')) expect(o.vcsOrganisationId).toBe(partnerOrgId);
  });

  it('reach Riverside Walking Friends (no accounts) by secure link: one waiting, one whose link expired', async () => {
    const settings = await database.db
      .select({ name: directoryServices.name, email: serviceReferralSettings.referralEmail })
      .from(serviceReferralSettings)
      .innerJoin(directoryServices, eq(directoryServices.id, serviceReferralSettings.serviceId));
    expect(settings).toContainEqual({ name: RIVERSIDE_WALK, email: 'referrals@riverside-walking-friends.example' });
    const links = await database.db.select().from(onwardLinks);
    const linkOf = (o: Onward) => links.find((l) => l.onwardReferralId === o.id);
    const byLink = all.filter((o) => o.delivery === 'link');
    for (const o of byLink) {
      expect(o.vcsOrganisationId).toBeNull();
      expect(linkOf(o)?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(links.length).toBe(byLink.length);
    const waiting = byLink.find((o) => o.serviceName === RIVERSIDE_WALK && o.status === 'sent');
    expect(linkOf(waiting as Onward)?.email).toBe('referrals@riverside-walking-friends.example');
    expect(linkOf(waiting as Onward)?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const lapsed = byLink.find((o) => o.serviceName === RIVERSIDE_GARDENS_WALK && o.status === 'sent');
    expect(linkOf(lapsed as Onward)?.expiresAt.getTime()).toBeLessThan(Date.now());
    expect(byLink.some((o) => o.status === 'accepted' || o.status === 'closed')).toBe(true);
  });

  it('give Northshire Community Connect a year of history: every 30 days, replies within days, sessions', async () => {
    const connect = all.filter((o) => o.vcsOrganisationId === partnerOrgId);
    for (let k = 0; k < YEAR_STRETCHES; k++) {
      const [from, to] = [seededAt - (k + 1) * STRETCH_DAYS * DAY, seededAt - k * STRETCH_DAYS * DAY];
      const inStretch = connect.filter((o) => o.createdAt.getTime() >= from && o.createdAt.getTime() < to);
      expect(inStretch.length, `referrals ${k * STRETCH_DAYS}–${(k + 1) * STRETCH_DAYS} days ago`).toBeGreaterThan(0);
    }
    const answered = connect.filter((o) => o.acceptedAt || o.declinedAt);
    expect(answered.length).toBeGreaterThanOrEqual(20);
    for (const o of answered) {
      const first = o.acceptedAt ?? (o.declinedAt as Date);
      expect(londonDate(first) <= addWorkingDays(londonDate(o.createdAt), 5), o.id).toBe(true);
    }
    const sessions = await database.db
      .select({ month: sql<string>`to_char(${onwardAttendances.on}, 'YYYY-MM')` })
      .from(onwardAttendances)
      .innerJoin(onwardReferrals, eq(onwardReferrals.id, onwardAttendances.onwardReferralId))
      .where(eq(onwardReferrals.vcsOrganisationId, partnerOrgId));
    expect(new Set(sessions.map((s) => s.month)).size).toBeGreaterThanOrEqual(9);
  });

  it('refer people who have outcome measures at baseline and later', async () => {
    const measures = await database.db.select().from(outcomeMeasures);
    const referred = new Set(all.filter((o) => o.kind === 'referral').map((o) => o.referralId));
    const measured = [...referred].filter((id) => {
      const points = new Set(measures.filter((m) => m.referralId === id).map((m) => m.timepoint));
      return points.has('baseline') && (points.has('review') || points.has('discharge'));
    });
    expect(measured.length / referred.size).toBeGreaterThanOrEqual(0.8);
  });

  it('send from a case while it was open, by its worker, with consent', async () => {
    const cases = new Map((await database.db.select().from(referrals)).map((r) => [r.id, r]));
    for (const o of all) {
      const c = cases.get(o.referralId);
      expect(c?.pcnId).toBe(o.pcnId);
      expect(o.createdByUserId).toBe(c?.allocatedWorkerId);
      expect(o.createdAt.getTime()).toBeGreaterThan(c?.firstContactAt?.getTime() ?? Number.POSITIVE_INFINITY);
      if (c?.closedAt) expect(o.createdAt.getTime()).toBeLessThan(c.closedAt.getTime());
      expect(o.createdAt.getTime()).toBeLessThanOrEqual(seededAt);
      if (o.kind === 'referral') expect(o.consentRecordedByUserId).toBe(o.createdByUserId);
      if (o.accessEndsAt && o.accessEndsAt.getTime() < seededAt) expect(o.sharedDetails).toBeNull();
    }
  });

  it('record an onward event for every step, in time order', async () => {
    const events = await database.db.select().from(onwardEvents);
    const attendances = await database.db.select().from(onwardAttendances);
    for (const o of all) {
      const own = events.filter((e) => e.onwardReferralId === o.id).sort((a, b) => a.id - b.id);
      expect(own[0]?.type).toBe(o.kind === 'signpost' ? 'signposted' : 'sent');
      expect(own[0]?.at.getTime()).toBe(o.createdAt.getTime());
      for (let i = 1; i < own.length; i++) {
        expect(own[i]?.at.getTime()).toBeGreaterThanOrEqual(own[i - 1]?.at.getTime() ?? 0);
      }
      const types = own.map((e) => e.type);
      expect(types.includes('viewed')).toBe(o.viewedAt !== null);
      expect(types.includes('accepted')).toBe(o.acceptedAt !== null);
      expect(types.includes('declined')).toBe(o.declinedAt !== null);
      expect(types.includes('closed')).toBe(o.closedAt !== null);
      expect(types.includes('link_sent')).toBe(o.delivery === 'link');
      const sessions = attendances.filter((a) => a.onwardReferralId === o.id).length;
      expect(types.filter((t) => t === 'attendance').length).toBe(sessions);
      if (sessions > 0) expect(o.acceptedAt).not.toBeNull();
    }
  });

  it('use NHS numbers of the 999 test range only, and never share one with an organisation', async () => {
    const persons = await database.db.select({ id: people.id, n: people.nhsNumber }).from(people);
    const numbers = persons.flatMap((p) => (p.n ? [p.n] : []));
    const numberOf = new Map(persons.map((p) => [p.id, p.n]));
    expect(numbers.length).toBeGreaterThan(50);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(nhsNumberProblem(n)).toBeNull();
    }
    const sharedOnes = all.filter((o) => o.sharedDetails !== null);
    expect(sharedOnes.length).toBeGreaterThan(10);
    for (const o of sharedOnes) {
      expect(Object.keys(o.sharedDetails ?? {}).filter((k) => /nhs/i.test(k))).toEqual([]);
      const own = numberOf.get(o.personId);
      if (own) expect(JSON.stringify(o.sharedDetails)).not.toContain(own);
      expect(JSON.stringify(o.sharedDetails)).not.toMatch(/999\d{7}|999 \d{3} \d{4}/);
    }
  });

  it("lists the demo partner's walking group to a worker searching 'walking' near NE1 4XX", async () => {
    const page = await searchServices(database.db, { text: 'walking', postcode: 'NE1 4XX', within_miles: 1 }, 'staff');
    const walk = page.results.find((r) => r.name === CONNECT_WALK);
    expect(walk).toBeDefined();
    const [owner] = await database.db
      .select({ vcs: directoryOrganizations.vcsOrganisationId })
      .from(directoryServices)
      .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
      .where(eq(directoryServices.name, CONNECT_WALK));
    expect(owner?.vcs).toBe(partnerOrgId);
  });

  describe('the demo self-referral', () => {
    it('is one resident’s, to the partner’s walking group, new in its inbox: no team, case or person behind it', async () => {
      const rows = await database.db.select().from(onwardReferrals).where(eq(onwardReferrals.source, 'self'));
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({
        vcsOrganisationId: partnerOrgId,
        delivery: 'inbox',
        status: 'sent',
        viewedAt: null,
        pcnId: null,
        referralId: null,
        personId: null,
        createdByUserId: null,
      });
      expect(row?.sharedDetails?.phone).toMatch(/^07700900\d{3}$/);
    });
  });
});
