import { eq } from 'drizzle-orm';
import { pcns, practices } from '../../modules/organisations/organisations.tables.js';
import { detailsOfRecord, linkPerson } from '../../modules/people/people.service.js';
import { people } from '../../modules/people/people.tables.js';
import { referralEvents, referrals } from '../../modules/referrals/referrals.tables.js';
import type { Tx } from '../../platform/db/client.js';

// Issue 19 (records retention): a few people whose support ended long ago, so that the ICB
// administrator's retention page has something to appraise. Three adults past the 8 years, one
// adult not yet past them, and a child who is kept until the 25th birthday. Synthetic, no NHS number.

const YEAR = 365.25 * 86_400_000;

/** How these referrals are told apart from the demo's year of work (whose own checks leave them out). */
export const DEMO_ARCHIVE_REFERRER = 'Dr Archive';

export const isDemoArchive = (r: { referrerName: string | null }) => r.referrerName === DEMO_ARCHIVE_REFERRER;

const OLD_CASES = [
  { givenName: 'Harold', familyName: 'Archive-Benson', dateOfBirth: '1938-04-12', closedYearsAgo: 11 },
  { givenName: 'Margaret', familyName: 'Archive-Lowe', dateOfBirth: '1946-09-30', closedYearsAgo: 9.5 },
  { givenName: 'Dennis', familyName: 'Archive-Kaur', dateOfBirth: '1959-01-21', closedYearsAgo: 8.6 },
  { givenName: 'Patricia', familyName: 'Archive-Oyelaran', dateOfBirth: '1951-06-02', closedYearsAgo: 7 },
  // 12 when support ended 9 years ago: kept until the 25th birthday.
  { givenName: 'Jordan', familyName: 'Archive-Price', dateOfBirth: null, closedYearsAgo: 9 },
] as const;

export async function insertDemoRetention(tx: Tx, icbId: string): Promise<void> {
  const [practice] = await tx
    .select({ id: practices.id, pcnId: practices.pcnId })
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(eq(practices.code, 'N99001'));
  if (!practice) throw new Error('demo practice N99001 missing');
  const now = Date.now();
  for (const c of OLD_CASES) {
    const closedAt = new Date(now - c.closedYearsAgo * YEAR);
    const receivedAt = new Date(closedAt.getTime() - 120 * 86_400_000);
    const dateOfBirth = c.dateOfBirth ?? new Date(now - 21 * YEAR).toISOString().slice(0, 10);
    const [person] = await tx
      .insert(people)
      .values({
        icbId,
        nhsNumber: null,
        givenName: c.givenName,
        familyName: c.familyName,
        dateOfBirth,
        postcode: 'NE1 4XX',
        preferredContact: 'letter',
        practiceId: practice.id,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      })
      .returning();
    if (!person) throw new Error('person insert returned nothing');
    await linkPerson(tx, { personId: person.id, icbId, pcnId: practice.pcnId, practiceId: practice.id });
    const [referral] = await tx
      .insert(referrals)
      .values({
        personId: person.id,
        personDetails: detailsOfRecord(person),
        icbId,
        pcnId: practice.pcnId,
        practiceId: practice.id,
        source: 'practice',
        referrerName: DEMO_ARCHIVE_REFERRER,
        reasons: ['loneliness'],
        details: 'Referred before Waymark’s records were migrated (demo).',
        urgencyRequested: 'routine',
        consentToReferral: true,
        consentToShare: true,
        status: 'discharged',
        closureReason: 'goals_met',
        receivedAt,
        closedAt,
        createdAt: receivedAt,
        updatedAt: closedAt,
      })
      .returning({ id: referrals.id });
    if (!referral) throw new Error('referral insert returned nothing');
    await tx.insert(referralEvents).values([
      { referralId: referral.id, type: 'received', toStatus: 'received', at: receivedAt, details: { demo: true } },
      {
        referralId: referral.id,
        type: 'discharged',
        fromStatus: 'active',
        toStatus: 'discharged',
        at: closedAt,
        details: { demo: true },
      },
    ]);
  }
}
