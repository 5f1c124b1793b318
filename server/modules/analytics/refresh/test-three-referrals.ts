import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createPartnerService } from '../../onward-referrals/test-onward.js';
import { rebuildPcn } from './rebuild.js';
import {
  createTwoPcns,
  insertAttendance,
  insertContact,
  insertEvent,
  insertMeasure,
  insertOnward,
  insertPerson,
  insertPlan,
  insertReferral,
  type TwoPcns,
} from './test-data.js';

// Three referrals of PCN A, with every kind of record the rollups count, and figures worked out by
// hand from them (rollups.db.test.ts checks every rollup row against those):
//  R1 received 2026-03-31T23:30Z = 00:30 on 1 April in London (BST): April's cohort. Triaged
//     'soon', allocated to the link worker, first contact 7 April with Good Friday (3 April) and
//     Easter Monday (6 April) inside the wait: 2 working days (2 and 7 April), due 8 April: met.
//     Plan agreed 20 April. Discharged 'goals_met' with SWEMWBS, ONS4 and PAM paired (baseline →
//     review → discharge: the discharge is the latest). Three onward referrals to one
//     organisation (sent; accepted and attended; accepted, missed) and a signpost.
//  R2 a self-referral on leap day 2024-02-29 of someone born 2008-02-29 (16: '0-17'), nothing
//     known about them; declined at triage; a UCLA-3 baseline and nothing after it (no pair).
//  R3 urgent, health coach, first contact the next working day after the due time: 1 day, not
//     met; discharged with no reason and no measures (no pair); its plan was agreed long before
//     the referral and a later save is not agreed: no plan agreed.

// PCN B has one referral, received. PCN A's rollups are built; B's are not.
export async function threeReferrals(db: TestDatabase): Promise<{ t: TwoPcns; ids: Record<string, string> }> {
  const t = await createTwoPcns(db.db);
  const ids: Record<string, string> = {};
  const { a } = t;
  await db.db.execute(sql`
    INSERT INTO postcodes (postcode, latitude, longitude, lsoa) VALUES
      ('ZZ1 1AA', 54.9, -1.6, 'E01999991'), ('ZZ2 2BB', 54.9, -1.6, 'E01999992')`);
  await db.db.execute(sql`INSERT INTO imd_deciles (lsoa, decile) VALUES ('E01999991', 3)`);
  const p1 = await insertPerson(db.db, a.icbId, {
    dob: '1990-06-15',
    sex: 'female',
    ethnicity: 'A',
    postcode: 'ZZ1 1AA',
  });
  const p2 = await insertPerson(db.db, a.icbId, { dob: '2008-02-29' });
  // Postcode known, but its LSOA has no IMD decile: 'not_known'.
  const p3 = await insertPerson(db.db, a.icbId, {
    dob: '1950-01-01',
    sex: 'male',
    ethnicity: 'N',
    postcode: 'ZZ2 2BB',
  });
  const r1 = await insertReferral(db.db, a, {
    personId: p1,
    practiceId: a.practiceId,
    source: 'practice',
    reasons: ['loneliness', 'debt'],
    urgency: 'routine',
    status: 'discharged',
    receivedAt: '2026-03-31T23:30:00Z',
    triagedAt: '2026-04-01T09:00:00Z',
    priority: 'soon',
    allocatedWorkerId: t.linkWorker,
    allocatedAt: '2026-04-01T10:00:00Z',
    firstContactDueAt: '2026-04-08T16:00:00Z',
    firstContactAt: '2026-04-07T10:00:00Z',
    closedAt: '2026-06-10T15:00:00Z',
    closureReason: 'goals_met',
  });
  const r2 = await insertReferral(db.db, a, {
    personId: p2,
    source: 'self',
    reasons: ['low_mood'],
    urgency: 'routine',
    status: 'declined',
    receivedAt: '2024-02-29T12:00:00Z',
    triagedAt: '2024-03-01T09:00:00Z',
    closedAt: '2024-03-01T09:00:00Z',
    closureReason: 'not_wanted',
  });
  const r3 = await insertReferral(db.db, a, {
    personId: p3,
    practiceId: a.practiceId,
    source: 'practice',
    reasons: ['loneliness'],
    urgency: 'urgent',
    status: 'discharged',
    receivedAt: '2026-04-15T09:00:00Z',
    triagedAt: '2026-04-15T10:00:00Z',
    priority: 'urgent',
    allocatedWorkerId: t.healthCoach,
    allocatedAt: '2026-04-15T11:00:00Z',
    firstContactDueAt: '2026-04-15T16:00:00Z',
    firstContactAt: '2026-04-16T09:00:00Z',
    closedAt: '2026-05-20T09:00:00Z',
  });
  Object.assign(ids, { r1, r2, r3, p1 });

  await insertEvent(db.db, r1, '2026-04-01T09:00:00Z', '871731000000106');
  // 23:30 UTC on 31 May is June in London.
  await insertEvent(db.db, r1, '2026-05-31T23:30:00Z', '1082331000000102');
  await insertEvent(db.db, r1, '2026-04-02T09:00:00Z', null);

  await insertPlan(db.db, a, p1, t.linkWorker, [
    { savedAt: '2026-04-10T10:00:00Z', agreedOn: null },
    { savedAt: '2026-04-20T10:00:00Z', agreedOn: '2026-04-20' },
  ]);
  await insertPlan(db.db, a, p3, t.healthCoach, [
    { savedAt: '2025-01-01T10:00:00Z', agreedOn: '2025-01-01' },
    { savedAt: '2026-04-20T10:00:00Z', agreedOn: '2025-01-01' },
  ]);

  const m = (referralId: string, personId: string, measure: string, timepoint: string, on: string, scores: object) =>
    insertMeasure(db.db, a, { referralId, personId, by: t.linkWorker, measure, timepoint, on, scores });
  const ons4 = (l: number, w: number, h: number, x: number) => ({
    lifeSatisfaction: { value: l, band: 'low' },
    worthwhile: { value: w, band: 'low' },
    happy: { value: h, band: 'low' },
    anxious: { value: x, band: 'low' },
  });
  await m(r1, p1, 'swemwbs', 'baseline', '2026-04-07', { raw: 20, metric: 19.98 });
  await m(r1, p1, 'swemwbs', 'review', '2026-05-10', { raw: 22, metric: 21.54 });
  await m(r1, p1, 'swemwbs', 'discharge', '2026-06-10', { raw: 24, metric: 23.21 });
  await m(r1, p1, 'ons4', 'baseline', '2026-04-07', ons4(4, 5, 6, 7));
  await m(r1, p1, 'ons4', 'discharge', '2026-06-10', ons4(5, 5, 4, 3));
  await m(r1, p1, 'pam', 'baseline', '2026-04-07', { score: 40, level: 1, levelMatchesCutoffs: true });
  await m(r1, p1, 'pam', 'discharge', '2026-06-10', { score: 60, level: 3, levelMatchesCutoffs: true });
  await m(r2, p2, 'ucla3', 'baseline', '2024-03-01', { total: 7 });

  const c = (referralId: string, workerId: string, at: string, mode: string, minutes: number, outcome: string) =>
    insertContact(db.db, { referralId, pcnId: a.pcnId, workerId, at, mode, minutes, outcome });
  await c(r1, t.linkWorker, '2026-04-07T10:00:00Z', 'phone', 30, 'attended');
  await c(r1, t.linkWorker, '2026-04-20T10:00:00Z', 'phone', 20, 'attended');
  // 23:30 UTC on 30 April is May in London.
  await c(r1, t.linkWorker, '2026-04-30T23:30:00Z', 'face_to_face', 60, 'attended');
  await c(r1, t.linkWorker, '2026-05-05T10:00:00Z', 'phone', 15, 'did_not_attend');
  await c(r3, t.healthCoach, '2026-04-16T09:00:00Z', 'video', 45, 'attended');

  const service = await createPartnerService(db.db, a);
  ids.org = service.organizationId;
  const onward = (o: Omit<Parameters<typeof insertOnward>[2], 'referralId' | 'personId' | 'by' | 'service'>) =>
    insertOnward(db.db, a, { referralId: r1, personId: p1, by: t.linkWorker, service, ...o });
  // 23:30 UTC on 30 April is May in London.
  const o1 = await onward({
    kind: 'referral',
    status: 'closed',
    outcome: 'completed',
    acceptedAt: '2026-05-02T10:00:00Z',
    createdAt: '2026-04-30T23:30:00Z',
  });
  await insertAttendance(db.db, o1, 'attended', '2026-05-10', 3);
  await insertAttendance(db.db, o1, 'did_not_attend', '2026-06-01', 1);
  await onward({ kind: 'signpost', status: 'signposted', createdAt: '2026-04-20T10:00:00Z' });
  // Sent to the same organisation, not taken on; then one taken on but never attended.
  await onward({ kind: 'referral', status: 'sent', createdAt: '2026-05-03T10:00:00Z' });
  const o3 = await onward({
    kind: 'referral',
    status: 'accepted',
    acceptedAt: '2026-05-05T10:00:00Z',
    createdAt: '2026-05-04T10:00:00Z',
  });
  await insertAttendance(db.db, o3, 'did_not_attend', '2026-05-12', 1);

  // PCN B: one referral, received, so that change detection has a PCN to leave alone.
  const pb = await insertPerson(db.db, t.b.icbId, { dob: '1980-01-01' });
  ids.rb = await insertReferral(db.db, t.b, {
    personId: pb,
    source: 'self',
    reasons: ['loneliness'],
    urgency: 'routine',
    status: 'received',
    receivedAt: '2026-04-02T09:00:00Z',
  });
  await rebuildPcn(db.db, a.pcnId);
  return { t, ids };
}

/** The rows of a query as sorted `a|b|c` text: PCN A's practice as P, null as -. */
export function rowsOf(db: TestDatabase, t: TwoPcns) {
  return async (query: ReturnType<typeof sql>): Promise<string[]> => {
    const result = await db.db.execute<Record<string, unknown>>(query);
    return result.rows
      .map((r) =>
        Object.values(r)
          .map((v) => (v === t.a.practiceId ? 'P' : v === null ? '-' : String(v)))
          .join('|'),
      )
      .sort();
  };
}

export interface ThreeReferrals {
  db: TestDatabase;
  t: TwoPcns;
  ids: Record<string, string>;
  rows: ReturnType<typeof rowsOf>;
}

/** A database with the three referrals for the file's tests, handed to `use` once built. */
export function setUpThreeReferrals(use: (set: ThreeReferrals) => void): void {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    const { t, ids } = await threeReferrals(db);
    use({ db, t, ids, rows: rowsOf(db, t) });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
}
