import { eq, inArray } from 'drizzle-orm';
import { nhsNumberProblem } from '../../common/nhs-number.js';
import type { ContactMethod, Priority, ReferralSource } from '../../common/referrals.js';
import { pcns, practices } from '../modules/organisations/organisations.tables.js';
import { detailsOfRecord, linkPerson } from '../modules/people/people.service.js';
import { people } from '../modules/people/people.tables.js';
import { referralEvents, referrals } from '../modules/referrals/referrals.tables.js';
import { users } from '../modules/users/users.tables.js';
import type { Tx } from '../platform/db/client.js';
import { demoEqualityAnswers } from './demo-population.js';

// A dozen new referrals across the Northshire PCNs, so the demo triage queue is not empty.
// Every person is invented; NHS numbers come from the test range 999 000 0000 – 999 999 9999 and
// pass Modulus 11; phone numbers are from Ofcom's drama ranges (01632 960xxx, 07700 900xxx).

interface DemoReferral {
  /** Referring practice (ODS code); null for another professional or a self-referral. */
  practice: string | null;
  /** The PCN, when there is no referring practice. */
  pcn?: string;
  /** A demo user's email when a Waymark user referred; otherwise the named referrer. */
  referrerEmail?: string;
  referrer?: { name: string; organisation: string; contact: string };
  source: ReferralSource;
  hoursAgo: number;
  person: {
    hasNhsNumber: boolean;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    postcode: string;
    phone?: string;
    email?: string;
    preferredContact: ContactMethod;
    language?: string;
    interpreterNeeded?: boolean;
    accessibilityNeeds?: string;
  };
  reasons: string[];
  details: string;
  urgency: Priority;
  consentToShare: boolean;
  safeguarding?: boolean;
}

const RACHEL = 'referrer@northshire.example';
const SAM = 'sam.whitfield.riverside@northshire.example';

const DEMO_REFERRALS: DemoReferral[] = [
  {
    practice: 'N99001',
    referrerEmail: RACHEL,
    source: 'practice',
    hoursAgo: 3,
    person: {
      hasNhsNumber: true,
      givenName: 'Margaret',
      familyName: 'Ellison',
      dateOfBirth: '1941-04-18',
      postcode: 'NE1 4XX',
      phone: '01632 960 101',
      preferredContact: 'phone',
      accessibilityNeeds: 'Hard of hearing: speak clearly, face to face if possible',
    },
    reasons: ['loneliness', 'bereavement', 'frequent_attendance'],
    details:
      'Widowed in the spring. Has seen the practice nine times since, mostly for reassurance. Would like company and something to get out of the house for.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: 'N99001',
    referrerEmail: RACHEL,
    source: 'practice',
    hoursAgo: 7,
    person: {
      hasNhsNumber: true,
      givenName: 'Daniel',
      familyName: 'Okoro',
      dateOfBirth: '1988-09-02',
      postcode: 'NE2 1AB',
      phone: '07700 900 201',
      email: 'daniel.okoro@example.org',
      preferredContact: 'text',
    },
    reasons: ['debt', 'stress', 'employment'],
    details: 'Lost his job in March; rent arrears and a letter from the bailiffs. Sleeping badly.',
    urgency: 'soon',
    consentToShare: true,
  },
  {
    practice: 'N99002',
    source: 'practice',
    referrer: { name: 'Nurse Jo Patel', organisation: 'Hillview Medical Centre', contact: '01632 960 555' },
    hoursAgo: 20,
    person: {
      hasNhsNumber: true,
      givenName: 'Stanisław',
      familyName: 'Nowak',
      dateOfBirth: '1957-12-11',
      postcode: 'NE3 2CD',
      phone: '01632 960 102',
      preferredContact: 'phone',
      language: 'Polish',
      interpreterNeeded: true,
    },
    reasons: ['ltc_self_management', 'physical_inactivity', 'weight'],
    details: 'Type 2 diabetes, HbA1c rising. Keen to be more active but unsure where to start.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: 'N99003',
    source: 'practice',
    referrer: { name: 'Dr Amir Haddad', organisation: 'Castlegate Health Centre', contact: '01632 960 556' },
    hoursAgo: 30,
    person: {
      hasNhsNumber: true,
      givenName: 'Chloe',
      familyName: 'Varga',
      dateOfBirth: '2001-02-27',
      postcode: 'NE4 5EF',
      phone: '07700 900 202',
      preferredContact: 'text',
    },
    reasons: ['anxiety', 'social_isolation'],
    details: 'Moved to the area for university, not leaving her flat much. Declined counselling for now.',
    urgency: 'soon',
    consentToShare: false,
  },
  {
    practice: null,
    pcn: 'U99001',
    source: 'professional',
    referrer: {
      name: 'Kerry Lewis',
      organisation: 'Northshire Housing Association',
      contact: 'kerry.lewis@housing.example',
    },
    hoursAgo: 52,
    person: {
      hasNhsNumber: true,
      givenName: 'Raymond',
      familyName: 'Pryce',
      dateOfBirth: '1964-06-30',
      postcode: 'NE6 3GH',
      phone: '07700 900 203',
      preferredContact: 'phone',
    },
    reasons: ['housing', 'money', 'carer_strain'],
    details: 'Cares for his mother at home. Damp in the flat; benefits stopped after a missed reassessment.',
    urgency: 'urgent',
    consentToShare: true,
    safeguarding: true,
  },
  {
    practice: null,
    pcn: 'U99001',
    source: 'self',
    hoursAgo: 75,
    person: {
      hasNhsNumber: false,
      givenName: 'Amara',
      familyName: 'Diallo',
      dateOfBirth: '1979-10-05',
      postcode: 'NE1 7JK',
      email: 'amara.diallo@example.org',
      preferredContact: 'email',
      language: 'French',
    },
    reasons: ['low_mood', 'social_isolation'],
    details: 'Saw the poster at the library. Would like to meet people and practise her English.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: 'N99011',
    referrerEmail: SAM,
    source: 'practice',
    hoursAgo: 5,
    person: {
      hasNhsNumber: true,
      givenName: 'Eileen',
      familyName: 'McAllister',
      dateOfBirth: '1936-01-22',
      postcode: 'DL8 1LM',
      phone: '01632 960 103',
      preferredContact: 'letter',
      accessibilityNeeds: 'Partially sighted: large print letters',
    },
    reasons: ['frailty', 'loneliness'],
    details: 'Two falls this winter. Daughter lives abroad. Would welcome a befriender.',
    urgency: 'soon',
    consentToShare: true,
  },
  {
    practice: 'N99011',
    referrerEmail: SAM,
    source: 'practice',
    hoursAgo: 28,
    person: {
      hasNhsNumber: true,
      givenName: 'Tyler',
      familyName: 'Brennan',
      dateOfBirth: '1995-08-14',
      postcode: 'DL8 2NP',
      phone: '07700 900 204',
      preferredContact: 'phone',
    },
    reasons: ['stress', 'benefits'],
    details: 'Universal Credit claim stuck; struggling to manage forms online.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: 'N99012',
    source: 'practice',
    referrer: { name: 'Dr Helen Ward', organisation: 'Dalesbridge Surgery', contact: '01632 960 557' },
    hoursAgo: 96,
    person: {
      hasNhsNumber: true,
      givenName: 'Gwen',
      familyName: 'Hartley',
      dateOfBirth: '1969-03-09',
      postcode: 'DL11 6QR',
      phone: '01632 960 104',
      preferredContact: 'phone',
    },
    reasons: ['carer_strain', 'low_mood'],
    details: 'Full-time carer for her husband with dementia. Exhausted, no breaks since the day centre closed.',
    urgency: 'soon',
    consentToShare: true,
  },
  {
    practice: 'N99021',
    source: 'practice',
    referrer: { name: 'Dr Priyanka Rao', organisation: 'Harbour View Surgery', contact: '01632 960 558' },
    hoursAgo: 9,
    person: {
      hasNhsNumber: true,
      givenName: 'Colin',
      familyName: 'Fairbairn',
      dateOfBirth: '1952-11-01',
      postcode: 'TS5 4ST',
      phone: '01632 960 105',
      preferredContact: 'phone',
    },
    reasons: ['physical_inactivity', 'ltc_self_management'],
    details: 'COPD. Finished pulmonary rehab and wants to keep walking with others.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: 'N99024',
    source: 'practice',
    referrer: { name: 'Sue Gill, practice nurse', organisation: 'Saltmarsh Surgery', contact: '01632 960 559' },
    hoursAgo: 46,
    person: {
      hasNhsNumber: true,
      givenName: 'Jordan',
      familyName: 'Achebe',
      dateOfBirth: '1983-05-25',
      postcode: 'TS7 8UV',
      phone: '07700 900 205',
      email: 'jordan.achebe@example.org',
      preferredContact: 'email',
    },
    reasons: ['weight', 'low_mood'],
    details: 'Would like support to lose weight; interested in a cooking group.',
    urgency: 'routine',
    consentToShare: true,
  },
  {
    practice: null,
    pcn: 'U99003',
    source: 'professional',
    referrer: {
      name: 'Mark Tennant',
      organisation: 'Coastal Citizens Advice',
      contact: '01632 960 600',
    },
    hoursAgo: 120,
    person: {
      hasNhsNumber: false,
      givenName: 'Leah',
      familyName: 'Sutcliffe',
      dateOfBirth: '1990-07-19',
      postcode: 'TS6 1WX',
      phone: '07700 900 206',
      preferredContact: 'text',
    },
    reasons: ['debt', 'housing', 'anxiety'],
    details: 'Facing eviction; two young children. Needs help with a debt plan and someone to talk to.',
    urgency: 'urgent',
    consentToShare: true,
  },
];

/**
 * Valid NHS numbers in the test range, in a fixed order (the same on every fresh start). Callers
 * give each kind of demo data its own `from`, far enough apart that the numbers never meet.
 */
export function demoNhsNumbers(count: number, from = 123_000): string[] {
  const found: string[] = [];
  for (let n = from; found.length < count; n += 37) {
    const nine = `999${String(n).padStart(6, '0')}`;
    for (let check = 0; check <= 9; check++) {
      if (nhsNumberProblem(`${nine}${check}`) === null) {
        found.push(`${nine}${check}`);
        break;
      }
    }
  }
  return found;
}

const digitsOnly = (phone: string | undefined) => (phone ? phone.replace(/\s+/g, '') : null);

/** Inserts the demo referrals (status 'received', each with its 'received' event). */
export async function insertDemoReferrals(tx: Tx, icbId: string): Promise<void> {
  const orgs = await tx
    .select({ practiceId: practices.id, practiceCode: practices.code, pcnId: pcns.id, pcnCode: pcns.code })
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(eq(pcns.icbId, icbId));
  const practiceByCode = new Map(orgs.map((o) => [o.practiceCode, o]));
  const pcnByCode = new Map(orgs.map((o) => [o.pcnCode, o.pcnId]));
  const referrerEmails = [...new Set(DEMO_REFERRALS.flatMap((r) => (r.referrerEmail ? [r.referrerEmail] : [])))];
  const referrerRows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, referrerEmails));
  const userByEmail = new Map(referrerRows.map((u) => [u.email, u.id]));
  const nhsNumbers = demoNhsNumbers(DEMO_REFERRALS.length);
  const now = Date.now();

  for (const [i, r] of DEMO_REFERRALS.entries()) {
    const practice = r.practice ? practiceByCode.get(r.practice) : undefined;
    const pcnId = practice?.pcnId ?? (r.pcn ? pcnByCode.get(r.pcn) : undefined);
    if (!pcnId || (r.practice && !practice)) throw new Error(`demo referral ${i}: organisation missing`);
    const referrerUserId = r.referrerEmail ? userByEmail.get(r.referrerEmail) : undefined;
    if (r.referrerEmail && !referrerUserId) throw new Error(`demo referral ${i}: referrer ${r.referrerEmail} missing`);
    const p = r.person;
    const [person] = await tx
      .insert(people)
      .values({
        icbId,
        nhsNumber: p.hasNhsNumber ? nhsNumbers[i] : null,
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        postcode: p.postcode,
        phone: digitsOnly(p.phone),
        email: p.email ?? null,
        preferredContact: p.preferredContact,
        language: p.language ?? 'English',
        interpreterNeeded: p.interpreterNeeded ?? false,
        accessibilityNeeds: p.accessibilityNeeds ?? null,
        practiceId: practice?.practiceId ?? null,
        ...demoEqualityAnswers(i),
      })
      .returning();
    if (!person) throw new Error('person insert returned nothing');
    await linkPerson(tx, { personId: person.id, icbId, pcnId, practiceId: practice?.practiceId ?? null });
    const receivedAt = new Date(now - r.hoursAgo * 3_600_000);
    const [referral] = await tx
      .insert(referrals)
      .values({
        personId: person.id,
        personDetails: detailsOfRecord(person),
        icbId,
        pcnId,
        practiceId: practice?.practiceId ?? null,
        source: r.source,
        referrerUserId: referrerUserId ?? null,
        referrerName: r.referrer?.name ?? null,
        referrerOrganisation: r.referrer?.organisation ?? null,
        referrerContact: r.referrer?.contact ?? null,
        reasons: r.reasons,
        details: r.details,
        urgencyRequested: r.urgency,
        consentToReferral: true,
        consentToShare: r.consentToShare,
        safeguardingConcern: r.safeguarding ?? false,
        status: 'received',
        receivedAt,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      })
      .returning({ id: referrals.id });
    if (!referral) throw new Error('referral insert returned nothing');
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      type: 'received',
      fromStatus: null,
      toStatus: 'received',
      at: receivedAt,
      actorUserId: referrerUserId ?? null,
      details: { source: r.source, personMatch: 'new_person', demo: true },
    });
  }
}
