// Test set-up only (imported by *.db.test.ts): onward referrals, attendance and outcome measures
// inserted straight into the tables, as the loop would leave them, so the impact figures can be
// checked against numbers worked out by hand.
import type { AttendanceKind, OnwardOutcome } from '../../../../common/onward-referrals.js';
import type { Measure, Timepoint } from '../../../../common/outcome-measures.js';
import type { Db } from '../../../platform/db/client.js';
import type { TestTenancy } from '../../../test/toolkit.js';
import { outcomeMeasures } from '../../outcomes/outcomes.tables.js';
import { scoreMeasure } from '../../outcomes/scoring.js';
import { createTestReferral, type TestReferral, triaged } from '../../triage/test-referrals.js';
import { onwardAttendances, onwardReferrals } from '../onward-referrals.tables.js';

export interface OnwardFixture {
  tenancy: TestTenancy;
  /** A user of the tenancy's PCN who sends it. */
  by: string;
  serviceId: string;
  organizationId: string;
  kind?: 'referral' | 'signpost';
  sentAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  closedAt?: string;
  outcome?: OnwardOutcome;
  /** The case; a new one (and a new person) unless given. */
  kase?: TestReferral;
}

/** A case of the tenancy's PCN, allocated to `by`. */
export function createTestCase(db: Db, tenancy: TestTenancy, by: string): Promise<TestReferral> {
  return createTestReferral(
    db,
    tenancy,
    triaged({ status: 'allocated', allocatedWorkerId: by, allocatedAt: new Date() }),
  );
}

export async function insertOnwardReferral(db: Db, f: OnwardFixture): Promise<{ id: string; kase: TestReferral }> {
  const kase = f.kase ?? (await createTestCase(db, f.tenancy, f.by));
  const kind = f.kind ?? 'referral';
  const status =
    kind === 'signpost'
      ? 'signposted'
      : f.closedAt
        ? 'closed'
        : f.declinedAt
          ? 'declined'
          : f.acceptedAt
            ? 'accepted'
            : 'sent';
  const [row] = await db
    .insert(onwardReferrals)
    .values({
      icbId: f.tenancy.icbId,
      pcnId: f.tenancy.pcnId,
      referralId: kase.id,
      personId: kase.personId,
      serviceId: f.serviceId,
      organizationId: f.organizationId,
      kind,
      delivery: kind === 'referral' ? 'link' : null,
      status,
      consentRecordedByUserId: kind === 'referral' ? f.by : null,
      consentRecordedAt: kind === 'referral' ? new Date(f.sentAt) : null,
      capacityAtSend: 'open',
      serviceStatusAtSend: 'active',
      acceptedAt: f.acceptedAt ? new Date(f.acceptedAt) : null,
      declinedAt: f.declinedAt ? new Date(f.declinedAt) : null,
      declineReason: f.declinedAt ? 'service_full' : null,
      closedAt: f.closedAt ? new Date(f.closedAt) : null,
      outcome: f.outcome ?? null,
      createdByUserId: f.by,
      createdAt: new Date(f.sentAt),
    })
    .returning({ id: onwardReferrals.id });
  return { id: (row as { id: string }).id, kase };
}

export async function insertAttendance(
  db: Db,
  onwardReferralId: string,
  on: string,
  sessions = 1,
  kind: AttendanceKind = 'attended',
): Promise<void> {
  await db.insert(onwardAttendances).values({ onwardReferralId, on, sessions, kind });
}

/** One administration of a measure in a case, scored as the outcomes module scores it. */
export async function insertMeasure(
  db: Db,
  tenancy: TestTenancy,
  kase: TestReferral,
  by: string,
  m: { measure: Measure; timepoint: Timepoint; answers: Record<string, number>; on: string },
): Promise<void> {
  const scored = scoreMeasure(m.measure, m.answers);
  if (!scored.ok) throw new Error(`bad fixture answers: ${JSON.stringify(scored.errors)}`);
  await db.insert(outcomeMeasures).values({
    personId: kase.personId,
    referralId: kase.id,
    icbId: tenancy.icbId,
    pcnId: tenancy.pcnId,
    measure: m.measure,
    timepoint: m.timepoint,
    answers: scored.answers,
    scores: scored.scores as unknown as Record<string, unknown>,
    recordedBy: by,
    administeredOn: m.on,
  });
}

/** SWEMWBS answers with all seven items the same (raw score 7 × value). */
export const swemwbsAll = (value: number) =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs${i}`, value]));
