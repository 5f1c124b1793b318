// Test set-up only (imported by *.db.test.ts): referrals inserted straight into the tables, as the
// intake API would leave them, so triage and allocation tests do not depend on intake.
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { TestTenancy } from '../../test/toolkit.js';
import { detailsOfRecord, linkPerson } from '../people/people.service.js';
import { people } from '../people/people.tables.js';
import { referralEvents, referrals } from '../referrals/referrals.tables.js';

type ReferralInsert = typeof referrals.$inferInsert;
type PersonInsert = typeof people.$inferInsert;

let n = 0;

export interface TestReferral {
  id: string;
  personId: string;
  version: number;
}

export async function createTestPerson(db: Db, tenancy: TestTenancy, extra: Partial<PersonInsert> = {}) {
  n++;
  const [person] = await db
    .insert(people)
    .values({
      icbId: tenancy.icbId,
      nhsNumber: null,
      givenName: `Given${n}`,
      familyName: `Family${n}`,
      dateOfBirth: `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
      postcode: 'LS1 4AP',
      preferredContact: 'phone',
      practiceId: tenancy.practiceId,
      ...extra,
    })
    .returning();
  return person as typeof people.$inferSelect;
}

/** A referral in the tenancy's PCN from its practice: 'received' with its event, unless told otherwise. */
export async function createTestReferral(
  db: Db,
  tenancy: TestTenancy,
  extra: Partial<ReferralInsert> & { person?: Partial<PersonInsert> } = {},
): Promise<TestReferral> {
  const { person: personExtra, ...referralExtra } = extra;
  const person = referralExtra.personId
    ? ((await db.select().from(people).where(eq(people.id, referralExtra.personId)))[0] as typeof people.$inferSelect)
    : await createTestPerson(db, tenancy, personExtra);
  const personId = person.id;
  const pcnId = referralExtra.pcnId ?? tenancy.pcnId;
  const practiceId = referralExtra.practiceId === undefined ? tenancy.practiceId : referralExtra.practiceId;
  // As intake leaves it: the referring team knows the person.
  await linkPerson(db, { personId, icbId: referralExtra.icbId ?? tenancy.icbId, pcnId, practiceId });
  const [row] = await db
    .insert(referrals)
    .values({
      personId,
      personDetails: detailsOfRecord(person),
      icbId: tenancy.icbId,
      pcnId: tenancy.pcnId,
      practiceId: tenancy.practiceId,
      source: 'practice',
      referrerName: 'Dr Test',
      reasons: ['loneliness'],
      details: 'Lives alone since a bereavement.',
      urgencyRequested: 'routine',
      consentToReferral: true,
      consentToShare: true,
      status: 'received',
      receivedAt: new Date(Date.now() - randomInt(1000, 1_000_000)),
      ...referralExtra,
    })
    .returning();
  const referral = row as typeof referrals.$inferSelect;
  await db.insert(referralEvents).values({ referralId: referral.id, type: 'received', toStatus: 'received' });
  if (referral.status !== 'received') {
    await db
      .insert(referralEvents)
      .values({ referralId: referral.id, type: referral.status, fromStatus: 'received', toStatus: referral.status });
  }
  return { id: referral.id, personId, version: referral.version };
}

/** A referral already triaged (for allocation tests). */
export function triaged(extra: Partial<ReferralInsert> = {}): Partial<ReferralInsert> {
  return {
    status: 'triaged',
    priority: 'routine',
    complexity: 'low',
    predictedPam: 3,
    signpostingOnly: false,
    triagedAt: new Date(),
    firstContactDueAt: new Date(Date.now() + 14 * 86_400_000),
    ...extra,
  };
}

/** A case allocated to `worker` (a day ago unless `extra` says otherwise), triaged before that. */
export function createAllocatedReferral(
  db: Db,
  tenancy: TestTenancy,
  worker: { id: string },
  extra: Partial<ReferralInsert> = {},
): Promise<TestReferral> {
  return createTestReferral(
    db,
    tenancy,
    triaged({
      status: 'allocated',
      allocatedWorkerId: worker.id,
      allocatedAt: new Date(Date.now() - 86_400_000),
      ...extra,
    }),
  );
}
