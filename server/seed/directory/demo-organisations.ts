import type { DirectoryOrganizationInput } from '../../../common/directory.js';
import { demoId } from './demo-ids.js';

// Invented community organisations for the demo directory. None is a real charity: charity
// numbers are in the made-up range 9990001+ and company numbers in 99900001+ (the two demo VCS
// partner organisations keep the numbers demo.ts gives them). Phones are Ofcom drama numbers.

export interface DemoOrganisation {
  name: string;
  description: string;
  /** Office phone: 0191 496 0xxx (Tyneside) or 01632 960xxx (elsewhere). */
  phone: string;
  charityNumber?: string;
  companyNumber?: string;
  /** The demo VCS partner organisation (by name, as in demo.ts) whose users edit these listings. */
  vcsPartner?: string;
}

export const DEMO_ORGANISATIONS = {
  connect: {
    name: 'Northshire Community Connect',
    description:
      'A community development charity running befriending, lunch clubs and volunteer-led groups across Northshire.',
    phone: '0191 496 0100',
    charityNumber: '1999001',
    vcsPartner: 'Northshire Community Connect',
  },
  dalesWalking: {
    name: 'Dales Walking Friends',
    description: 'Volunteer walk leaders running short, friendly health walks in the Dales towns and villages.',
    phone: '01632 960100',
    charityNumber: '1999002',
    vcsPartner: 'Dales Walking Friends',
  },
  riversideWalks: {
    name: 'Riverside Walking Friends',
    description: 'A walking group for people who want to get out, get moving and meet others along the river.',
    phone: '0191 496 0101',
    charityNumber: '9990001',
  },
  greenSpaces: {
    name: 'Northshire Green Spaces Trust',
    description: 'Looks after parks and green spaces with local people: health walks, gardening and conservation days.',
    phone: '0191 496 0102',
    charityNumber: '9990002',
    companyNumber: '99900001',
  },
  tyneviewShed: {
    name: "Tyneview Men's Shed",
    description: 'A workshop where people, mostly older men, make, mend and chat. Everyone is welcome.',
    phone: '0191 496 0103',
    charityNumber: '9990003',
  },
  quaysideArts: {
    name: 'Quayside Arts Collective',
    description: 'Community arts: painting, printmaking, photography and creative writing for all abilities.',
    phone: '0191 496 0104',
    charityNumber: '9990004',
  },
  northshireMoney: {
    name: 'Northshire Money Matters',
    description: 'Free, confidential advice on debts, benefits and money worries.',
    phone: '0191 496 0105',
    charityNumber: '9990005',
    companyNumber: '99900002',
  },
  homeFirst: {
    name: 'Home First Northshire',
    description: 'Housing advice: tenancy problems, repairs, damp, homelessness prevention and finding a home.',
    phone: '0191 496 0106',
    charityNumber: '9990006',
    companyNumber: '99900003',
  },
  carersNetwork: {
    name: "Northshire Carers' Network",
    description: 'Support for unpaid carers of any age: information, carers’ cafés, breaks and a listening ear.',
    phone: '0191 496 0107',
    charityNumber: '9990007',
    companyNumber: '99900004',
  },
  mindsTogether: {
    name: 'Minds Together Northshire',
    description: 'Peer-led mental wellbeing groups and drop-ins. Not a crisis service.',
    phone: '0191 496 0108',
    charityNumber: '9990008',
  },
  learningLinks: {
    name: 'Learning Links Northshire',
    description: 'Informal adult learning, English conversation clubs and volunteering opportunities.',
    phone: '0191 496 0109',
    charityNumber: '9990009',
  },
  workWell: {
    name: 'WorkWell North',
    description: 'Help back into work: job clubs, CVs, interview practice and confidence building.',
    phone: '0191 496 0110',
    companyNumber: '99900005',
  },
  pantryNetwork: {
    name: 'Community Pantry Network',
    description: 'Membership food pantries: a bag of shopping worth much more than you pay, and a cuppa.',
    phone: '0191 496 0111',
    charityNumber: '9990010',
  },
  digitalFriends: {
    name: 'Digital Friends Northshire',
    description: 'Patient, one-to-one help with phones, tablets and getting online, and devices to borrow.',
    phone: '0191 496 0112',
    charityNumber: '9990011',
  },
  breatheTogether: {
    name: 'Breathe Together Northshire',
    description: 'Peer support and gentle exercise for people living with long-term health conditions.',
    phone: '0191 496 0113',
    charityNumber: '9990012',
  },
  forgetMeNot: {
    name: 'Forget-Me-Not Bereavement Circle',
    description: 'Bereavement cafés and a support line run by trained volunteers.',
    phone: '0191 496 0114',
    charityNumber: '9990013',
  },
  recoveryRoad: {
    name: 'Recovery Road Northshire',
    description: 'Peer recovery groups and family support for people affected by alcohol and drugs.',
    phone: '0191 496 0115',
    charityNumber: '9990014',
    companyNumber: '99900006',
  },
  gosforthGrowing: {
    name: 'Gosforth Growing Together',
    description: 'A community allotment where anyone can come and grow, whatever their experience.',
    phone: '0191 496 0116',
    charityNumber: '9990015',
  },
  bykerSingers: {
    name: 'Byker Singers',
    description: 'A friendly community choir. No auditions and no need to read music.',
    phone: '0191 496 0117',
  },
  fenhamWomen: {
    name: "Fenham Women's Circle",
    description: 'A welcoming space for women from all backgrounds, with volunteers who speak Urdu and Arabic.',
    phone: '0191 496 0118',
    charityNumber: '9990016',
  },
  polonia: {
    name: 'Polonia North',
    description: 'A Polish community association: social mornings, advice sessions and family events.',
    phone: '0191 496 0119',
    charityNumber: '9990017',
  },
  deafSocial: {
    name: 'Northshire Deaf Social Club',
    description: 'Social events and information sessions in British Sign Language.',
    phone: '0191 496 0120',
    charityNumber: '9990018',
  },
  youthSpace: {
    name: 'Youth Space Northshire',
    description: 'Youth clubs, wellbeing groups and one-to-one support for young people aged 11 to 18.',
    phone: '0191 496 0121',
    charityNumber: '9990019',
    companyNumber: '99900007',
  },
  ageWell: {
    name: 'Age Well Northshire',
    description: 'Activities, exercise and friendship for people aged 65 and over.',
    phone: '0191 496 0122',
    charityNumber: '9990020',
    companyNumber: '99900008',
  },
  safeHaven: {
    name: 'Safe Haven Northshire',
    description: 'Refuge accommodation and outreach for women and children escaping domestic abuse.',
    phone: '0191 496 0123',
    charityNumber: '9990021',
    companyNumber: '99900009',
  },
  dalesCarers: {
    name: "Dales Carers' Support",
    description: 'Support for unpaid carers in the rural Dales, including home visits where travel is hard.',
    phone: '01632 960101',
    charityNumber: '9990022',
  },
  arkleBeck: {
    name: 'Arkle Beck Community Farm',
    description: 'A working farm where volunteers care for animals and grow vegetables, with support.',
    phone: '01632 960102',
    charityNumber: '9990023',
  },
  richmondMakers: {
    name: 'Richmond Makers',
    description: 'Pottery, woodwork and textiles workshops for people who want to make things together.',
    phone: '01632 960103',
    charityNumber: '9990024',
  },
  dalesFoodShare: {
    name: 'Dales Food Share',
    description: 'Surplus food shared through village pantries and a shared lunch.',
    phone: '01632 960104',
    charityNumber: '9990025',
  },
  teesCoastStrollers: {
    name: 'Tees Coast Strollers',
    description: 'Short health walks along the coast and through the parks of Teesside.',
    phone: '01632 960105',
    charityNumber: '9990026',
  },
  redcarShed: {
    name: "Redcar Men's Shed",
    description: 'A community workshop by the sea: woodwork, bike repairs and good company.',
    phone: '01632 960106',
    charityNumber: '9990027',
  },
  saltburnSurf: {
    name: 'Saltburn Surf Therapy Project',
    description: 'Surfing and beach sessions that support mental wellbeing. Wetsuits provided.',
    phone: '01632 960107',
    charityNumber: '9990028',
    companyNumber: '99900010',
  },
  estonFoodBank: {
    name: 'Eston Community Food Bank',
    description: 'Emergency food parcels and a community pantry, with advice on the spot.',
    phone: '01632 960108',
    charityNumber: '9990029',
  },
  coastalMoney: {
    name: 'Coastal Debt and Benefits Advice',
    description: 'Free advice on debts, benefits and energy bills for people on the coast.',
    phone: '01632 960109',
    charityNumber: '9990030',
  },
  talkingSpace: {
    name: 'Teesside Talking Space',
    description: 'Drop-in wellbeing support and peer groups: somewhere to talk without an appointment.',
    phone: '01632 960110',
    charityNumber: '9990031',
  },
  nunthorpeSports: {
    name: 'Nunthorpe Walking Sports Club',
    description: 'Walking football, walking netball and bowls: sport at a gentler pace.',
    phone: '01632 960111',
  },
  linthorpeChoir: {
    name: 'Linthorpe Community Choir',
    description: 'A community choir singing pop, folk and gospel. Everyone welcome.',
    phone: '01632 960112',
  },
  coastalYoungCarers: {
    name: 'Coastal Young Carers',
    description: 'Groups, trips and support for young carers aged 8 to 18 on the coast.',
    phone: '01632 960113',
    charityNumber: '9990032',
  },
  valleyVolunteers: {
    name: 'Saltburn Valley Volunteers',
    description: 'Conservation volunteering in the woods and gardens of the valley.',
    phone: '01632 960114',
    charityNumber: '9990033',
  },
  pedalTogether: {
    name: 'Pedal Together Northshire',
    description: 'Led bike rides, adapted bikes and cycling confidence sessions.',
    phone: '0191 496 0124',
    charityNumber: '9990034',
  },
  chatterbox: {
    name: 'Chatterbox Befriending',
    description: 'Friendly weekly phone calls and home visits for people who feel lonely.',
    phone: '0191 496 0125',
    charityNumber: '9990035',
  },
} satisfies Record<string, DemoOrganisation>;

export type OrganisationKey = keyof typeof DEMO_ORGANISATIONS;

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The fixed id of a demo organisation: the services/*.json documents name it. */
export const demoOrganisationId = (key: OrganisationKey) => demoId(`organization:${key}`);

/** A demo organisation as the directory writer takes it, linked to its VCS partner (by name) if it has one. */
export function buildDemoOrganisation(
  key: OrganisationKey,
  vcsOrganisationIds: Record<string, string>,
): DirectoryOrganizationInput {
  const org: DemoOrganisation = DEMO_ORGANISATIONS[key];
  const identifiers: NonNullable<DirectoryOrganizationInput['identifiers']> = [];
  if (org.charityNumber) {
    identifiers.push({ identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: org.charityNumber });
  }
  if (org.companyNumber) {
    identifiers.push({ identifier_scheme: 'GB-COH', identifier_type: 'Company number', identifier: org.companyNumber });
  }
  return {
    id: demoOrganisationId(key),
    name: org.name,
    description: org.description,
    email: `${slug(org.name)}@example.org`,
    website: `https://example.org/${slug(org.name)}`,
    vcs_organisation_id: org.vcsPartner ? (vcsOrganisationIds[org.vcsPartner] ?? null) : null,
    identifiers,
  };
}
