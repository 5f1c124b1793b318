import type { ContactMethod } from '../../../common/referrals.js';
import type { Random } from './random.js';

// Invented people for the demo cases. Phone numbers are from Ofcom's drama ranges
// (01632 960xxx, 07700 900xxx) and postcodes from the synthetic ONSPD sample the demo ships
// (server/seed/data), so the directory can measure distances from them.

const GIVEN = {
  female: [
    'Barbara',
    'Deborah',
    'Fatima',
    'Helen',
    'Joan',
    'Linda',
    'Nadia',
    'Patricia',
    'Sandra',
    'Una',
    'Wendy',
    'Yasmin',
    'Zoe',
    'Brenda',
    'Doreen',
    'Farah',
    'Heather',
    'Jasmine',
    'Lorraine',
    'Nicola',
    'Pauline',
    'Shirley',
    'Valerie',
    'Agnes',
    'Carol',
  ],
  male: [
    'Alan',
    'Carl',
    'Edward',
    'George',
    'Imran',
    'Kevin',
    'Malcolm',
    'Owen',
    'Rashid',
    'Trevor',
    'Victor',
    'Arthur',
    'Craig',
    'Ewan',
    'Gordon',
    'Ian',
    'Keith',
    'Martin',
    'Oliver',
    'Reece',
    'Terence',
    'William',
    'Bilal',
    'Derek',
    'Stuart',
  ],
} as const;

const FAMILY = [
  'Armstrong',
  'Bell',
  'Charlton',
  'Dodds',
  'Elliott',
  'Forster',
  'Graham',
  'Hussain',
  'Irving',
  'Jobling',
  'Kerr',
  'Liddell',
  'Milburn',
  'Nesbitt',
  'Ord',
  'Patterson',
  'Robson',
  'Shevlin',
  'Tait',
  'Urwin',
  'Vickers',
  'Wardle',
  'Younger',
  'Ahmed',
  'Brannigan',
  'Cowie',
  'Dixon',
  'Errington',
  'Fenwick',
  'Gibson',
  'Hedley',
  'Iqbal',
  'Johnson',
  'Kowalski',
  'Lamb',
  'Marshall',
  'Nichol',
  'Oliver',
  'Pearson',
  'Ridley',
  'Straughan',
  'Thompson',
  'Usher',
  'Walton',
  'Yates',
  'Appleby',
  'Bainbridge',
  'Coates',
  'Dunn',
  'Embleton',
];

/** Live postcodes of the demo area of each PCN (from server/seed/data/onspd-sample.csv). */
const POSTCODES: Record<string, string[]> = {
  central: [
    'NE1 3NF',
    'NE1 5JP',
    'NE1 8EB',
    'NE2 2JW',
    'NE2 4QX',
    'NE3 5DE',
    'NE4 7PA',
    'NE5 3PW',
    'NE6 5DD',
    'NE6 1JR',
  ],
  riverside: ['DL8 1PN', 'DL8 2AN', 'DL8 3QL', 'DL8 5EU', 'DL8 7HF', 'DL10 5PT', 'DL10 7LJ', 'DL11 3AQ', 'DL11 6PN'],
  coastal: ['TS5 2PA', 'TS5 7AN', 'TS6 1LH', 'TS6 7HD', 'TS7 1NY', 'TS7 4QD', 'TS10 3FN', 'TS12 6BA', 'TS12 8NL'],
};

const LANGUAGES: { language: string; interpreterNeeded: boolean }[] = [
  { language: 'Polish', interpreterNeeded: true },
  { language: 'Urdu', interpreterNeeded: false },
  { language: 'Arabic', interpreterNeeded: true },
  { language: 'Punjabi', interpreterNeeded: false },
];

export interface DemoPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  phone: string | null;
  email: string | null;
  preferredContact: ContactMethod;
  language: string;
  interpreterNeeded: boolean;
  accessibilityNeeds: string | null;
}

/**
 * The n-th invented woman or man of the demo. `index` counts over every case of that sex in the
 * demo, so no two demo people share a name, a phone number or an email address.
 */
export function demoPerson(
  index: number,
  who: { sex: 'female' | 'male'; ages: readonly [number, number] },
  pcnSlug: string,
  random: Random,
  seededAt: Date,
): DemoPerson {
  const given = GIVEN[who.sex];
  // Coprime strides walk both lists; the shift per round keeps every pair new for 625 people.
  const givenName = given[(index * 7) % given.length] as string;
  // Women and men walk the family names in different orders, so the n-th of each are not kin.
  const stride = who.sex === 'female' ? 11 : 13;
  const familyName = FAMILY[(index * stride + Math.floor(index / given.length)) % FAMILY.length] as string;
  const age = random.int(who.ages[0], who.ages[1]);
  const born = new Date(Date.UTC(seededAt.getUTCFullYear() - age, random.int(0, 11), random.int(1, 28)));
  const mobile = age < 75 || random.chance(0.3);
  const serial = String((who.sex === 'female' ? 300 : 700) + (index % 200)).padStart(3, '0');
  const phone = mobile ? `07700900${serial}` : `01632960${serial}`;
  const hasEmail = age < 60 && random.chance(0.5);
  const email = hasEmail ? `${givenName}.${familyName}.${who.sex[0]}${index}@example.org`.toLowerCase() : null;
  const preferredContact: ContactMethod =
    email && random.chance(0.4) ? 'email' : mobile && random.chance(0.4) ? 'text' : 'phone';
  const speaks = random.chance(0.12) ? random.pick(LANGUAGES) : { language: 'English', interpreterNeeded: false };
  return {
    givenName,
    familyName,
    dateOfBirth: born.toISOString().slice(0, 10),
    postcode: random.pick(POSTCODES[pcnSlug] ?? []),
    phone,
    email,
    preferredContact,
    language: speaks.language,
    interpreterNeeded: speaks.interpreterNeeded,
    accessibilityNeeds:
      age > 80 && random.chance(0.5) ? 'Hard of hearing: speak clearly, face to face if possible' : null,
  };
}
