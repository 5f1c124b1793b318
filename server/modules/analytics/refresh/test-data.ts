import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';
import { createTestTenancy, createTestUser, type TestTenancy } from '../../../test/toolkit.js';

// A small dataset whose every figure is worked out by hand in rollups.db.test.ts. All change
// times are set in the past, so only what a test adds later counts as a change.

export const PAST = '2026-06-30T12:00:00Z';

export interface Person {
  dob: string;
  sex?: string | null;
  ethnicity?: string | null;
  postcode?: string | null;
}

export async function insertPerson(db: Db, icbId: string, p: Person): Promise<string> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO people (icb_id, given_name, family_name, date_of_birth, preferred_contact, sex, ethnicity, postcode,
                        created_at, updated_at)
    VALUES (${icbId}, 'Test', 'Person', ${p.dob}, 'phone', ${p.sex ?? null}, ${p.ethnicity ?? null},
            ${p.postcode ?? null}, ${PAST}, ${PAST})
    RETURNING id`);
  return (r.rows[0] as { id: string }).id;
}

export interface Referral {
  personId: string;
  practiceId?: string | null;
  source: 'practice' | 'self' | 'professional';
  reasons: string[];
  urgency: 'routine' | 'soon' | 'urgent';
  status: string;
  receivedAt: string;
  triagedAt?: string;
  priority?: string;
  allocatedWorkerId?: string;
  allocatedAt?: string;
  firstContactDueAt?: string;
  firstContactAt?: string;
  closedAt?: string;
  closureReason?: string;
}

export async function insertReferral(db: Db, t: TestTenancy, r: Referral): Promise<string> {
  const res = await db.execute<{ id: string }>(sql`
    INSERT INTO referrals (person_id, person_details, icb_id, pcn_id, practice_id, source, reasons, urgency_requested,
                           consent_to_referral, consent_to_share, status, priority, received_at, triaged_at,
                           allocated_worker_id, allocated_at, first_contact_due_at, first_contact_at, closed_at,
                           closure_reason, created_at, updated_at)
    VALUES (${r.personId}, '{}'::jsonb, ${t.icbId}, ${t.pcnId}, ${r.practiceId ?? null}, ${r.source},
            ${`{${r.reasons.join(',')}}`}::text[], ${r.urgency}, true, true, ${r.status}, ${r.priority ?? null},
            ${r.receivedAt}, ${r.triagedAt ?? null}, ${r.allocatedWorkerId ?? null}, ${r.allocatedAt ?? null},
            ${r.firstContactDueAt ?? null}, ${r.firstContactAt ?? null}, ${r.closedAt ?? null},
            ${r.closureReason ?? null}, ${PAST}, ${PAST})
    RETURNING id`);
  return (res.rows[0] as { id: string }).id;
}

export async function insertEvent(db: Db, referralId: string, at: string, snomedCode: string | null): Promise<void> {
  await db.execute(sql`
    INSERT INTO referral_events (referral_id, type, at, snomed_code) VALUES (${referralId}, 'test', ${at}, ${snomedCode})`);
}

export interface Contact {
  referralId: string;
  pcnId: string;
  workerId: string;
  at: string;
  mode: string;
  minutes: number;
  outcome: string;
  createdAt?: string;
}

export async function insertContact(db: Db, c: Contact): Promise<void> {
  await db.execute(sql`
    INSERT INTO case_contacts (referral_id, pcn_id, at, mode, duration_minutes, outcome, recorded_by_user_id, created_at)
    VALUES (${c.referralId}, ${c.pcnId}, ${c.at}, ${c.mode}, ${c.minutes}, ${c.outcome}, ${c.workerId},
            ${c.createdAt ?? PAST})`);
}

export async function insertMeasure(
  db: Db,
  t: TestTenancy,
  m: {
    referralId: string;
    personId: string;
    by: string;
    measure: string;
    timepoint: string;
    on: string;
    scores: object;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO outcome_measures (person_id, referral_id, icb_id, pcn_id, measure, timepoint, answers, scores,
                                  recorded_by, recorded_at, administered_on)
    VALUES (${m.personId}, ${m.referralId}, ${t.icbId}, ${t.pcnId}, ${m.measure}, ${m.timepoint}, '{}'::jsonb,
            ${JSON.stringify(m.scores)}::jsonb, ${m.by}, ${`${m.on}T12:00:00Z`}, ${m.on})`);
}

/** A care plan with versions, each agreed on the given date (or not agreed: null). */
export async function insertPlan(
  db: Db,
  t: TestTenancy,
  personId: string,
  by: string,
  versions: { savedAt: string; agreedOn: string | null }[],
): Promise<void> {
  const plan = await db.execute<{ id: string }>(sql`
    INSERT INTO care_plans (person_id, pcn_id, current_version, created_at, updated_at)
    VALUES (${personId}, ${t.pcnId}, ${versions.length}, ${PAST}, ${PAST}) RETURNING id`);
  const planId = (plan.rows[0] as { id: string }).id;
  for (const [i, v] of versions.entries()) {
    await db.execute(sql`
      INSERT INTO care_plan_versions (plan_id, version, content, saved_by, saved_at)
      VALUES (${planId}, ${i + 1}, ${JSON.stringify({ agreedOn: v.agreedOn })}::jsonb, ${by}, ${v.savedAt})`);
  }
}

export interface TwoPcns {
  a: TestTenancy;
  b: TestTenancy;
  linkWorker: string;
  healthCoach: string;
  workerB: string;
}

export async function createTwoPcns(db: Db): Promise<TwoPcns> {
  const a = await createTestTenancy(db);
  const b = await createTestTenancy(db, a.icbId);
  const linkWorker = (await createTestUser(db, a, 'link_worker')).id;
  const healthCoach = (await createTestUser(db, a, 'health_coach')).id;
  const workerB = (await createTestUser(db, b, 'link_worker')).id;
  await db.execute(sql`UPDATE users SET updated_at = ${PAST}`);
  return { a, b, linkWorker, healthCoach, workerB };
}

/** An onward referral from a case, inserted as the refer use-case leaves it (a signpost or a referral). */
export async function insertOnward(
  db: Db,
  t: TestTenancy,
  o: {
    referralId: string;
    personId: string;
    by: string;
    service: { id: string; organizationId: string };
    kind: 'signpost' | 'referral';
    status: string;
    outcome?: string;
    acceptedAt?: string;
    createdAt: string;
  },
): Promise<string> {
  const referral = o.kind === 'referral';
  const res = await db.execute<{ id: string }>(sql`
    INSERT INTO onward_referrals (icb_id, pcn_id, referral_id, person_id, service_id, organization_id, kind, delivery,
                                  status, outcome, accepted_at, consent_recorded_by_user_id, consent_recorded_at, shared_details,
                                  capacity_at_send, service_status_at_send, created_by_user_id, created_at, updated_at)
    VALUES (${t.icbId}, ${t.pcnId}, ${o.referralId}, ${o.personId}, ${o.service.id}, ${o.service.organizationId},
            ${o.kind}, ${referral ? 'link' : null}, ${o.status}, ${o.outcome ?? null}, ${o.acceptedAt ?? null}, ${referral ? o.by : null},
            ${referral ? o.createdAt : null}, ${referral ? '{}' : null}::jsonb, 'open', 'active', ${o.by},
            ${o.createdAt}, ${PAST})
    RETURNING id`);
  return (res.rows[0] as { id: string }).id;
}

export async function insertAttendance(db: Db, onwardId: string, kind: string, on: string, sessions: number) {
  await db.execute(sql`
    INSERT INTO onward_attendances (onward_referral_id, kind, "on", sessions, recorded_at)
    VALUES (${onwardId}, ${kind}, ${on}, ${sessions}, ${PAST})`);
}
